// API keys and clinic settings kept in memory: every change reaches the process through PostgreSQL's
// change notices, a change made here is seen at once, and while notices cannot flow nothing remembered is used.
import { sql } from 'kysely'
import { describe, expect, inject, it } from 'vitest'
import { createTestClinic, ORIGIN, useHarness } from './harness.js'

const harness = useHarness()
const storage = inject('storage')
/** On a server the notice travels over another connection: it arrives within moments, not in the same instant. */
const soon = { timeout: 3000, interval: 20 }

const clinicStatus = async (token: string, origin?: string) =>
  (await harness.call('GET', '/v1/clinic', { token, ...(origin !== undefined && { origin }) })).status

/** What another process, or someone at a SQL prompt, would do: no request of ours is involved. */
const revokeSecretKeysInDatabase = (clinicId: string) =>
  harness.deps.system
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('clinic_id', '=', clinicId)
    .where('kind', '=', 'secret')
    .execute()

describe('a key remembered by this process', () => {
  it('stops working once it is revoked straight in the database, as another process would', async () => {
    const clinic = await createTestClinic(harness)
    expect(await clinicStatus(clinic.sk)).toBe(200)
    expect(await clinicStatus(clinic.sk)).toBe(200)
    await revokeSecretKeysInDatabase(clinic.clinicId)
    await expect.poll(() => clinicStatus(clinic.sk), soon).toBe(401)
  })

  it("follows the clinic's allowed origins when they change in the database", async () => {
    const clinic = await createTestClinic(harness)
    const moved = 'https://new-site.example'
    expect(await clinicStatus(clinic.pk, ORIGIN)).toBe(200)
    expect(await clinicStatus(clinic.pk, moved)).toBe(403)
    await harness.deps.system
      .updateTable('clinics')
      .set({ allowed_origins: [moved] })
      .where('id', '=', clinic.clinicId)
      .execute()
    await expect.poll(() => clinicStatus(clinic.pk, moved), soon).toBe(200)
    expect(await clinicStatus(clinic.pk, ORIGIN)).toBe(403)
  })

  it('is refused at once after this process revokes it through the API', async () => {
    const clinic = await createTestClinic(harness)
    const created = await harness.call('POST', '/v1/keys', { token: clinic.sk, body: { kind: 'secret' } })
    const { token, key } = created.body
    expect(await clinicStatus(token)).toBe(200)
    const revoked = await harness.call('POST', `/v1/keys/${key.id}/revoke`, { token: clinic.sk })
    expect(revoked.status).toBe(200)
    expect(await clinicStatus(token)).toBe(401)
  })

  it('sees a new hold time at once after this process changes it through the API', async () => {
    const clinic = await createTestClinic(harness)
    const before = await harness.call('GET', '/v1/clinic/settings', { token: clinic.sk })
    const patched = await harness.call('PATCH', '/v1/clinic', {
      token: clinic.sk,
      body: { policy: { holdMinutes: before.body.policy.holdMinutes + 7 } },
    })
    expect(patched.status).toBe(200)
    const after = await harness.call('GET', '/v1/clinic/settings', { token: clinic.sk })
    expect(after.body.policy.holdMinutes).toBe(before.body.policy.holdMinutes + 7)
  })
})

describe.runIf(storage.kind === 'postgres')('when the change notices stop', () => {
  it('uses nothing remembered until they flow again, then remembers again', async () => {
    const clinic = await createTestClinic(harness)
    const spare = (await harness.call('POST', '/v1/keys', { token: clinic.sk, body: { kind: 'secret' } }))
      .body
    expect(await clinicStatus(spare.token)).toBe(200)
    const changes = harness.opened.changes

    // Cut the listening connection, as a server restart or a network fault would.
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
               WHERE application_name = 'frontdesk-changes' AND datname = current_database()`.execute(
      harness.deps.system,
    )
    await expect.poll(() => changes.live, soon).toBe(false)
    // Used and then revoked while no notice can arrive: only a fresh lookup can tell.
    expect(await clinicStatus(spare.token)).toBe(200)
    await harness.deps.system
      .updateTable('api_keys')
      .set({ revoked_at: new Date() })
      .where('id', '=', spare.key.id)
      .execute()
    expect(await clinicStatus(spare.token)).toBe(401)
    expect(await clinicStatus(clinic.sk)).toBe(200)

    await expect.poll(() => changes.live, { timeout: 15_000, interval: 50 }).toBe(true)
    expect(await clinicStatus(clinic.sk)).toBe(200)
    await revokeSecretKeysInDatabase(clinic.clinicId)
    await expect.poll(() => clinicStatus(clinic.sk), soon).toBe(401)
  }, 30_000)
})
