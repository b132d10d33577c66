// Rolling a key: the new key works at once, the old one until its overlap ends (cached or not), and never after.
import { beforeAll, describe, expect, it } from 'vitest'
import { createApiKey } from '../src/keys/store.js'
import { DEFAULT_NOW, useHarness } from './harness.js'
import { type Clinic, createClinic, expectError, issuePaths } from './security/fixtures.js'

const harness = useHarness()
const HOUR = 60 * 60 * 1000
let clinic: Clinic

beforeAll(async () => {
  clinic = await createClinic(harness)
})

const roll = (keyId: string, body?: object, token = clinic.sk) =>
  harness.call('POST', `/v1/keys/${keyId}/roll`, { token, ...(body !== undefined && { body }) })
const listed = async (keyId: string) =>
  ((await harness.call('GET', '/v1/keys', { token: clinic.sk })).body.data as any[]).find(
    (key) => key.id === keyId,
  )
const works = async (token: string) => (await harness.call('GET', '/v1/clinic', { token })).status

/** A secret key of the test clinic, made outside the API so no request has cached it yet. */
async function secretKey(label: string | null = 'Practice system', mode: 'test' | 'live' = 'test') {
  return createApiKey(harness.deps.system, clinic.clinicId, { kind: 'secret', mode, label })
}

describe('rolling a key', () => {
  it('issues a like key at once and keeps the old one working until the overlap ends', async () => {
    harness.clock.now = DEFAULT_NOW
    const old = await secretKey()
    expect(await works(old.token)).toBe(200) // now remembered by this process

    const rolled = await roll(old.key.id, { overlapHours: 2 })
    expect(rolled.status).toBe(201)
    const { key, token, previous } = rolled.body
    expect(key).toMatchObject({ kind: 'secret', mode: 'test', label: 'Practice system', expiresAt: null })
    expect(key.id).not.toBe(old.key.id)
    expect(token).toMatch(/^sk_test_/)
    expect(token).not.toBe(old.token)
    const endsAt = new Date(DEFAULT_NOW + 2 * HOUR).toISOString()
    expect(previous).toMatchObject({ id: old.key.id, expiresAt: endsAt, replacedBy: key.id, revokedAt: null })
    expect(await listed(old.key.id)).toEqual(previous)
    expect((await listed(key.id)).expiresAt).toBeNull()
    expect(JSON.stringify((await harness.call('GET', '/v1/keys', { token: clinic.sk })).body)).not.toContain(
      token,
    )

    expect(await works(token)).toBe(200)
    harness.clock.now = DEFAULT_NOW + 2 * HOUR - 1
    expect(await works(old.token)).toBe(200)
    harness.clock.now = DEFAULT_NOW + 2 * HOUR
    expectError(await harness.call('GET', '/v1/clinic', { token: old.token }), 401, 'UNAUTHENTICATED')
    expect(await works(token)).toBe(200)
    harness.clock.now = DEFAULT_NOW
  })

  it('stops a key that was looked up during its overlap once the overlap ends', async () => {
    harness.clock.now = DEFAULT_NOW
    const old = await secretKey()
    await roll(old.key.id, { overlapHours: 1 })
    // Looked up after the roll, so remembered with its expiry; no change notice will come when it passes.
    expect(await works(old.token)).toBe(200)
    expect(await works(old.token)).toBe(200)
    harness.clock.now = DEFAULT_NOW + HOUR
    expect(await works(old.token)).toBe(401)
    harness.clock.now = DEFAULT_NOW
  })

  it('gives 24 hours of overlap when no body is sent, and none with overlapHours 0', async () => {
    harness.clock.now = DEFAULT_NOW
    const old = await secretKey()
    const rolled = await roll(old.key.id)
    expect(rolled.status).toBe(201)
    expect(rolled.body.previous.expiresAt).toBe(new Date(DEFAULT_NOW + 24 * HOUR).toISOString())

    const now = await secretKey()
    expect(await works(now.token)).toBe(200)
    const cut = await roll(now.key.id, { overlapHours: 0 })
    expect(cut.status).toBe(201)
    expect(await works(now.token)).toBe(401)
    expect(await works(cut.body.token)).toBe(200)
  })

  it('rolls a publishable key into one that works from the same origins', async () => {
    const old = (
      await harness.call('POST', '/v1/keys', {
        token: clinic.sk,
        body: { kind: 'publishable', label: 'Site' },
      })
    ).body
    const rolled = await roll(old.key.id, { overlapHours: 1 })
    expect(rolled.body.key).toMatchObject({ kind: 'publishable', label: 'Site', hint: rolled.body.token })
    expect(rolled.body.token).toMatch(/^pk_test_/)
    expect((await harness.call('GET', '/v1/services', { token: rolled.body.token })).status).toBe(200)
    expect((await harness.call('GET', '/v1/services', { token: old.token })).status).toBe(200)
  })

  it('lets a key roll itself: the caller gets its successor and keeps working through the overlap', async () => {
    const own = await secretKey()
    const rolled = await roll(own.key.id, { overlapHours: 1 }, own.token)
    expect(rolled.status).toBe(201)
    expect(await works(own.token)).toBe(200)
    expect(await works(rolled.body.token)).toBe(200)
  })

  it('records key.roll for the old key and key.create for the new one', async () => {
    const old = await secretKey()
    const rolled = await roll(old.key.id, { overlapHours: 1 })
    const events = await harness.call('GET', `/v1/audit/events?limit=100&actorId=${clinic.secretKeyId}`, {
      token: clinic.sk,
    })
    const actions = events.body.data.map((event: any) => [event.action, event.object.id])
    expect(actions).toContainEqual(['key.roll', old.key.id])
    expect(actions).toContainEqual(['key.create', rolled.body.key.id])
    expect(JSON.stringify(events.body)).not.toContain(rolled.body.token)
  })
})

describe('revoking still works at once', () => {
  it('revokes a rolled key during its overlap, and its successor independently', async () => {
    const old = await secretKey()
    const rolled = await roll(old.key.id, { overlapHours: 24 })
    expect(await works(old.token)).toBe(200)
    await harness.call('POST', `/v1/keys/${old.key.id}/revoke`, { token: clinic.sk })
    expect(await works(old.token)).toBe(401)
    expect(await works(rolled.body.token)).toBe(200)
    await harness.call('POST', `/v1/keys/${rolled.body.key.id}/revoke`, { token: clinic.sk })
    expect(await works(rolled.body.token)).toBe(401)
  })
})

describe('what cannot be rolled', () => {
  it('a revoked, an expired or an already rolled key: 409 KEY_NOT_ROLLABLE, nothing issued', async () => {
    harness.clock.now = DEFAULT_NOW
    const revoked = await secretKey()
    await harness.call('POST', `/v1/keys/${revoked.key.id}/revoke`, { token: clinic.sk })
    const rolledOnce = await secretKey()
    const first = await roll(rolledOnce.key.id, { overlapHours: 1 })
    const expired = await secretKey()
    await roll(expired.key.id, { overlapHours: 0 })

    const before = (await harness.call('GET', '/v1/keys', { token: clinic.sk })).body
    for (const [id, says] of [
      [revoked.key.id, /revoked/],
      [rolledOnce.key.id, /rolled already/],
      [expired.key.id, /expired/],
    ] as const) {
      const refused = await roll(id, { overlapHours: 1 })
      expectError(refused, 409, 'KEY_NOT_ROLLABLE')
      expect(refused.body.error.message).toMatch(says)
    }
    expect((await harness.call('GET', '/v1/keys', { token: clinic.sk })).body).toEqual(before)
    // Its successor can be rolled in turn.
    expect((await roll(first.body.key.id, { overlapHours: 1 })).status).toBe(201)
  })

  it('an overlap outside 0–168 hours: 422 naming overlapHours', async () => {
    const old = await secretKey()
    for (const overlapHours of [-1, 168.5, 1000, '24']) {
      const refused = await roll(old.key.id, { overlapHours })
      expectError(refused, 422, 'VALIDATION_FAILED')
      expect(issuePaths(refused)).toEqual(['overlapHours'])
    }
    expect((await listed(old.key.id)).expiresAt).toBeNull()
    expect((await roll(old.key.id, { overlapHours: 168 })).status).toBe(201)
  })

  it("a live key with a test key: 403; another clinic's key: 404 as for one that does not exist", async () => {
    const live = await secretKey('Live server', 'live')
    expectError(await roll(live.key.id, { overlapHours: 1 }), 403, 'FORBIDDEN')
    expect((await listed(live.key.id)).expiresAt).toBeNull()

    const other = await createClinic(harness)
    const theirs = await roll(other.secretKeyId, { overlapHours: 1 })
    const madeUp = await roll('key_Ghost0000000000000000', { overlapHours: 1 })
    expectError(theirs, 404, 'NOT_FOUND')
    expect(theirs.body.error).toEqual({ ...madeUp.body.error, requestId: theirs.body.error.requestId })
    expect((await harness.call('GET', '/v1/clinic', { token: other.sk })).status).toBe(200)
  })

  it('publishable keys and patient tokens cannot roll keys', async () => {
    const old = await secretKey()
    expectError(await roll(old.key.id, { overlapHours: 1 }, clinic.pk), 403, 'FORBIDDEN')
    expectError(await roll(old.key.id, { overlapHours: 1 }, clinic.booking.manageToken), 403, 'FORBIDDEN')
    expect((await listed(old.key.id)).expiresAt).toBeNull()
  })
})
