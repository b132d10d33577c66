import { FrontdeskError } from '@frontdesk/sdk'
import { describe, expect, it } from 'vitest'
import { hoursOf, issuesFrom, minutesOf, settingsFrom } from './messaging-settings.js'

const typed = {
  channels: ['sms', 'email'],
  offsets: ['48', '1.5'],
  reminderBasis: 'consent',
  reasonInEmail: true,
  defaultLanguage: 'de',
  smsFrom: '+49 30 123-4567',
  whatsappFrom: '',
  replyTo: ' praxis@example.org ',
  intakeHours: '',
  intakePageUrl: '',
}

describe('the Messages settings form', () => {
  it('turns hours as typed into the minutes the API keeps, and back', () => {
    expect([minutesOf('24'), minutesOf('1,5'), minutesOf(' 0.25 ')]).toEqual([1440, 90, 15])
    expect([hoursOf(1440), hoursOf(90), hoursOf(20)]).toEqual(['24', '1.5', '0.33'])
    expect(minutesOf('')).toBe(0)
  })

  it('saves the whole form: channels in their order, numbers without spaces, empty text as none', () => {
    expect(settingsFrom(typed)).toEqual({
      channels: ['email', 'sms'],
      reminderOffsetsMinutes: [2880, 90],
      reminderBasis: 'consent',
      reasonInEmail: true,
      defaultLanguage: 'de',
      smsFrom: '+49301234567',
      whatsappFrom: null,
      replyTo: 'praxis@example.org',
      intakeNudgeMinutes: null,
      intakePageUrl: null,
    })
    expect(settingsFrom({ ...typed, intakeHours: '48' }).intakeNudgeMinutes).toBe(2880)
  })

  it('pins the API’s refusals to the fields and reminder rows it names', () => {
    const refused = new FrontdeskError('smsFrom: Give the number SMS is sent from', {
      code: 'VALIDATION_FAILED',
      status: 422,
      requestId: 'req_1',
      issues: [
        { path: 'smsFrom', message: 'Give the number SMS is sent from' },
        { path: 'reminderOffsetsMinutes.1', message: 'Too small: expected number to be >=15' },
      ],
    })
    const issues = issuesFrom(refused)
    expect(issues?.fields.smsFrom).toBe('Give the number SMS is sent from')
    expect(issues?.fields.reminderOffsetsMinutes).toMatch(/hours|days/)
    expect(issues?.reminders).toEqual(new Set([1]))

    const taken = new FrontdeskError('whatsappFrom: another clinic sends from this number', {
      code: 'SENDER_TAKEN',
      status: 409,
      requestId: 'req_2',
    })
    expect(issuesFrom(taken)?.fields).toEqual({ whatsappFrom: 'Another clinic sends from this number.' })
    expect(issuesFrom(new Error('offline'))).toBeNull()
    expect(
      issuesFrom(new FrontdeskError('Forbidden', { code: 'FORBIDDEN', status: 403, requestId: null })),
    ).toBeNull()
  })
})
