// The patient's path through the SDK against the real API: availability, hold, book, read, reschedule, cancel.
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import {
  type Booking,
  type BookingCreated,
  FrontdeskError,
  type Hold,
  HoldExpiredError,
  isFrontdeskError,
  isSlotTakenError,
  PermissionError,
  SlotTakenError,
  ValidationError,
} from '../src/index.js'
import { adminClient, patient, publicClient } from './support/clients.js'
import { type Practice, seedPractice } from './support/practice.js'
import { slotsOn } from './support/slots.js'

const frontdesk = publicClient()
let practice: Practice

beforeAll(async () => {
  practice = await seedPractice(adminClient(), 'Booking flow')
})

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected the call to fail'),
    (error: unknown) => error,
  )
}

describe('booking through the SDK', () => {
  it('books a held slot, shows it to the patient and lets them cancel it with the manage token', async () => {
    const serviceId = practice.service.id
    const [slot] = await slotsOn(frontdesk, serviceId, 3)
    const practitionerId = slot!.practitionerIds[0]!

    const { hold, visitToken } = await frontdesk.holds.create({
      serviceId,
      practitionerId,
      startsAt: slot!.startsAt,
    })
    expectTypeOf(hold).toEqualTypeOf<Hold>()
    expect(hold).toMatchObject({ serviceId, practitionerId, startsAt: slot!.startsAt, endsAt: slot!.endsAt })
    expect(visitToken).toMatch(/^vt_/)
    expect(Date.parse(hold.expiresAt)).toBeGreaterThan(Date.now())
    expect(await frontdesk.holds.get(hold.id, { visitToken })).toEqual(hold)

    const booked = await frontdesk.bookings.create({ holdId: hold.id, patient }, { visitToken })
    expectTypeOf(booked).toEqualTypeOf<BookingCreated>()
    expect(booked.booking).toMatchObject({
      status: 'confirmed',
      serviceId,
      practitionerId,
      startsAt: slot!.startsAt,
      timeZone: 'Europe/Berlin',
      localTime: slot!.localTime,
      cancelledAt: null,
    })
    expect(booked.manageToken).toMatch(/^mt_/)
    // The patient's details never come back to a browser.
    expect(JSON.stringify(booked)).not.toContain('maria')

    const seen = await frontdesk.bookings.get(booked.booking.id, { visitToken: booked.visitToken })
    expectTypeOf(seen).toEqualTypeOf<Booking>()
    expect(seen).toEqual(booked.booking)
    const taken = await slotsOn(frontdesk, serviceId, 3)
    expect(taken.find((free) => free.startsAt === slot!.startsAt)?.practitionerIds ?? []).not.toContain(
      practitionerId,
    )

    const cancelled = await frontdesk.bookings.cancel(booked.booking.id, {
      manageToken: booked.manageToken,
    })
    expect(cancelled).toMatchObject({ id: booked.booking.id, status: 'cancelled' })
    expect(cancelled.cancelledAt).not.toBeNull()
    const afterwards = await frontdesk.bookings.get(booked.booking.id, { manageToken: booked.manageToken })
    expect(afterwards.status).toBe('cancelled')
    const freed = await slotsOn(frontdesk, serviceId, 3)
    expect(freed.find((free) => free.startsAt === slot!.startsAt)?.practitionerIds).toContain(practitionerId)
  })

  it('turns a slot someone else holds into a SlotTakenError with code, status and request id', async () => {
    const [slot] = await slotsOn(frontdesk, practice.service.id, 4)
    const choice = {
      serviceId: practice.service.id,
      practitionerId: practice.practitioners[0].id,
      startsAt: slot!.startsAt,
    }
    await frontdesk.holds.create(choice)

    const error = await rejection(frontdesk.holds.create(choice))
    expect(error).toBeInstanceOf(SlotTakenError)
    expect(error).toBeInstanceOf(FrontdeskError)
    expect(isSlotTakenError(error)).toBe(true)
    expect(isFrontdeskError(error)).toBe(true)
    expect(error).toMatchObject({
      name: 'SlotTakenError',
      code: 'SLOT_TAKEN',
      status: 409,
      requestId: expect.stringMatching(/^req_/),
      message: expect.stringContaining('taken'),
    })
  })

  it('holds for any practitioner until every one of them is taken', async () => {
    const [slot] = await slotsOn(frontdesk, practice.service.id, 5)
    const choice = { serviceId: practice.service.id, startsAt: slot!.startsAt }
    const first = await frontdesk.holds.create(choice)
    const second = await frontdesk.holds.create(choice)
    expect(new Set([first.hold.practitionerId, second.hold.practitionerId]).size).toBe(2)
    await expect(frontdesk.holds.create(choice)).rejects.toBeInstanceOf(SlotTakenError)
  })

  it('gives back refused patient details as a ValidationError naming the field, and books nothing', async () => {
    const [slot] = await slotsOn(frontdesk, practice.service.id, 6)
    const error = await rejection(
      frontdesk.bookings.create({
        serviceId: practice.service.id,
        startsAt: slot!.startsAt,
        patient: { ...patient, email: 'maria-at-example' },
      }),
    )
    expect(error).toBeInstanceOf(ValidationError)
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', status: 422, requestId: expect.any(String) })
    expect((error as ValidationError).issues).toContainEqual({
      path: 'patient.email',
      message: expect.stringContaining('email'),
    })
    const after = await slotsOn(frontdesk, practice.service.id, 6)
    expect(after[0]).toEqual(slot)
  })

  it('moves a hold to another slot and frees the first one', async () => {
    const slots = await slotsOn(frontdesk, practice.service.id, 7, 2)
    const practitionerId = practice.practitioners[1].id
    const serviceId = practice.service.id
    const { hold, visitToken } = await frontdesk.holds.create({
      serviceId,
      practitionerId,
      startsAt: slots[0]!.startsAt,
    })
    const moved = await frontdesk.holds.move(
      hold.id,
      { serviceId, practitionerId, startsAt: slots[1]!.startsAt },
      { visitToken },
    )
    expect(moved).toMatchObject({ id: hold.id, startsAt: slots[1]!.startsAt })
    const after = await slotsOn(frontdesk, serviceId, 7)
    expect(after.find((slot) => slot.startsAt === slots[0]!.startsAt)?.practitionerIds).toContain(
      practitionerId,
    )
    expect(after.find((slot) => slot.startsAt === slots[1]!.startsAt)?.practitionerIds).not.toContain(
      practitionerId,
    )
  })

  it('refuses to book a released hold with a HoldExpiredError', async () => {
    const [slot] = await slotsOn(frontdesk, practice.service.id, 8)
    const { hold, visitToken } = await frontdesk.holds.create({
      serviceId: practice.service.id,
      startsAt: slot!.startsAt,
    })
    await frontdesk.holds.release(hold.id, { visitToken })
    const error = await rejection(frontdesk.bookings.create({ holdId: hold.id, patient }, { visitToken }))
    expect(error).toBeInstanceOf(HoldExpiredError)
    expect(error).toMatchObject({ code: 'HOLD_EXPIRED', status: 410 })
    await expect(frontdesk.holds.get(hold.id, { visitToken })).rejects.toBeInstanceOf(HoldExpiredError)
  })

  it('needs the visit token to book a hold: the publishable key alone is refused', async () => {
    const [slot] = await slotsOn(frontdesk, practice.service.id, 9)
    const { hold } = await frontdesk.holds.create({
      serviceId: practice.service.id,
      startsAt: slot!.startsAt,
    })
    // @ts-expect-error booking a hold without its visit token does not compile
    const error = await rejection(frontdesk.bookings.create({ holdId: hold.id, patient }))
    expect(error).toBeInstanceOf(PermissionError)
    expect(error).toMatchObject({ code: 'FORBIDDEN', status: 403 })
  })

  it('reschedules with the manage token to another free slot', async () => {
    const slots = await slotsOn(frontdesk, practice.service.id, 10, 3)
    const { booking, manageToken } = await frontdesk.bookings.create({
      serviceId: practice.service.id,
      practitionerId: practice.practitioners[0].id,
      startsAt: slots[0]!.startsAt,
      patient,
    })
    const moved = await frontdesk.bookings.reschedule(
      booking.id,
      { startsAt: slots[2]!.startsAt },
      { manageToken },
    )
    expect(moved).toMatchObject({
      id: booking.id,
      status: 'confirmed',
      practitionerId: practice.practitioners[0].id,
      startsAt: slots[2]!.startsAt,
      localTime: slots[2]!.localTime,
    })
    const cancelled = await frontdesk.bookings.cancel(
      booking.id,
      { reason: 'Feeling better' },
      { manageToken },
    )
    expect(cancelled.status).toBe('cancelled')
  })
})
