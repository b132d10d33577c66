// Shared set-up for the security tests: two clinics with a hold and a booking each, fresh objects on demand, error checks.
import { expect } from 'vitest'
import type { PrincipalKind } from '../../src/env.js'
import { type CallResult, createTestClinic, type Harness, patient, type TestClinic } from '../harness.js'

export type { PrincipalKind }
export const PRINCIPALS: PrincipalKind[] = ['publishable', 'secret', 'visit', 'manage', 'resume', 'receipt']

/** One id of every kind a request can name, all from one clinic (or all made up). */
export interface ClinicIds {
  locationId: string
  serviceId: string
  practitionerId: string
  holdId: string
  bookingId: string
  timeOffId: string
  keyId: string
  overrideDate: string
  formId: string
  /** A live draft; only tests that are refused name it, so it stays live. */
  draftId: string
  /** A submitted response with one uploaded file. */
  responseId: string
  fileId: string
  /** A drawn-signature consent document, the booking's patient, and a consent given by them. */
  documentId: string
  patientId: string
  recordId: string
}

export interface Clinic extends TestClinic {
  ids: ClinicIds
  hold: { id: string; visitToken: string }
  booking: { id: string; visitToken: string; manageToken: string }
  /** The standing draft and its resume token. */
  draft: { id: string; resumeToken: string }
  /** The standing consent record and its receipt token; only refused requests name it. */
  consent: { id: string; receiptToken: string }
  secretKeyId: string
  publishableKeyId: string
  /** A secret key of this clinic that another secret key revoked. */
  revokedSecretKey: string
  /** The next free 30-minute slot, never handed out twice. */
  nextSlot(): { startsAt: string; practitionerId: string }
}

export interface World {
  a: Clinic
  b: Clinic
  /** Ids of the right shape that exist nowhere. */
  ghost: ClinicIds
}

export const OVERRIDE_DATE = '2027-07-01'

export const ghostIds: ClinicIds = {
  locationId: 'loc_Ghost0000000000000000',
  serviceId: 'svc_Ghost0000000000000000',
  practitionerId: 'prac_Ghost000000000000000',
  holdId: 'hold_Ghost000000000000000',
  bookingId: 'bkg_Ghost0000000000000000',
  timeOffId: 'off_Ghost0000000000000000',
  keyId: 'key_Ghost0000000000000000',
  overrideDate: OVERRIDE_DATE,
  formId: 'form_Ghost0000000000000000',
  draftId: 'intake_Ghost00000000000000',
  responseId: 'intake_Ghost00000000000001',
  fileId: 'file_Ghost0000000000000000',
  documentId: 'cdoc_Ghost0000000000000000',
  patientId: 'pat_Ghost00000000000000000',
  recordId: 'cons_Ghost0000000000000000',
}

let counter = 0
/** A number never handed out before in this file: unique names, dates and labels. */
export const unique = () => ++counter

/** Weekdays before the clocks change in Berlin (28 March 2027), so 08:00Z is always 09:00 local. */
const SLOT_DAYS = Array.from({ length: 24 }, (_, day) => new Date(Date.UTC(2027, 2, 3 + day)))
  .filter((date) => date.getUTCDay() !== 0 && date.getUTCDay() !== 6)
  .map((date) => date.toISOString().slice(0, 10))

function slotAllocator(practitionerIds: [string, string]) {
  let next = 0
  return () => {
    const n = next++
    const k = Math.floor(n / 2)
    const day = SLOT_DAYS[Math.floor(k / 16)]
    if (!day) throw new Error('The test clinic has no free slots left')
    const minutes = 8 * 60 + (k % 16) * 30
    const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
    return { startsAt: `${day}T${time}:00Z`, practitionerId: practitionerIds[n % 2]! }
  }
}

async function must<T = any>(result: Promise<CallResult<T>>, status: number, what: string): Promise<T> {
  const response = await result
  if (response.status !== status)
    throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`)
  return response.body
}

/** A live hold made from the clinic's web page, with the visit token that acts on it. */
export async function holdSlot(harness: Harness, clinic: Clinic) {
  const slot = clinic.nextSlot()
  const body = await must(
    harness.call('POST', '/v1/holds', {
      token: clinic.pk,
      body: { serviceId: clinic.serviceId, ...slot },
    }),
    201,
    'hold',
  )
  return { id: body.hold.id as string, visitToken: body.visitToken as string, startsAt: slot.startsAt }
}

/** A confirmed booking made by the clinic's server, with the patient's tokens. */
export async function bookSlot(harness: Harness, clinic: Clinic, details: object = patient) {
  const slot = clinic.nextSlot()
  const body = await must(
    harness.call('POST', '/v1/bookings', {
      token: clinic.sk,
      body: { serviceId: clinic.serviceId, ...slot, patient: details },
    }),
    201,
    'booking',
  )
  return {
    id: body.booking.id as string,
    visitToken: body.visitToken as string,
    manageToken: body.manageToken as string,
    startsAt: slot.startsAt,
  }
}

/** A date far beyond the booking window, different on every call, so overrides never touch bookable days. */
export const farDate = () => new Date(Date.UTC(2027, 8, 1 + unique())).toISOString().slice(0, 10)

/** A practitioner who offers nothing and works Mondays 9–11, so changing their hours disturbs no slot. */
export async function sparePractitioner(harness: Harness, clinic: Clinic) {
  const created = await must(
    harness.call('POST', '/v1/practitioners', { token: clinic.sk, body: { name: 'Dr. Spare' } }),
    201,
    'practitioner',
  )
  await must(
    harness.call('PUT', `/v1/practitioners/${created.id}/hours`, {
      token: clinic.sk,
      body: { hours: [{ weekday: 1, start: '09:00', end: '11:00', locationId: clinic.locationId }] },
    }),
    200,
    'hours',
  )
  return created.id as string
}

/** A secret-key GET of clinic state, for "nothing was written" checks. */
export async function read(harness: Harness, clinic: Clinic, path: string) {
  const response = await harness.call('GET', path, { token: clinic.sk })
  return { status: response.status, body: response.body }
}

export async function createClinic(harness: Harness): Promise<Clinic> {
  const base = await createTestClinic(harness)
  const { call } = harness
  const keys = await must(call('GET', '/v1/keys', { token: base.sk }), 200, 'keys')
  const keyId = (kind: string) => keys.data.find((key: { kind: string }) => key.kind === kind).id as string
  const spare = await must(
    call('POST', '/v1/keys', { token: base.sk, body: { kind: 'publishable', label: 'spare' } }),
    201,
    'spare key',
  )
  const doomed = await must(
    call('POST', '/v1/keys', { token: base.sk, body: { kind: 'secret' } }),
    201,
    'key',
  )
  await must(call('POST', `/v1/keys/${doomed.key.id}/revoke`, { token: base.sk }), 200, 'revoke')
  const timeOff = await must(
    call('POST', '/v1/time-off', {
      token: base.sk,
      body: {
        practitionerId: base.practitionerIds[0],
        startsAt: '2028-01-03T08:00:00Z',
        endsAt: '2028-01-03T12:00:00Z',
      },
    }),
    201,
    'time off',
  )
  await must(
    call('PUT', `/v1/practitioners/${base.practitionerIds[0]}/overrides`, {
      token: base.sk,
      body: { date: OVERRIDE_DATE, windows: [] },
    }),
    200,
    'override',
  )
  const clinic = {
    ...base,
    secretKeyId: keyId('secret'),
    publishableKeyId: keyId('publishable'),
    revokedSecretKey: doomed.token,
    nextSlot: slotAllocator(base.practitionerIds),
  } as Clinic
  clinic.hold = await holdSlot(harness, clinic)
  clinic.booking = await bookSlot(harness, clinic)
  clinic.ids = {
    locationId: base.locationId,
    serviceId: base.serviceId,
    practitionerId: base.practitionerIds[0],
    holdId: clinic.hold.id,
    bookingId: clinic.booking.id,
    timeOffId: timeOff.id,
    keyId: spare.key.id,
    overrideDate: OVERRIDE_DATE,
    ...(await intakeIds(harness, clinic)),
    ...(await consentIds(harness, clinic)),
  }
  return clinic
}

export async function createWorld(harness: Harness): Promise<World> {
  return { a: await createClinic(harness), b: await createClinic(harness), ghost: ghostIds }
}

/** The token each principal of a clinic uses when the route is not about one hold or booking. */
export function standingToken(clinic: Clinic, kind: PrincipalKind): string {
  if (kind === 'publishable') return clinic.pk
  if (kind === 'secret') return clinic.sk
  if (kind === 'visit') return clinic.booking.visitToken
  if (kind === 'resume') return clinic.draft.resumeToken
  if (kind === 'receipt') return clinic.consent.receiptToken
  return clinic.booking.manageToken
}

/** The one error shape, with the request id the response header carries. */
export function expectError(response: CallResult, status: number, code: string) {
  expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status, code })
  expect(Object.keys(response.body)).toEqual(['error'])
  const { error } = response.body
  expect(error.message).toEqual(expect.any(String))
  expect(error.message.length).toBeGreaterThan(0)
  expect(error.requestId).toBe(response.headers.get('X-Request-Id'))
  expect(error.requestId.length).toBeGreaterThan(7)
  for (const key of Object.keys(error))
    expect(['code', 'message', 'requestId', 'issues', 'reason']).toContain(key)
}

/** An error body without its per-request id, to compare two answers. */
export function sameAnswer(response: CallResult) {
  const { requestId: _requestId, ...rest } = response.body?.error ?? {}
  return { status: response.status, error: rest }
}

export const issuePaths = (response: CallResult): string[] =>
  (response.body?.error?.issues ?? []).map((issue: { path: string }) => issue.path)

/** The smallest PNG there is (1×1): its signature is what the upload check sniffs. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
export const png = () => new Blob([PNG], { type: 'image/png' })

/** A reason and an optional insurance card photo: enough to answer, upload into and submit. */
export const intakeTestForm = {
  title: 'Before your visit',
  items: [
    { id: 'reason', type: 'longText', label: 'What brings you in?', required: true },
    { id: 'card', type: 'file', label: 'Insurance card', accept: ['image/*'], maxBytes: 4096, maxFiles: 2 },
  ],
}

/** A draft of a fresh form, started from the clinic's web page. */
export async function startDraft(harness: Harness, clinic: Pick<Clinic, 'pk' | 'sk'>, formId?: string) {
  const form =
    formId ??
    (
      await must(
        harness.call('POST', '/v1/intake/forms', {
          token: clinic.sk,
          body: { name: `Intake ${unique()}`, definition: intakeTestForm },
        }),
        201,
        'form',
      )
    ).id
  const started = await must(
    harness.call('POST', '/v1/intake/drafts', { token: clinic.pk, body: { formId: form } }),
    201,
    'draft',
  )
  return {
    id: started.draft.id as string,
    resumeToken: started.resumeToken as string,
    formId: form as string,
  }
}

async function intakeIds(harness: Harness, clinic: Clinic) {
  const draft = await startDraft(harness, clinic)
  clinic.draft = draft
  const sent = await startDraft(harness, clinic, draft.formId)
  const file = await must(
    harness.call('POST', `/v1/intake/drafts/${sent.id}/files?field=card`, {
      token: sent.resumeToken,
      body: png(),
    }),
    201,
    'upload',
  )
  await must(
    harness.call('POST', `/v1/intake/drafts/${sent.id}/submit`, {
      token: sent.resumeToken,
      body: {
        version: 1,
        answers: {
          reason: 'Checkup',
          card: [{ fileId: file.id, contentType: 'image/png', bytes: PNG.length }],
        },
      },
    }),
    200,
    'submit',
  )
  return { formId: draft.formId, draftId: draft.id, responseId: sent.id, fileId: file.id as string }
}

/** A consent document asking for a drawn signature, in English and German. */
export const consentTestDocument = (name = `Treatment ${unique()}`) => ({
  name,
  purpose: 'treatment',
  legalBasis: 'explicit_consent',
  method: 'drawn_signature',
  texts: [
    { language: 'en', title: 'Consent to treatment', body: 'I agree to be **examined and treated**.' },
    {
      language: 'de',
      title: 'Einwilligung in die Behandlung',
      body: 'Ich willige in die **Behandlung** ein.',
    },
  ],
})

export const SIGNATURE = `data:image/png;base64,${PNG.toString('base64')}`

export async function consentDocument(harness: Harness, clinic: Pick<Clinic, 'sk'>) {
  return must(
    harness.call('POST', '/v1/consent/documents', { token: clinic.sk, body: consentTestDocument() }),
    201,
    'consent document',
  )
}

/** A body that records consent to the document's English text, with a drawn signature. */
export function consentBody(document: {
  id: string
  current: { version: number; texts: { language: string; hash: string }[] }
}) {
  const english = document.current.texts.find((text) => text.language === 'en')!
  return {
    documentId: document.id,
    version: document.current.version,
    language: 'en',
    textHash: english.hash,
    decision: 'given',
    signer: { relation: 'self' },
    signature: SIGNATURE,
  }
}

async function consentIds(harness: Harness, clinic: Clinic) {
  const document = await consentDocument(harness, clinic)
  const booking = await must(
    harness.call('GET', `/v1/bookings/${clinic.booking.id}`, { token: clinic.sk }),
    200,
    'booking',
  )
  const recorded = await must(
    harness.call('POST', '/v1/consent/records', {
      token: clinic.booking.visitToken,
      body: consentBody(document),
    }),
    201,
    'consent',
  )
  clinic.consent = { id: recorded.record.id, receiptToken: recorded.receiptToken }
  return {
    documentId: document.id as string,
    patientId: booking.patient.id as string,
    recordId: recorded.record.id as string,
  }
}
