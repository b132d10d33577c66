// What a patient asks the clinic about their data, checked as they type with the API's own patient rules
// (@frontdesk/contracts/rules, which carries no zod), and the body POST /v1/rights-requests is sent.
import type { CreateRightsRequest, MessageLanguage, RightsRequestKind } from '@frontdesk/contracts'
import { checkPatient, type PatientIssue } from '@frontdesk/contracts/rules'

/** Where the one-time code goes: the request is made with the email address or the phone number, not both. */
export type CodeChannel = 'email' | 'sms'
export type RequestField = 'kind' | 'email' | 'phone' | 'dateOfBirth' | 'details'
/** The patient rules' issues, and what only a request asks for. */
export type RequestIssue =
  | PatientIssue
  | 'kind.required'
  | 'email.required'
  | 'phone.required'
  | 'details.required'

export const KINDS: RightsRequestKind[] = ['access', 'rectification', 'erasure', 'restriction', 'objection']

export interface RequestInput {
  kind: RightsRequestKind | ''
  via: CodeChannel
  email: string
  phone: string
  dateOfBirth: string
  /** Asked for a correction only: what is wrong (the field stops at NOTES_MAX characters). */
  details: string
}

export const emptyRequest = (): RequestInput => ({
  kind: '',
  via: 'email',
  email: '',
  phone: '',
  dateOfBirth: '',
  details: '',
})

/** The field the code goes to. */
export const contactField = (input: RequestInput): 'email' | 'phone' =>
  input.via === 'email' ? 'email' : 'phone'

/** The first issue of each field shown; `today` is the patient's local date, `YYYY-MM-DD`. */
export function requestIssues(
  input: RequestInput,
  today: string,
): Partial<Record<RequestField, RequestIssue>> {
  const field = contactField(input)
  const patient = checkPatient(
    {
      name: 'Patient',
      email: field === 'email' ? input.email : '',
      phone: field === 'phone' ? input.phone : '',
      dateOfBirth: input.dateOfBirth,
      notes: '',
    },
    today,
  )
  const issues: Partial<Record<RequestField, RequestIssue>> = {}
  if (!input.kind) issues.kind = 'kind.required'
  // With one contact field shown, "give an email or a phone" becomes "fill in this field".
  const contact = patient.email ?? patient.phone
  if (contact) issues[field] = contact === 'contact.required' ? `${field}.required` : contact
  if (patient.dateOfBirth) issues.dateOfBirth = patient.dateOfBirth
  if (input.kind === 'rectification' && !input.details.trim()) issues.details = 'details.required'
  return issues
}

/** The request as the API takes it: trimmed, only the contact chosen, details only for a correction. */
export function requestBody(input: RequestInput, language: MessageLanguage | undefined): CreateRightsRequest {
  const details = input.kind === 'rectification' ? input.details.trim() : ''
  return {
    kind: input.kind as RightsRequestKind,
    ...(input.via === 'email' ? { email: input.email.trim() } : { phone: input.phone.trim() }),
    dateOfBirth: input.dateOfBirth.trim(),
    ...(details && { details }),
    ...(language && { language }),
  }
}

/** The field an API issue names, if it is one the form shows. */
export function issueField(path: string): RequestField | undefined {
  const field = path.split('.')[0]
  return field === 'phoneRegion'
    ? 'phone'
    : (['kind', 'email', 'phone', 'dateOfBirth', 'details'] as const).find((known) => known === field)
}

/** A code as typed ("123 456" too), as the API takes it. */
export const typedCode = (code: string): string => code.replace(/\s+/g, '')
export const isCode = (code: string): boolean => /^\d{6}$/.test(typedCode(code))
