// The admin client against the real API: catalogue writes, schedules, keys, settings and the clinic's bookings.
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import {
  AuthenticationError,
  type BookingRecord,
  createFrontdesk,
  createFrontdeskAdmin,
  FrontdeskError,
  type Page,
  ValidationError,
} from '../src/index.js'
import { adminClient, patient, publicClient, testApi } from './support/clients.js'
import { daysAhead } from './support/dates.js'
import { type Practice, seedPractice } from './support/practice.js'
import { slotsOn } from './support/slots.js'

const admin = adminClient()
const frontdesk = publicClient()
let practice: Practice

beforeAll(async () => {
  practice = await seedPractice(admin, 'Admin')
})

describe('catalogue writes', () => {
  it('creates and changes services, practitioners and locations that patients then see', async () => {
    const service = await admin.catalogue.services.create({ name: 'Vaccination', durationMinutes: 15 })
    // Defaults the API fills in come back typed.
    expect(service).toMatchObject({
      minNoticeMinutes: 120,
      slotIntervalMinutes: 15,
      active: true,
      description: null,
    })
    const renamed = await admin.catalogue.services.update(service.id, { name: 'Flu vaccination' })
    expect(renamed.name).toBe('Flu vaccination')
    expect((await frontdesk.catalogue.services.get(service.id)).name).toBe('Flu vaccination')

    const practitioner = await admin.catalogue.practitioners.create({
      name: 'Nurse Cleo',
      serviceIds: [service.id],
    })
    const titled = await admin.catalogue.practitioners.update(practitioner.id, { title: 'RN' })
    expect(titled).toMatchObject({ name: 'Nurse Cleo', title: 'RN', serviceIds: [service.id] })
    const { data: offering } = await frontdesk.catalogue.practitioners.list({ serviceId: service.id })
    expect(offering.map((each) => each.id)).toEqual([practitioner.id])

    const location = await admin.catalogue.locations.create({ name: 'Annex' })
    expect(location.address).toBeNull()
    const moved = await admin.catalogue.locations.update(location.id, { address: '2 Side St' })
    expect(moved).toEqual({ id: location.id, name: 'Annex', address: '2 Side St' })
  })

  it('names the field at fault when a write refers to a service that does not exist', async () => {
    const error = await admin.catalogue.practitioners
      .create({ name: 'Dr. Nobody', serviceIds: ['svc_missing'] })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues).toEqual([
      { path: 'serviceIds', message: 'No such service in this clinic' },
    ])
  })
})

describe('schedules', () => {
  it('reads weekly hours back, closes a date with an override and blocks time off', async () => {
    const practitionerId = practice.practitioners[0].id
    const { data: hours } = await admin.schedules.hours.get(practitionerId)
    expect(hours).toHaveLength(7)
    expect(hours[0]).toEqual({ weekday: 1, start: '00:00', end: '24:00', locationId: practice.location.id })

    const date = daysAhead(12)
    const override = await admin.schedules.overrides.set(practitionerId, { date, windows: [] })
    expect(override).toMatchObject({ practitionerId, date, windows: [] })
    expect(await admin.schedules.overrides.list(practitionerId)).toEqual({ data: [override] })
    const closed = await frontdesk.availability.get({
      serviceId: practice.service.id,
      from: date,
      to: date,
      practitionerId,
    })
    expect(closed.days).toEqual([{ date, slots: [] }])
    await admin.schedules.overrides.remove(practitionerId, date)
    expect(await admin.schedules.overrides.list(practitionerId)).toEqual({ data: [] })

    const [slot] = await slotsOn(admin, practice.service.id, 13)
    const timeOff = await admin.schedules.timeOff.create({
      practitionerId,
      startsAt: slot!.startsAt,
      endsAt: slot!.endsAt,
      reason: 'Training',
    })
    expect(timeOff).toMatchObject({ practitionerId, startsAt: slot!.startsAt, reason: 'Training' })
    expect(await admin.schedules.timeOff.list({ practitionerId })).toEqual({ data: [timeOff] })
    const during = await slotsOn(admin, practice.service.id, 13)
    expect(during.find((free) => free.startsAt === slot!.startsAt)?.practitionerIds).toEqual([
      practice.practitioners[1].id,
    ])
    await admin.schedules.timeOff.remove(timeOff.id)
    expect(await admin.schedules.timeOff.list({ practitionerId })).toEqual({ data: [] })
  })
})

describe('keys and settings', () => {
  it('creates a publishable key, shows its token once, and revokes it at once', async () => {
    const api = testApi()
    const created = await admin.keys.create({ kind: 'publishable', label: 'Landing page' })
    expect(created.token).toMatch(/^pk_test_/)
    expect(created.key).toMatchObject({
      kind: 'publishable',
      mode: 'test',
      label: 'Landing page',
      revokedAt: null,
    })
    const { data: keys } = await admin.keys.list()
    expect(keys.map((key) => key.id)).toContain(created.key.id)
    expect(JSON.stringify(keys)).not.toContain(api.secretKey)

    const landing = createFrontdesk({
      publishableKey: created.token,
      baseUrl: api.baseUrl,
      origin: api.origin,
    })
    expect((await landing.catalogue.clinic()).name).toBe('SDK Test Clinic')
    const revoked = await admin.keys.revoke(created.key.id)
    expect(revoked.revokedAt).not.toBeNull()
    await expect(landing.catalogue.clinic()).rejects.toBeInstanceOf(AuthenticationError)
  })

  it('rolls a key: the new token works at once, the old one through the overlap, and a key rolls once', async () => {
    const { baseUrl } = testApi()
    const made = await admin.keys.create({ kind: 'secret', label: 'Nightly sync' })
    const rolled = await admin.keys.roll(made.key.id, { overlapHours: 1 })
    expect(rolled.token).toMatch(/^sk_test_/)
    expect(rolled.key).toMatchObject({ kind: 'secret', mode: 'test', label: 'Nightly sync', expiresAt: null })
    expect(rolled.previous).toMatchObject({ id: made.key.id, replacedBy: rolled.key.id, revokedAt: null })
    const overlap = Date.parse(rolled.previous.expiresAt!) - Date.now()
    expect(overlap).toBeGreaterThan(59 * 60_000)
    expect(overlap).toBeLessThanOrEqual(60 * 60_000)

    const before = createFrontdeskAdmin({ secretKey: made.token, baseUrl })
    const after = createFrontdeskAdmin({ secretKey: rolled.token, baseUrl })
    expect((await before.keys.list()).data.map((key) => key.id)).toContain(rolled.key.id)
    expect((await after.keys.list()).data.map((key) => key.id)).toContain(made.key.id)

    const again = await admin.keys.roll(made.key.id).catch((error: unknown) => error)
    expect(again).toBeInstanceOf(FrontdeskError)
    expect(again).toMatchObject({ code: 'KEY_NOT_ROLLABLE', status: 409 })

    // A key may roll itself; with no overlap it stops at once and its successor takes over.
    const cut = await after.keys.roll(rolled.key.id, { overlapHours: 0 })
    await expect(after.keys.list()).rejects.toBeInstanceOf(AuthenticationError)
    expect(
      (await createFrontdeskAdmin({ secretKey: cut.token, baseUrl }).keys.list()).data.length,
    ).toBeGreaterThan(0)
  })

  it('reads and changes the allowed origins, normalising what it is given, and reads the region', async () => {
    const api = testApi()
    const settings = await admin.settings.get()
    expect(settings.allowedOrigins).toEqual([api.origin])
    expect(settings.region).toBe('eu')
    const widened = await admin.settings.update({
      allowedOrigins: [api.origin, 'https://www.clinic.example/'],
    })
    expect(widened.allowedOrigins).toEqual([api.origin, 'https://www.clinic.example'])
    const restored = await admin.settings.update({ allowedOrigins: [api.origin] })
    expect(restored).toEqual(settings)
  })
})

describe("the clinic's bookings", () => {
  it('books for a patient, lists page by page, reads the record and reschedules and cancels it', async () => {
    const slots = await slotsOn(admin, practice.service.id, 14, 3)
    const practitionerId = practice.practitioners[1].id
    // Its own email: other tests book Maria too, and a known patient's details are never overwritten.
    const newPatient = { ...patient, email: 'maria.admin-test@example.org' }
    const made = []
    for (const slot of slots.slice(0, 2)) {
      made.push(
        await admin.bookings.create({
          serviceId: practice.service.id,
          practitionerId,
          startsAt: slot.startsAt,
          patient: newPatient,
        }),
      )
    }
    const query = { practitionerId, from: slots[0]!.startsAt, to: slots[2]!.endsAt }

    const firstPage = await admin.bookings.list({ ...query, limit: 1 })
    expectTypeOf(firstPage).toEqualTypeOf<Page<BookingRecord>>()
    expect(firstPage.data.map((record) => record.id)).toEqual([made[0]!.booking.id])
    expect(firstPage.nextCursor).toEqual(expect.any(String))
    const everything: string[] = []
    for await (const record of admin.bookings.listAll({ ...query, limit: 1 })) everything.push(record.id)
    expect(everything).toEqual(made.map((booking) => booking.booking.id))

    const bookingId = made[0]!.booking.id
    const record = await admin.bookings.get(bookingId)
    expectTypeOf(record).toEqualTypeOf<BookingRecord>()
    expect(record.patient).toMatchObject({
      name: 'Maria Muster',
      email: 'maria.admin-test@example.org',
      phone: '+49301234567',
    })

    const moved = await admin.bookings.reschedule(bookingId, { startsAt: slots[2]!.startsAt })
    expect(moved).toMatchObject({ id: bookingId, startsAt: slots[2]!.startsAt, status: 'confirmed' })
    const cancelled = await admin.bookings.cancel(bookingId, { reason: 'Clinic closed' })
    expect(cancelled.status).toBe('cancelled')
    expect((await admin.bookings.get(bookingId)).cancelReason).toBe('Clinic closed')
    const onlyCancelled = await admin.bookings.list({ ...query, status: 'cancelled' })
    expect(onlyCancelled.data.map((booking) => booking.id)).toEqual([bookingId])
  })
})
