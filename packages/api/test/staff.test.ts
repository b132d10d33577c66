// Staff accounts end to end over the app: sign-in, the session's principal, sign-out, CSRF, invitations.
import { NEW_PATIENT_HISTORY } from '@frontdesk/contracts/demo'
import { beforeAll, describe, expect, it } from 'vitest'
import { createTestClinic, patient, STAFF_ORIGIN, type TestClinic, useHarness } from './harness.js'
import { sameAnswer } from './security/fixtures.js'
import { signIn, staffMember } from './staff-session.js'

const harness = useHarness()
let clinic: TestClinic

beforeAll(async () => {
  clinic = await createTestClinic(harness)
})

describe('signing in', () => {
  it('gives a session whose principal is the member, with the permissions of their role', async () => {
    const owner = await staffMember(harness, clinic.clinicId, 'owner')
    const me = await harness.call('GET', '/v1/staff/me', { cookie: owner.cookie })
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({
      user: { email: owner.email, twoFactorEnabled: false },
      clinic: { id: clinic.clinicId },
      role: 'owner',
      practitionerId: null,
    })
    expect(me.body.permissions).toContain('key:manage')
  })
})

describe('signing in, refused', () => {
  it('answers a wrong password and an unknown account alike', async () => {
    const owner = await staffMember(harness, clinic.clinicId, 'owner')
    const wrong = await signIn(harness, owner.email, 'not the password at all')
    const unknown = await signIn(harness, `nobody-${Date.now()}@staff.example`, 'not the password at all')
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(wrong.status)
    // Each answer has its own request id; all else is the same.
    expect(sameAnswer(unknown)).toEqual(sameAnswer(wrong))
    expect(wrong.body.error).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INVALID_EMAIL_OR_PASSWORD' })
    expect(wrong.cookie).toBeNull()
  })

  it('gives no principal without a valid session cookie', async () => {
    const forged = 'frontdesk.session_token=abc.def'
    const response = await harness.call('GET', '/v1/staff/me', { cookie: forged })
    expect(response.status).toBe(401)
    expect(response.body.error.code).toBe('UNAUTHENTICATED')
  })
})

describe('signing out', () => {
  it('ends the session on the server: the old cookie no longer works', async () => {
    const owner = await staffMember(harness, clinic.clinicId, 'owner')
    const out = await harness.call('POST', '/api/auth/sign-out', {
      cookie: owner.cookie,
      origin: STAFF_ORIGIN,
    })
    expect(out.status).toBe(200)
    const after = await harness.call('GET', '/v1/staff/me', { cookie: owner.cookie })
    expect(after.status).toBe(401)
  })
})

describe('changes with a session cookie come only from the console’s own origin', () => {
  const body = { label: 'From the console' }
  const keysOf = async () =>
    (await harness.call('GET', '/v1/keys', { token: clinic.sk })).body.data.map(
      (key: { id: string }) => key.id,
    )

  it('refuses another origin and a missing Origin, and writes nothing', async () => {
    const admin = await staffMember(harness, clinic.clinicId, 'admin')
    const before = await keysOf()
    for (const origin of ['https://evil.example', null]) {
      const response = await harness.call('POST', '/v1/keys', {
        cookie: admin.cookie,
        origin,
        body: { kind: 'publishable', ...body },
      })
      expect(response.status).toBe(403)
      expect(response.body.error.code).toBe('FORBIDDEN')
    }
    expect(await keysOf()).toEqual(before)
  })

  it('accepts the same origin', async () => {
    const admin = await staffMember(harness, clinic.clinicId, 'admin')
    const response = await harness.call('POST', '/v1/keys', {
      cookie: admin.cookie,
      origin: STAFF_ORIGIN,
      body: { kind: 'publishable', ...body },
    })
    expect(response.status).toBe(201)
  })
})

describe('roles on the server', () => {
  it('reception manages bookings but not keys; the refusal names the role', async () => {
    const reception = await staffMember(harness, clinic.clinicId, 'reception')
    const bookings = await harness.call('GET', '/v1/bookings', { cookie: reception.cookie })
    expect(bookings.status).toBe(200)
    const keys = await harness.call('GET', '/v1/keys', { cookie: reception.cookie })
    expect(keys.status).toBe(403)
    expect(keys.body.error.message).toContain('reception')
  })

  it("a member of one clinic gets 404 for another clinic's objects", async () => {
    const other = await createTestClinic(harness)
    const created = await harness.call('POST', '/v1/keys', { token: other.sk, body: { kind: 'publishable' } })
    const admin = await staffMember(harness, clinic.clinicId, 'admin')
    const revoke = await harness.call('POST', `/v1/keys/${created.body.key.id}/revoke`, {
      cookie: admin.cookie,
      origin: STAFF_ORIGIN,
    })
    expect(revoke.status).toBe(404)
  })
})

describe("a practitioner's own calendar", () => {
  it('lists and reads only bookings with them, and only their own hours', async () => {
    const [mine, theirs] = clinic.practitionerIds
    const practitioner = await staffMember(harness, clinic.clinicId, 'practitioner')
    await harness.deps.system
      .updateTable('practitioners')
      .set({ staff_user_id: practitioner.userId })
      .where('id', '=', mine)
      .execute()
    harness.clock.now = Date.parse('2027-03-02T07:00:00Z')
    const book = async (practitionerId: string) => {
      const booked = await harness.call('POST', '/v1/bookings', {
        token: clinic.sk,
        body: { serviceId: clinic.serviceId, practitionerId, startsAt: '2027-03-03T08:00:00Z', patient },
      })
      expect(booked.status).toBe(201)
      return booked.body.booking as { id: string }
    }
    const withMe = await book(mine)
    const withOther = await book(theirs)

    const list = await harness.call('GET', '/v1/bookings', { cookie: practitioner.cookie })
    const ids = list.body.data.map((booking: { id: string }) => booking.id)
    expect(ids).toContain(withMe.id)
    expect(ids).not.toContain(withOther.id)
    expect(
      (await harness.call('GET', `/v1/bookings/${withMe.id}`, { cookie: practitioner.cookie })).status,
    ).toBe(200)
    expect(
      (await harness.call('GET', `/v1/bookings/${withOther.id}`, { cookie: practitioner.cookie })).status,
    ).toBe(404)
    expect(
      (await harness.call('GET', `/v1/practitioners/${mine}/hours`, { cookie: practitioner.cookie })).status,
    ).toBe(200)
    expect(
      (await harness.call('GET', `/v1/practitioners/${theirs}/hours`, { cookie: practitioner.cookie }))
        .status,
    ).toBe(404)
    // Reading is all: changing the schedule or cancelling is not a practitioner's.
    const cancel = await harness.call('POST', `/v1/bookings/${withMe.id}/cancel`, {
      cookie: practitioner.cookie,
      origin: STAFF_ORIGIN,
      body: {},
    })
    expect(cancel.status).toBe(403)
  })
})

describe("a practitioner's own patients", () => {
  it("reads the intake answers and consent of their bookings' patients only", async () => {
    const [mine, theirs] = clinic.practitionerIds
    const practitioner = await staffMember(harness, clinic.clinicId, 'practitioner')
    await harness.deps.system
      .updateTable('practitioners')
      .set({ staff_user_id: practitioner.userId })
      .where('id', '=', mine)
      .execute()
    harness.clock.now = Date.parse('2027-03-02T07:00:00Z')
    const form = await harness.call('POST', '/v1/intake/forms', {
      token: clinic.sk,
      body: { name: 'History', definition: NEW_PATIENT_HISTORY },
    })
    expect(form.status).toBe(201)
    const intakeFor = async (practitionerId: string, startsAt: string, who: typeof patient) => {
      const booked = await harness.call('POST', '/v1/bookings', {
        token: clinic.sk,
        body: { serviceId: clinic.serviceId, practitionerId, startsAt, patient: who },
      })
      expect(booked.status).toBe(201)
      const draft = await harness.call('POST', '/v1/intake/drafts', {
        token: booked.body.visitToken,
        body: { formId: form.body.id },
      })
      expect(draft.status).toBe(201)
      return draft.body.draft.id as string
    }
    const other = { ...patient, name: 'Otto Other', email: 'otto.other@example.org' }
    const mineId = await intakeFor(mine, '2027-03-04T08:00:00Z', patient)
    const theirsId = await intakeFor(theirs, '2027-03-04T09:00:00Z', other)

    const list = await harness.call('GET', '/v1/intake/responses?status=draft', {
      cookie: practitioner.cookie,
    })
    expect(list.status).toBe(200)
    const ids = list.body.data.map((response: { id: string }) => response.id)
    expect(ids).toContain(mineId)
    expect(ids).not.toContain(theirsId)
    expect(
      (await harness.call('GET', `/v1/intake/responses/${mineId}`, { cookie: practitioner.cookie })).status,
    ).toBe(200)
    expect(
      (await harness.call('GET', `/v1/intake/responses/${theirsId}`, { cookie: practitioner.cookie })).status,
    ).toBe(404)
    // Reception sees both.
    const reception = await staffMember(harness, clinic.clinicId, 'reception')
    expect(
      (await harness.call('GET', `/v1/intake/responses/${theirsId}`, { cookie: reception.cookie })).status,
    ).toBe(200)
  })
})
