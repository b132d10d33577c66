import { FrontdeskError } from '@frontdesk/sdk'
import { describe, expect, it } from 'vitest'
import { issuesFrom, timeZoneChoices, updateFrom } from './clinic-settings.js'

const typed = {
  name: 'Praxis Dr. Weber',
  timeZone: 'Europe/Vienna',
  cancellationNoticeHours: '1,5',
  holdMinutes: '10',
  intakeDraftIdleDays: '14',
  defaultLanguage: 'de',
  languages: ['en'],
}

describe('the Clinic settings form', () => {
  it('lists the browser’s zones sorted, keeping the saved one in when the browser lacks it', () => {
    expect(timeZoneChoices('UTC', ['Europe/Berlin', 'America/New_York'])).toEqual([
      'America/New_York',
      'Europe/Berlin',
      'UTC',
    ])
    expect(timeZoneChoices('Europe/Berlin', ['Europe/Berlin'])).toEqual(['Europe/Berlin'])
    expect(timeZoneChoices('Europe/Berlin')).toContain('Pacific/Auckland')
  })

  it('saves hours as minutes, numbers as numbers, and the default language first and always', () => {
    expect(updateFrom(typed)).toEqual({
      name: 'Praxis Dr. Weber',
      timeZone: 'Europe/Vienna',
      policy: { cancellationNoticeMinutes: 90, holdMinutes: 10, intakeDraftIdleDays: 14 },
      branding: { languages: ['de', 'en'] },
    })
    expect(updateFrom({ ...typed, defaultLanguage: 'en', languages: [] }).branding?.languages).toEqual(['en'])
  })

  it('sends what is not a number as such, for the API to refuse beside the field', () => {
    const policy = updateFrom({ ...typed, cancellationNoticeHours: ' ', holdMinutes: 'ten' }).policy
    expect(policy?.cancellationNoticeMinutes).toBeNaN()
    expect(policy?.holdMinutes).toBeNaN()
  })

  it('pins the API’s refusals to the fields, in the console’s words', () => {
    const refused = new FrontdeskError('Please check', {
      code: 'VALIDATION_FAILED',
      status: 422,
      requestId: 'req_1',
      issues: [
        { path: 'timeZone', message: 'Not an IANA time zone such as Europe/Berlin' },
        { path: 'policy.cancellationNoticeMinutes', message: 'Too small: expected number to be >=0' },
        { path: 'branding.languages.0', message: 'Invalid option' },
        { path: 'somethingElse', message: 'ignored' },
      ],
    })
    expect(issuesFrom(refused, { timeZone: 'Choose a time zone from the list.' })).toEqual({
      timeZone: 'Choose a time zone from the list.',
      cancellationNotice: 'Too small: expected number to be >=0',
      languages: 'Invalid option',
    })
    const other = new FrontdeskError('Slug taken', {
      code: 'SLUG_TAKEN',
      status: 409,
      requestId: 'req_2',
      issues: [],
    })
    expect(issuesFrom(other)).toBeNull()
    expect(issuesFrom(new Error('offline'))).toBeNull()
  })
})
