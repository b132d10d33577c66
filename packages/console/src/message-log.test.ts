import type { Message } from '@frontdesk/contracts'
import { describe, expect, it } from 'vitest'
import { describeMessage } from './message-log.js'
import { duration } from './message-words.js'

const message = (fields: Partial<Message>): Message => ({
  id: 'msg_1',
  bookingId: 'bkg_1',
  kind: 'confirmation',
  channel: 'email',
  status: 'scheduled',
  reason: null,
  offsetMinutes: null,
  sendAt: '2026-11-24T08:00:00.000Z',
  sentAt: null,
  attempts: 0,
  updatedAt: '2026-11-24T08:00:00.000Z',
  ...fields,
})

describe('a booking’s message log', () => {
  it('names the message, its channel and when it is due, in the clinic’s time', () => {
    expect(
      describeMessage(message({ kind: 'reminder', offsetMinutes: 1440, channel: 'sms' }), 'Europe/Berlin'),
    ).toEqual({
      what: 'Reminder · 24 h before',
      channel: 'SMS',
      when: 'Due 24 Nov 2026, 09:00',
      status: 'Scheduled',
      failed: false,
    })
  })

  it('says when it was sent once it was', () => {
    const sent = describeMessage(
      message({ status: 'delivered', sentAt: '2026-11-24T08:00:05.000Z' }),
      'America/New_York',
    )
    expect(sent).toMatchObject({ what: 'Confirmation', when: 'Sent 24 Nov 2026, 03:00', status: 'Delivered' })
  })

  it('spells out why a message was not sent or failed, and shows a code it does not know', () => {
    const status = (fields: Partial<Message>) => describeMessage(message(fields), 'UTC').status
    expect(status({ status: 'dropped', reason: 'booking_moved' })).toBe('Not sent: the booking moved')
    expect(status({ status: 'suppressed', reason: 'channel_stopped' })).toBe(
      'Not sent: the patient replied STOP',
    )
    expect(status({ status: 'failed', reason: 'twilio_21211' })).toBe(
      'Failed: the provider refused the number',
    )
    expect(status({ status: 'failed', reason: 'twilio_99999' })).toBe('Failed: twilio_99999')
    expect(describeMessage(message({ status: 'failed', reason: 'smtp_550' }), 'UTC').failed).toBe(true)
  })

  it('writes offsets as hours and minutes', () => {
    expect([duration(1440), duration(120), duration(90), duration(45)]).toEqual([
      '24 h',
      '2 h',
      '1 h 30 min',
      '45 min',
    ])
  })
})
