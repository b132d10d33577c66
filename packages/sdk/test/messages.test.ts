// Patient messages through the admin client against the real API: the clinic's message settings read and
// changed (and refused, naming the field), a booking's message log and the clinic-wide list. This server
// runs no message planner, so the logs are empty here; the browser tests see messages planned and sent.
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import {
  type Message,
  type MessageSettings,
  NotFoundError,
  type Page,
  ValidationError,
} from '../src/index.js'
import { adminClient, patient } from './support/clients.js'
import { type Practice, seedPractice } from './support/practice.js'
import { slotsOn } from './support/slots.js'

const admin = adminClient()
let practice: Practice

beforeAll(async () => {
  practice = await seedPractice(admin, 'Messages')
})

describe('message settings', () => {
  it('changes reminders and senders, and refuses SMS without a sender number, naming the field', async () => {
    const before = await admin.messages.settings.get()
    expectTypeOf(before).toEqualTypeOf<MessageSettings>()
    try {
      const changed = await admin.messages.settings.update({ reminderOffsetsMinutes: [2880, 60] })
      // Only the fields given change.
      expect(changed).toEqual({ ...before, reminderOffsetsMinutes: [2880, 60] })
      expect(await admin.messages.settings.get()).toEqual(changed)

      const refused = await admin.messages.settings
        .update({ channels: ['email', 'sms'], smsFrom: null, reminderOffsetsMinutes: [30] })
        .catch((error: unknown) => error)
      expect(refused).toBeInstanceOf(ValidationError)
      expect((refused as ValidationError).issues.map((issue) => issue.path)).toEqual(['smsFrom'])
      expect(await admin.messages.settings.get(), 'nothing of a refused change is kept').toEqual(changed)

      const withSms = await admin.messages.settings.update({
        channels: ['email', 'sms'],
        smsFrom: '+4930555012345',
      })
      expect(withSms).toMatchObject({ channels: ['email', 'sms'], smsFrom: '+4930555012345' })
    } finally {
      await admin.messages.settings.update(before)
    }
  })
})

describe('messages', () => {
  it("lists a booking's messages and the clinic's by status, and does not find another booking", async () => {
    const [slot] = await slotsOn(admin, practice.service.id, 5)
    const { booking } = await admin.bookings.create({
      serviceId: practice.service.id,
      startsAt: slot!.startsAt,
      patient: { ...patient, email: 'maria.messages-test@example.org' },
    })
    const log = await admin.messages.forBooking(booking.id)
    expect(log).toEqual({ data: expect.any(Array) })
    const messages = log.data
    expect(messages.every((message) => message.bookingId === booking.id)).toBe(true)

    const failed = await admin.messages.list({ status: 'failed', limit: 5 })
    expectTypeOf(failed).toEqualTypeOf<Page<Message>>()
    expect(failed.data.every((message) => message.status === 'failed')).toBe(true)
    const ofBooking = await admin.messages.list({ bookingId: booking.id })
    expect(ofBooking.data.map((message) => message.id).sort()).toEqual(
      messages.map((message) => message.id).sort(),
    )

    await expect(admin.messages.forBooking('bkg_doesnotexist')).rejects.toBeInstanceOf(NotFoundError)
  })
})
