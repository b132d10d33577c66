// The zod-free patient rules and the API's PatientDetails schema must accept and refuse the same input.
import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { PatientDetails } from './bookings.js'
import { checkPatient, EMAIL_PATTERN, isCalendarDate, type PatientInput } from './rules.js'

const TODAY = new Date().toISOString().slice(0, 10)
const valid: PatientInput = {
  name: 'Zoë Ōkubo-Nguyen',
  email: 'zoe@example.org',
  phone: '',
  dateOfBirth: '1985-04-12',
  notes: '',
}

const cases: Partial<PatientInput>[] = [
  {},
  { name: '' },
  { name: '   ' },
  { name: 'x'.repeat(201) },
  { name: 'R2-D2' },
  { name: "O'Brien, Jr." },
  { name: 'محمد علي' },
  { email: 'not-an-email' },
  { email: 'a@b' },
  { email: 'name@example.co.uk' },
  { email: '', phone: '+49 30 1234567' },
  { email: '', phone: '123' },
  { email: '', phone: 'call me' },
  { email: '', phone: '' },
  { dateOfBirth: '' },
  { dateOfBirth: '1985-02-30' },
  { dateOfBirth: '1899-12-31' },
  { dateOfBirth: '2999-01-01' },
  { dateOfBirth: '12.04.1985' },
]

/** What the API would receive from a form: blank optional fields are left out. */
function asRequest(input: PatientInput) {
  return {
    name: input.name,
    dateOfBirth: input.dateOfBirth,
    ...(input.email.trim() && { email: input.email.trim() }),
    ...(input.phone.trim() && { phone: input.phone }),
  }
}

describe('patient rules', () => {
  it("use zod's own email pattern", () => {
    // The formatter drops escapes a character class does not need (\- at its end): same pattern.
    const unescaped = (source: string) => source.replaceAll('\\-', '-')
    expect(unescaped(EMAIL_PATTERN.source)).toBe(unescaped(z.regexes.email.source))
  })

  it.each(cases.map((change) => [JSON.stringify(change), { ...valid, ...change }] as const))(
    'agree with the PatientDetails schema for %s',
    (_, input) => {
      const widget = Object.keys(checkPatient(input, TODAY)).length === 0
      const api = PatientDetails.safeParse(asRequest(input)).success
      expect(widget).toBe(api)
    },
  )

  it('name the field at fault with a key a locale can word', () => {
    expect(checkPatient({ ...valid, email: '', phone: '' }, TODAY)).toEqual({ email: 'contact.required' })
    expect(checkPatient({ ...valid, name: '1234' }, TODAY)).toEqual({ name: 'name.characters' })
    expect(checkPatient({ ...valid, dateOfBirth: '2999-01-01' }, TODAY)).toEqual({
      dateOfBirth: 'dateOfBirth.notPast',
    })
    expect(checkPatient({ ...valid, notes: 'x'.repeat(2001) }, TODAY)).toEqual({ notes: 'notes.tooLong' })
  })

  it('know real calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true)
    expect(isCalendarDate('2023-02-29')).toBe(false)
    expect(isCalendarDate('2024-4-1')).toBe(false)
  })
})
