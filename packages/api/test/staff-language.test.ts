// The console's language as a member's account preference: set through better-auth's update-user (an
// additional user field), read back by /v1/staff/me, so it follows the member to any browser.
import { beforeAll, describe, expect, it } from 'vitest'
import { createTestClinic, STAFF_ORIGIN, type TestClinic, useHarness } from './harness.js'
import { staffMember } from './staff-session.js'

const harness = useHarness()
let clinic: TestClinic

beforeAll(async () => {
  clinic = await createTestClinic(harness)
})

const setLanguage = (cookie: string | null, language: unknown) =>
  harness.call('POST', '/api/auth/update-user', {
    ...(cookie && { cookie }),
    origin: STAFF_ORIGIN,
    body: { language },
  })
const languageOf = async (cookie: string) =>
  (await harness.call('GET', '/v1/staff/me', { cookie })).body.user.language

describe('the console language of a member', () => {
  it('is null until chosen, then what the member chose, in a new session too', async () => {
    const member = await staffMember(harness, clinic.clinicId, 'reception')
    expect(await languageOf(member.cookie)).toBeNull()
    const set = await setLanguage(member.cookie, 'de')
    expect(set.status).toBe(200)
    expect(await languageOf(member.cookie)).toBe('de')
    expect((await setLanguage(member.cookie, 'en')).status).toBe(200)
    expect(await languageOf(member.cookie)).toBe('en')
  })

  it('refuses a language the console does not speak, and keeps the one set', async () => {
    const member = await staffMember(harness, clinic.clinicId, 'practitioner')
    await setLanguage(member.cookie, 'de')
    for (const bad of ['fr', 'DE', 'de-DE', 42, '<script>']) {
      const response = await setLanguage(member.cookie, bad)
      expect(response.status).toBe(400)
      expect(response.body.error.code).toBeDefined()
    }
    expect(await languageOf(member.cookie)).toBe('de')
  })

  it('needs a session, and changes only the member’s own account', async () => {
    const owner = await staffMember(harness, clinic.clinicId, 'owner')
    const other = await staffMember(harness, clinic.clinicId, 'admin')
    expect((await setLanguage(null, 'de')).status).toBe(401)
    await setLanguage(owner.cookie, 'de')
    expect(await languageOf(other.cookie)).toBeNull()
  })
})
