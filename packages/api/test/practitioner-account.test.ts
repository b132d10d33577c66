// PUT /v1/practitioners/{id}/staff-account: an owner says which practitioner member is which practitioner,
// and that member then reads that calendar only. Also the clinic settings' time zone check.
import { beforeAll, describe, expect, it } from 'vitest'
import { createTestClinic, patient, STAFF_ORIGIN, type TestClinic, useHarness } from './harness.js'
import { staffMember } from './staff-session.js'

const harness = useHarness()
let clinic: TestClinic
let owner: { cookie: string }

beforeAll(async () => {
  clinic = await createTestClinic(harness)
  owner = await staffMember(harness, clinic.clinicId, 'owner')
})

const link = (cookie: string, practitionerId: string, userId: string | null) =>
  harness.call('PUT', `/v1/practitioners/${practitionerId}/staff-account`, {
    cookie,
    origin: STAFF_ORIGIN,
    body: { userId },
  })

const linkedTo = async (practitionerId: string) =>
  (
    await harness.deps.system
      .selectFrom('practitioners')
      .select('staff_user_id')
      .where('id', '=', practitionerId)
      .executeTakeFirstOrThrow()
  ).staff_user_id

describe('linking a practitioner to a staff account', () => {
  it('lets the member read only bookings with that practitioner, and moves the account when linked again', async () => {
    const [first, second] = clinic.practitionerIds
    const member = await staffMember(harness, clinic.clinicId, 'practitioner')
    harness.clock.now = Date.parse('2027-05-03T07:00:00Z')
    const book = async (practitionerId: string) => {
      const booked = await harness.call('POST', '/v1/bookings', {
        token: clinic.sk,
        body: { serviceId: clinic.serviceId, practitionerId, startsAt: '2027-05-04T08:00:00Z', patient },
      })
      expect(booked.status).toBe(201)
      return booked.body.booking.id as string
    }
    const withFirst = await book(first)
    const withSecond = await book(second)
    const seen = async () =>
      (await harness.call('GET', '/v1/bookings', { cookie: member.cookie })).body.data.map(
        (booking: { id: string }) => booking.id,
      )
    // Not linked yet: a practitioner account sees no calendar at all.
    expect(await seen()).toEqual([])

    const linked = await link(owner.cookie, first, member.userId)
    expect(linked.status).toBe(200)
    expect(linked.body).toMatchObject({ id: first, staffUserId: member.userId })
    expect(await seen()).toEqual([withFirst])
    const me = await harness.call('GET', '/v1/staff/me', { cookie: member.cookie })
    expect(me.body.practitionerId).toBe(first)

    // The same account chosen for another practitioner leaves the first one.
    expect((await link(owner.cookie, second, member.userId)).status).toBe(200)
    expect(await linkedTo(first)).toBeNull()
    expect(await seen()).toEqual([withSecond])

    const unlinked = await link(owner.cookie, second, null)
    expect(unlinked.body.staffUserId).toBeNull()
    expect(await seen()).toEqual([])

    const trail = await harness.deps.system
      .selectFrom('audit_events')
      .select(['action', 'object_id'])
      .where('clinic_id', '=', clinic.clinicId)
      .where('object_type', '=', 'practitioner')
      .orderBy('id')
      .execute()
    expect(trail.map((event) => event.action)).toEqual([
      'practitioner.link_account',
      'practitioner.link_account',
      'practitioner.unlink_account',
    ])
  })

  it("shows the link to the clinic's side, never to a publishable key", async () => {
    const [first] = clinic.practitionerIds
    const member = await staffMember(harness, clinic.clinicId, 'practitioner')
    expect((await link(owner.cookie, first, member.userId)).status).toBe(200)
    const asClinic = await harness.call('GET', '/v1/practitioners', { token: clinic.sk })
    expect(asClinic.body.data.find((p: { id: string }) => p.id === first).staffUserId).toBe(member.userId)
    const asPublic = await harness.call('GET', '/v1/practitioners', { token: clinic.pk })
    expect(asPublic.body.data.every((p: object) => !('staffUserId' in p))).toBe(true)
    await link(owner.cookie, first, null)
  })
})

describe('linking, refused', () => {
  it('answers 422 for a member who is not a practitioner, an unknown account or a malformed body, writing nothing', async () => {
    const [first] = clinic.practitionerIds
    const reception = await staffMember(harness, clinic.clinicId, 'reception')
    for (const body of [
      { userId: reception.userId },
      { userId: 'noSuchAccount123' },
      { userId: 'not an id!' },
      { userId: 42 },
      {},
      { userId: null, extra: true },
    ]) {
      const response = await harness.call('PUT', `/v1/practitioners/${first}/staff-account`, {
        cookie: owner.cookie,
        origin: STAFF_ORIGIN,
        body,
      })
      expect({ body, status: response.status, code: response.body.error?.code }).toEqual({
        body,
        status: 422,
        code: 'VALIDATION_FAILED',
      })
    }
    expect(await linkedTo(first)).toBeNull()
  })

  it("answers 404 for another clinic's practitioner and 422 for another clinic's member", async () => {
    const other = await createTestClinic(harness)
    const foreignMember = await staffMember(harness, other.clinicId, 'practitioner')
    const ownMember = await staffMember(harness, clinic.clinicId, 'practitioner')
    const [foreignPractitioner] = other.practitionerIds
    const [first] = clinic.practitionerIds

    const theirs = await link(owner.cookie, foreignPractitioner, ownMember.userId)
    expect(theirs.status).toBe(404)
    expect(theirs.body.error.code).toBe('NOT_FOUND')
    expect(await linkedTo(foreignPractitioner)).toBeNull()

    const theirMember = await link(owner.cookie, first, foreignMember.userId)
    expect(theirMember.status).toBe(422)
    expect(theirMember.body.error.issues[0].path).toBe('userId')
    expect(await linkedTo(first)).toBeNull()
  })

  it('is for owners and admins: 403 for the other roles and for a secret key, 401 without a session', async () => {
    const [first] = clinic.practitionerIds
    const member = await staffMember(harness, clinic.clinicId, 'practitioner')
    for (const role of ['reception', 'practitioner'] as const) {
      const staff = await staffMember(harness, clinic.clinicId, role)
      const refused = await link(staff.cookie, first, member.userId)
      expect({ role, status: refused.status }).toEqual({ role, status: 403 })
    }
    const byKey = await harness.call('PUT', `/v1/practitioners/${first}/staff-account`, {
      token: clinic.sk,
      body: { userId: member.userId },
    })
    expect(byKey.status).toBe(403)
    const anonymous = await harness.call('PUT', `/v1/practitioners/${first}/staff-account`, {
      body: { userId: member.userId },
    })
    expect(anonymous.status).toBe(401)
    expect(await linkedTo(first)).toBeNull()

    const admin = await staffMember(harness, clinic.clinicId, 'admin')
    expect((await link(admin.cookie, first, member.userId)).status).toBe(200)
    await link(admin.cookie, first, null)
  })
})

describe("the clinic's time zone", () => {
  it('refuses an unknown zone with 422 beside the field and keeps the one it had', async () => {
    const before = (await harness.call('GET', '/v1/clinic/settings', { token: clinic.sk })).body.timeZone
    const refused = await harness.call('PATCH', '/v1/clinic', {
      token: clinic.sk,
      body: { timeZone: 'Mars/Olympus_Mons' },
    })
    expect(refused.status).toBe(422)
    expect(refused.body.error.issues.map((issue: { path: string }) => issue.path)).toEqual(['timeZone'])
    expect((await harness.call('GET', '/v1/clinic', { token: clinic.sk })).body.timeZone).toBe(before)
  })

  it('stores a zone by its canonical name', async () => {
    const changed = await harness.call('PATCH', '/v1/clinic', {
      token: clinic.sk,
      body: { timeZone: 'america/new_york' },
    })
    expect(changed.status).toBe(200)
    expect(changed.body.timeZone).toBe('America/New_York')
    expect((await harness.call('GET', '/v1/clinic', { token: clinic.pk })).body.timeZone).toBe(
      'America/New_York',
    )
  })
})
