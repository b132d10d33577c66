// Invitations, password resets and TOTP through better-auth's real endpoints, with the mail they send.
import { base32 } from '@better-auth/utils/base32'
import { createOTP } from '@better-auth/utils/otp'
import { beforeAll, describe, expect, it } from 'vitest'
import { createTestClinic, STAFF_ORIGIN, type TestClinic, useHarness } from './harness.js'
import { STAFF_PASSWORD, sessionCookie, signIn, staffMember } from './staff-session.js'

const harness = useHarness()
let clinic: TestClinic

beforeAll(async () => {
  clinic = await createTestClinic(harness)
})

const fragmentOf = (link: string, name: string) => new URLSearchParams(new URL(link).hash.slice(1)).get(name)
const lastMailTo = (email: string) => harness.mail.filter((mail) => mail.to === email).at(-1)
const post = (path: string, body: unknown, cookie?: string) =>
  harness.call('POST', path, { body, origin: STAFF_ORIGIN, ...(cookie && { cookie }) })

describe('an invitation', () => {
  it('lets the invitee make an account, join with the role, and leaves both steps in the audit trail', async () => {
    const owner = await staffMember(harness, clinic.clinicId, 'owner')
    const email = `new-reception-${Date.now()}@staff.example`
    const invited = await post(
      '/api/auth/organization/invite-member',
      { email, role: 'reception' },
      owner.cookie,
    )
    expect(invited.status).toBe(200)
    const mail = lastMailTo(email)
    expect(mail?.link).toMatch(/^http:\/\/localhost\/admin#invitation=/)
    const invitationId = fragmentOf(mail!.link, 'invitation')!

    const signedUp = await post('/api/auth/sign-up/email', {
      email,
      password: STAFF_PASSWORD,
      name: 'Rita Reception',
    })
    expect(signedUp.status).toBe(200)
    const cookie = sessionCookie(signedUp.headers)!
    const accepted = await post('/api/auth/organization/accept-invitation', { invitationId }, cookie)
    expect(accepted.status).toBe(200)

    const again = await signIn(harness, email)
    const me = await harness.call('GET', '/v1/staff/me', { cookie: again.cookie! })
    expect(me.body).toMatchObject({ role: 'reception', clinic: { id: clinic.clinicId } })

    const trail = await harness.call('GET', '/v1/audit/events?limit=100', { token: clinic.sk })
    const actions = trail.body.data.map((event: { action: string; actor: { type: string } }) => event.action)
    expect(actions).toEqual(expect.arrayContaining(['staff.invite', 'staff.join', 'staff.sign_in']))
  })

  it('is the only way to make an account: the refusal is the same for known and unknown addresses', async () => {
    const owner = await staffMember(harness, clinic.clinicId, 'owner')
    const known = await post('/api/auth/sign-up/email', {
      email: owner.email,
      password: STAFF_PASSWORD,
      name: 'X',
    })
    const unknown = await post('/api/auth/sign-up/email', {
      email: `stranger-${Date.now()}@staff.example`,
      password: STAFF_PASSWORD,
      name: 'X',
    })
    expect(known.status).toBe(403)
    expect({ status: unknown.status, message: unknown.body.error.message }).toEqual({
      status: known.status,
      message: known.body.error.message,
    })
  })

  it('may be sent by owners and admins only', async () => {
    const reception = await staffMember(harness, clinic.clinicId, 'reception')
    const email = `not-invited-${Date.now()}@staff.example`
    const response = await post(
      '/api/auth/organization/invite-member',
      { email, role: 'admin' },
      reception.cookie,
    )
    expect(response.status).toBe(403)
    expect(lastMailTo(email)).toBeUndefined()
  })
})

describe('a password reset', () => {
  it('answers alike for known and unknown addresses, mails only the known one, and ends old sessions', async () => {
    const admin = await staffMember(harness, clinic.clinicId, 'admin')
    const stranger = `stranger-${Date.now()}@staff.example`
    const known = await post('/api/auth/request-password-reset', { email: admin.email })
    const unknown = await post('/api/auth/request-password-reset', { email: stranger })
    expect(known.status).toBe(200)
    expect(unknown).toMatchObject({ status: known.status, body: known.body })
    expect(lastMailTo(stranger)).toBeUndefined()

    const token = fragmentOf(lastMailTo(admin.email)!.link, 'reset')!
    const reset = await post('/api/auth/reset-password', { token, newPassword: 'a brand new long password' })
    expect(reset.status).toBe(200)
    expect((await harness.call('GET', '/v1/staff/me', { cookie: admin.cookie })).status).toBe(401)
    expect((await signIn(harness, admin.email)).status).toBe(401)
    expect((await signIn(harness, admin.email, 'a brand new long password')).cookie).not.toBeNull()
  })
})

describe('a TOTP second factor', () => {
  it('once enabled, a password alone no longer gives a session; the code does', async () => {
    const owner = await staffMember(harness, clinic.clinicId, 'owner')
    const enabled = await post('/api/auth/two-factor/enable', { password: STAFF_PASSWORD }, owner.cookie)
    expect(enabled.status).toBe(200)
    // The URI carries the secret in base32, as authenticator apps read it.
    const secret = new TextDecoder().decode(
      base32.decode(new URL(enabled.body.totpURI).searchParams.get('secret')!),
    )
    const code = () => createOTP(secret).totp()
    const confirmed = await post('/api/auth/two-factor/verify-totp', { code: await code() }, owner.cookie)
    expect(confirmed.status).toBe(200)

    const first = await signIn(harness, owner.email)
    expect(first.body).toMatchObject({ twoFactorRedirect: true })
    expect(first.cookie).toBeNull()
    const pending = first.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ')
    const wrong = await post('/api/auth/two-factor/verify-totp', { code: '000000' }, pending)
    expect(wrong.status).toBe(401)
    const verified = await post('/api/auth/two-factor/verify-totp', { code: await code() }, pending)
    expect(verified.status).toBe(200)
    const me = await harness.call('GET', '/v1/staff/me', { cookie: sessionCookie(verified.headers)! })
    expect(me.body.user.twoFactorEnabled).toBe(true)
  })
})
