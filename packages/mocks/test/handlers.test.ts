// What a widget test leans on in the mocks: a movable clock for hold expiry and the cancellation window, and replays.
import {
  createFrontdesk,
  createFrontdeskAdmin,
  HoldExpiredError,
  isFrontdeskError,
  NotFoundError,
} from '@frontdesk/sdk'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createFrontdeskHandlers, demoClinic } from '../src/index.js'

const baseUrl = 'https://clock.frontdesk.test'
const clock = { now: Date.parse('2030-03-04T07:00:00Z') } // a Monday, 08:00 in Berlin
const server = setupServer()
const frontdesk = createFrontdesk({ publishableKey: 'pk_test_widgetwidgetwidgetwidget', baseUrl })
const patient = { name: 'Maria Muster', phone: '+49 30 1234567', dateOfBirth: '1985-04-12' }

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

function freshMocks() {
  clock.now = Date.parse('2030-03-04T07:00:00Z')
  server.use(...createFrontdeskHandlers({ baseUrl, now: () => clock.now }))
}

describe('createFrontdeskHandlers', () => {
  it("offers slots from the demo clinic's hours, after the service's minimum notice", async () => {
    freshMocks()
    const availability = await frontdesk.availability.get({
      serviceId: 'svc_consultation',
      from: '2030-03-04',
      to: '2030-03-05',
    })
    const [monday, tuesday] = availability.days
    // Amara works 08–18 and Jonas 09–17; two hours' notice from 08:00 leaves 10:00 as the first start.
    expect(monday?.slots[0]).toMatchObject({ localTime: '10:00', utcOffsetMinutes: 60 })
    expect(monday?.slots[0]?.practitionerIds).toEqual(['prac_amara', 'prac_jonas'])
    expect(tuesday?.slots[0]).toMatchObject({ localTime: '08:00', practitionerIds: ['prac_amara'] })
    expect(tuesday?.slots.at(-1)).toMatchObject({ localTime: '17:30', practitionerIds: ['prac_amara'] })
  })

  it("lets a hold go for the widget's pagehide beacon: the visit token as plain text, no key", async () => {
    freshMocks()
    const choice = {
      serviceId: 'svc_vaccination',
      practitionerId: 'prac_lena',
      startsAt: '2030-03-06T08:00:00Z',
    }
    const { hold, visitToken } = await frontdesk.holds.create(choice)
    const beacon = (token: string) =>
      fetch(`${baseUrl}/v1/holds/${hold.id}/release`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
        body: token,
      })
    expect((await beacon('vt_nobodyGaveThisOutxxxxxxxxxxxx')).status).toBe(401)
    expect((await beacon(visitToken)).status).toBe(204)
    await expect(frontdesk.holds.get(hold.id, { visitToken })).rejects.toBeInstanceOf(HoldExpiredError)
    // The time is free again: another patient holds it.
    await frontdesk.holds.create(choice)
  })

  it('lets a hold expire after the clinic’s hold time, and renews it with move', async () => {
    freshMocks()
    const choice = {
      serviceId: 'svc_vaccination',
      practitionerId: 'prac_lena',
      startsAt: '2030-03-06T08:00:00Z',
    }
    const { hold, visitToken } = await frontdesk.holds.create(choice)
    clock.now += demoClinic.policy.holdMinutes * 60_000
    await expect(frontdesk.holds.get(hold.id, { visitToken })).rejects.toBeInstanceOf(HoldExpiredError)
    const renewed = await frontdesk.holds.move(hold.id, choice, { visitToken })
    expect(Date.parse(renewed.expiresAt)).toBe(clock.now + demoClinic.policy.holdMinutes * 60_000)
    const booked = await frontdesk.bookings.create({ holdId: hold.id, patient }, { visitToken })
    expect(booked.booking).toMatchObject({
      localDate: '2030-03-06',
      localTime: '09:00',
      locationId: 'loc_kreuzberg',
    })
  })

  it('refuses a patient’s cancellation inside the cancellation window, but not the clinic’s', async () => {
    freshMocks()
    const { booking, manageToken } = await frontdesk.bookings.create({
      serviceId: 'svc_consultation',
      startsAt: '2030-03-05T09:00:00Z',
      patient,
    })
    clock.now = Date.parse('2030-03-04T12:00:00Z')
    const late = await frontdesk.bookings.cancel(booking.id, { manageToken }).catch((error: unknown) => error)
    expect(isFrontdeskError(late) && late.code).toBe('CANCELLATION_WINDOW_PASSED')

    const admin = createFrontdeskAdmin({ secretKey: 'sk_test_clinicclinicclinicclinic', baseUrl })
    const record = await admin.bookings.get(booking.id)
    expect(record.patient).toMatchObject({ name: 'Maria Muster', phone: '+49301234567', email: null })
    expect((await admin.bookings.cancel(booking.id, { reason: 'Closed' })).status).toBe('cancelled')
  })

  it('replays a POST with the same Idempotency-Key and starts each set of handlers with an empty diary', async () => {
    freshMocks()
    const params = { serviceId: 'svc_checkup', startsAt: '2030-03-07T09:00:00Z', patient }
    const first = await frontdesk.bookings.create(params, { idempotencyKey: 'checkup-1' })
    expect(await frontdesk.bookings.create(params, { idempotencyKey: 'checkup-1' })).toEqual(first)

    server.resetHandlers()
    freshMocks()
    const again = await frontdesk.bookings.create(params, { idempotencyKey: 'checkup-1' })
    expect(again.booking.id).not.toBe(first.booking.id)
  })

  it('answers routes it does not mock with NOT_FOUND, and tokens it never gave out with 401', async () => {
    freshMocks()
    const admin = createFrontdeskAdmin({ secretKey: 'sk_test_clinicclinicclinicclinic', baseUrl })
    const error = await admin.keys.list().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(NotFoundError)
    expect((error as Error).message).toContain('GET /v1/keys')
    const stranger = frontdesk.bookings.get('bkg_unknown', { manageToken: `mt_${'x'.repeat(43)}` })
    await expect(stranger).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401 })
  })
})
