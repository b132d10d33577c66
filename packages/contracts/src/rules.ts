// Patient-detail rules without zod: the API's schemas are built from them and the widgets check input
// with them as the patient types, so both refuse exactly the same things. Importable on its own as
// `@frontdesk/contracts/rules`, which keeps zod out of browser bundles.

export const NAME_MAX = 200
/** Names as people write them: letters of any script, spaces, apostrophes, hyphens and dots. */
export const NAME_PATTERN = /^[\p{L}\p{M}][\p{L}\p{M}' .,-]*$/u
export const EMAIL_MAX = 254
/** The same pattern as zod's `z.email()` (a test keeps them equal). */
export const EMAIL_PATTERN =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/
export const PHONE_MIN = 5
export const PHONE_MAX = 32
export const PHONE_PATTERN = /^\+?[0-9 ()./-]+$/
export const DATE_OF_BIRTH_MIN = '1900-01-01'
export const NOTES_MAX = 2000
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/

export type PatientField = 'name' | 'email' | 'phone' | 'dateOfBirth' | 'notes'

/** What is wrong with a field, as a key the API and each widget locale turn into words. */
export type PatientIssue =
  | 'name.required'
  | 'name.tooLong'
  | 'name.characters'
  | 'email.invalid'
  | 'phone.tooShort'
  | 'phone.invalid'
  | 'contact.required'
  | 'dateOfBirth.required'
  | 'dateOfBirth.invalid'
  | 'dateOfBirth.notPast'
  | 'notes.tooLong'

export interface PatientInput {
  name: string
  email: string
  phone: string
  dateOfBirth: string
  notes: string
}

/** A real calendar date `YYYY-MM-DD` (no 31 April). */
export function isCalendarDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

/**
 * The first issue of each field, after trimming. Empty email and phone mean "not given"; one of
 * them is required. `today` is the patient's local date, `YYYY-MM-DD`.
 */
export function checkPatient(
  input: PatientInput,
  today: string,
): Partial<Record<PatientField, PatientIssue>> {
  const issues: Partial<Record<PatientField, PatientIssue>> = {}
  const name = input.name.trim()
  if (!name) issues.name = 'name.required'
  else if (name.length > NAME_MAX) issues.name = 'name.tooLong'
  else if (!NAME_PATTERN.test(name)) issues.name = 'name.characters'

  const email = input.email.trim()
  const phone = input.phone.trim()
  if (email && (email.length > EMAIL_MAX || !EMAIL_PATTERN.test(email))) issues.email = 'email.invalid'
  if (phone && phone.length < PHONE_MIN) issues.phone = 'phone.tooShort'
  else if (phone && (phone.length > PHONE_MAX || !PHONE_PATTERN.test(phone))) issues.phone = 'phone.invalid'
  if (!email && !phone) issues.email = 'contact.required'

  const dob = input.dateOfBirth.trim()
  if (!dob) issues.dateOfBirth = 'dateOfBirth.required'
  else if (!isCalendarDate(dob)) issues.dateOfBirth = 'dateOfBirth.invalid'
  else if (dob < DATE_OF_BIRTH_MIN || dob > today) issues.dateOfBirth = 'dateOfBirth.notPast'

  if (input.notes.trim().length > NOTES_MAX) issues.notes = 'notes.tooLong'
  return issues
}
