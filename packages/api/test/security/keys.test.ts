// API keys: a new token is shown once and stored only as a hash; revoking works at once; a key's kind cannot be borrowed.
import { beforeAll, describe, expect, it } from 'vitest'
import { ORIGIN, useHarness } from '../harness.js'
import { tableRowsMentioning } from './database-scan.js'
import { type Clinic, createClinic, expectError, issuePaths } from './fixtures.js'

const harness = useHarness()
let clinic: Clinic

beforeAll(async () => {
  clinic = await createClinic(harness)
})

const createKey = (body: object, token = clinic.sk) => harness.call('POST', '/v1/keys', { token, body })
const listKeys = async () => (await harness.call('GET', '/v1/keys', { token: clinic.sk })).body.data as any[]

describe('creating a key', () => {
  it('answers the token once: it works, and no later answer contains it', async () => {
    const created = await createKey({ kind: 'secret', label: 'Practice system' })
    expect(created.status).toBe(201)
    const { key, token } = created.body
    expect(token).toMatch(/^sk_test_[A-Za-z0-9_-]{40,}$/)
    expect(key).toMatchObject({ kind: 'secret', mode: 'test', label: 'Practice system', revokedAt: null })
    expect(JSON.stringify(key)).not.toContain(token)
    expect((await harness.call('GET', '/v1/clinic', { token })).status).toBe(200)

    const listed = await harness.call('GET', '/v1/keys', { token })
    expect(listed.body.data.map((entry: { id: string }) => entry.id)).toContain(key.id)
    expect(JSON.stringify(listed.body)).not.toContain(token)
    expect(JSON.stringify(listed.body)).not.toContain(token.slice(8, 30))
  })

  it('lists a secret key by a short hint only, and a publishable key in full', async () => {
    const secret = (await createKey({ kind: 'secret' })).body
    const publishable = (await createKey({ kind: 'publishable' })).body
    const keys = await listKeys()
    const secretEntry = keys.find((entry) => entry.id === secret.key.id)
    const publishableEntry = keys.find((entry) => entry.id === publishable.key.id)
    expect(secretEntry.hint).not.toBe(secret.token)
    expect(secretEntry.hint.startsWith('sk_test_')).toBe(true)
    // Enough to recognise the key, far too little to guess it: at most 8 of its 43 random characters.
    expect(
      secretEntry.hint.replace(/^sk_test_/, '').replace(/[^A-Za-z0-9_-]/g, '').length,
    ).toBeLessThanOrEqual(8)
    expect(publishableEntry.hint).toBe(publishable.token)
    for (const entry of keys) expect(Object.keys(entry)).not.toContain('token')
  })

  it('stores no plain secret token anywhere in the database', async () => {
    const { token, key } = (await createKey({ kind: 'secret', label: 'Dumped' })).body
    expect(await tableRowsMentioning(harness.deps.system, clinic.clinicId, token)).toEqual([])
    const row = await harness.deps.system
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', key.id)
      .executeTakeFirstOrThrow()
    expect(Buffer.from(row.token_hash).toString('utf8')).not.toContain(token)
    expect(row.token_hash.byteLength).toBe(32)
  })

  it('refuses a bad kind or mode with the field named, and creates nothing', async () => {
    const before = await listKeys()
    for (const [body, field] of [
      [{ kind: 'root' }, 'kind'],
      [{ kind: 'secret', mode: 'prod' }, 'mode'],
      // A caller cannot choose its own token. (The path of an unknown key is held to account in route-input.)
      [{ kind: 'secret', token: 'sk_test_chosen_by_me_000000000000' }, /token|^$/],
    ] as const) {
      const response = await createKey(body)
      expectError(response, 422, 'VALIDATION_FAILED')
      expect(issuePaths(response)).toContainEqual(
        typeof field === 'string' ? field : expect.stringMatching(field),
      )
    }
    expect(await listKeys()).toEqual(before)
  })
})

describe('revoking a key', () => {
  it('stops a secret key at once, and says when', async () => {
    const { token, key } = (await createKey({ kind: 'secret' })).body
    expect((await harness.call('GET', '/v1/keys', { token })).status).toBe(200)
    const revoked = await harness.call('POST', `/v1/keys/${key.id}/revoke`, { token: clinic.sk })
    expect(revoked.status).toBe(200)
    expect(revoked.body).toMatchObject({ id: key.id, revokedAt: expect.any(String) })
    expectError(await harness.call('GET', '/v1/keys', { token }), 401, 'UNAUTHENTICATED')
    expectError(await createKey({ kind: 'secret' }, token), 401, 'UNAUTHENTICATED')
    const listed = (await listKeys()).find((entry) => entry.id === key.id)
    expect(listed.revokedAt).toBe(revoked.body.revokedAt)
  })

  it('stops a publishable key at once', async () => {
    const { token, key } = (await createKey({ kind: 'publishable' })).body
    expect((await harness.call('GET', '/v1/services', { token })).status).toBe(200)
    await harness.call('POST', `/v1/keys/${key.id}/revoke`, { token: clinic.sk })
    expectError(await harness.call('GET', '/v1/services', { token }), 401, 'UNAUTHENTICATED')
  })

  it('revoking again keeps the first revocation time', async () => {
    const { key } = (await createKey({ kind: 'publishable' })).body
    const first = await harness.call('POST', `/v1/keys/${key.id}/revoke`, { token: clinic.sk })
    const again = await harness.call('POST', `/v1/keys/${key.id}/revoke`, { token: clinic.sk })
    expect(again.status).toBe(200)
    expect(again.body.revokedAt).toBe(first.body.revokedAt)
  })

  it('a key cannot revoke itself (422 naming id), and keeps working', async () => {
    const response = await harness.call('POST', `/v1/keys/${clinic.secretKeyId}/revoke`, { token: clinic.sk })
    expectError(response, 422, 'VALIDATION_FAILED')
    expect(issuePaths(response)).toEqual(['id'])
    expect((await listKeys()).find((entry) => entry.id === clinic.secretKeyId).revokedAt).toBeNull()
  })

  it("cannot revoke another clinic's key: 404 as for a key that does not exist", async () => {
    const other = await createClinic(harness)
    const theirs = await harness.call('POST', `/v1/keys/${other.secretKeyId}/revoke`, { token: clinic.sk })
    const madeUp = await harness.call('POST', '/v1/keys/key_Ghost0000000000000000/revoke', {
      token: clinic.sk,
    })
    expectError(theirs, 404, 'NOT_FOUND')
    expect(theirs.body.error.message).toBe(madeUp.body.error.message)
    expect((await harness.call('GET', '/v1/keys', { token: other.sk })).status).toBe(200)
  })
})

describe("a key's kind", () => {
  it('a publishable token never acts as a secret key', async () => {
    const { pk } = clinic
    // Without an Origin it is not served at all, as a server key would be.
    expectError(await harness.call('GET', '/v1/keys', { token: pk, origin: null }), 403, 'ORIGIN_NOT_ALLOWED')
    expectError(
      await harness.call('GET', '/v1/clinic', { token: pk, origin: null }),
      403,
      'ORIGIN_NOT_ALLOWED',
    )
    // From the clinic's page it is a publishable key, and secret routes refuse it.
    expectError(await harness.call('GET', '/v1/keys', { token: pk, origin: ORIGIN }), 403, 'FORBIDDEN')
    expectError(await createKey({ kind: 'secret' }, pk), 403, 'FORBIDDEN')
    // Relabelled as a secret key, the same random part is simply unknown.
    const relabelled = pk.replace(/^pk_test_/, 'sk_test_')
    expectError(
      await harness.call('GET', '/v1/keys', { token: relabelled, origin: null }),
      401,
      'UNAUTHENTICATED',
    )
  })

  it('a secret token relabelled as publishable is unknown too', async () => {
    const relabelled = clinic.sk.replace(/^sk_test_/, 'pk_test_')
    expectError(
      await harness.call('GET', '/v1/services', { token: relabelled, origin: ORIGIN }),
      401,
      'UNAUTHENTICATED',
    )
  })

  it('a visit or manage token never acts as a key, nor as each other', async () => {
    const { visitToken, manageToken, id } = clinic.booking
    expectError(await harness.call('GET', '/v1/keys', { token: visitToken }), 403, 'FORBIDDEN')
    expectError(await harness.call('GET', '/v1/keys', { token: manageToken }), 403, 'FORBIDDEN')
    const asManage = visitToken.replace(/^vt_/, 'mt_')
    expectError(
      await harness.call('POST', `/v1/bookings/${id}/cancel`, { token: asManage, body: {} }),
      401,
      'UNAUTHENTICATED',
    )
    const asVisit = manageToken.replace(/^mt_/, 'vt_')
    expectError(await harness.call('GET', `/v1/bookings/${id}`, { token: asVisit }), 401, 'UNAUTHENTICATED')
  })
})
