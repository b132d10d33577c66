// The patient's path after booking, against the mocks: intake saved, resumed and submitted, then consent
// given to the text shown, its receipt read and the consent withdrawn, all through the SDK.
import {
  AuthenticationError,
  createFrontdesk,
  createFrontdeskAdmin,
  isFrontdeskError,
  NotFoundError,
  ValidationError,
} from '@frontdesk/sdk'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createFrontdeskHandlers, demoClinic } from '../src/index.js'

const baseUrl = 'https://intake.frontdesk.test'
// 00:30 on Tuesday 5 March in Berlin, still the 4th in UTC: the clinic's `today` is the 5th.
const clock = { now: Date.parse('2030-03-04T23:30:00Z') }
const server = setupServer()
const frontdesk = createFrontdesk({ publishableKey: 'pk_test_intakeintakeintakeintake', baseUrl })
const patient = { name: 'Maria Muster', email: 'maria@example.org', dateOfBirth: '1985-04-12' }
const PNG_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='
const png = Uint8Array.from(atob(PNG_DATA_URL.split(',')[1]!), (char) => char.charCodeAt(0))
const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n')

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

/** Fresh mocks and a confirmed consultation; answers the booking and its visit token. */
async function booked() {
  clock.now = Date.parse('2030-03-04T23:30:00Z')
  server.use(...createFrontdeskHandlers({ baseUrl, now: () => clock.now }))
  return frontdesk.bookings.create({
    serviceId: 'svc_consultation',
    startsAt: '2030-03-05T09:00:00Z',
    patient,
  })
}

async function failure(call: Promise<unknown>) {
  const error = await call.then(
    () => expect.unreachable('the call should have failed'),
    (caught: unknown) => caught,
  )
  if (!isFrontdeskError(error)) throw error
  return error
}

async function sha256Hex(text: string) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

const complete = {
  reason: 'Headaches for three weeks',
  contact: { address: { line1: 'Oranienstraße 5', postalCode: '10997', city: 'Berlin', country: 'DE' } },
  insurance: { kind: 'self' },
  takesMedication: false,
  signature: { image: PNG_DATA_URL },
}

describe('intake against the mocks', () => {
  it('saves and resumes a draft linked to the booking, then names what is missing before it submits', async () => {
    const { booking, visitToken } = await booked()
    const forms = await frontdesk.intake.forms.list({ visitToken })
    expect(forms.map((form) => form.name)).toEqual(['New patient history', "Child's first visit"])
    const history = forms[0]!
    expect(await frontdesk.intake.forms.version(history.id, 1)).toMatchObject({
      version: 1,
      definition: { title: 'New patient history' },
    })

    const { draft, resumeToken } = await frontdesk.intake.drafts.start({ formId: history.id }, { visitToken })
    expect(resumeToken).toMatch(/^rt_/)
    expect(draft).toMatchObject({ bookingId: booking.id, version: 1, status: 'draft', today: '2030-03-05' })
    expect(Date.parse(draft.expiresAt)).toBe(clock.now + demoClinic.policy.intakeDraftIdleDays * 86_400_000)

    // Nothing is required yet, a hidden question's answer is dropped, and a malformed one is named.
    const partial = { reason: '  Headaches  ', takesMedication: false, medications: [{ name: 'Ibuprofen' }] }
    const saved = await frontdesk.intake.drafts.save(
      draft.id,
      { version: 1, answers: partial },
      { resumeToken },
    )
    expect(saved.answers).toEqual({ reason: 'Headaches', takesMedication: false })
    const malformed = await failure(
      frontdesk.intake.drafts.save(draft.id, { version: 1, answers: { heightCm: 172.5 } }, { resumeToken }),
    )
    expect(malformed.issues).toEqual([
      { path: 'answers.heightCm', message: 'A whole number is needed', code: 'notInteger' },
    ])

    clock.now += 3 * 86_400_000 // the patient comes back three days later
    const resumed = await frontdesk.intake.drafts.get(draft.id, { resumeToken })
    expect(resumed.answers).toEqual({ reason: 'Headaches', takesMedication: false })

    const incomplete = await failure(
      frontdesk.intake.drafts.submit(draft.id, { version: 1, answers: resumed.answers }, { resumeToken }),
    )
    expect(incomplete).toBeInstanceOf(ValidationError)
    expect(incomplete.issues.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: 'answers.contact.address', code: 'required' },
      { path: 'answers.insurance.kind', code: 'required' },
      { path: 'answers.chronicConditions', code: 'required' },
      { path: 'answers.signature', code: 'required' },
    ])
    const wrongVersion = await failure(
      frontdesk.intake.drafts.submit(draft.id, { version: 2, answers: complete }, { resumeToken }),
    )
    expect(wrongVersion.issues.map((issue) => issue.path)).toEqual(['version'])

    const answers = { ...complete, chronicConditions: false }
    const sent = await frontdesk.intake.drafts.submit(draft.id, { version: 1, answers }, { resumeToken })
    expect(sent).toMatchObject({
      id: draft.id,
      status: 'submitted',
      submittedAt: new Date(clock.now).toISOString(),
    })
    const spent = await failure(frontdesk.intake.drafts.get(draft.id, { resumeToken }))
    expect(spent).toBeInstanceOf(AuthenticationError)
    expect(spent.status).toBe(401)
  })

  it("keeps uploads in memory with the question's type and size limits, and shows them again", async () => {
    await booked()
    const { draft, resumeToken } = await frontdesk.intake.drafts.start({ formId: 'form_newPatient' })
    const upload = (blob: Blob) =>
      frontdesk.intake.drafts.upload(draft.id, 'insurance.card', blob, { resumeToken })

    const card = await upload(new Blob([png], { type: 'image/png' }))
    expect(card).toMatchObject({ field: 'insurance.card', contentType: 'image/png', bytes: png.length })
    const shown = await fetch(`${baseUrl}/v1/intake/drafts/${draft.id}/files/${card.id}`, {
      headers: { Authorization: `Bearer ${resumeToken}` },
    })
    expect(shown.headers.get('Content-Type')).toBe('image/png')
    expect(new Uint8Array(await shown.arrayBuffer())).toEqual(png)

    const notTaken = await failure(upload(new Blob(['a note'], { type: 'text/plain' })))
    expect({ code: notTaken.code, status: notTaken.status }).toEqual({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      status: 415,
    })
    const renamed = await failure(upload(new Blob([pdf], { type: 'image/png' })))
    expect(renamed.message).toBe("The file's content is not image/png")
    const huge = new Uint8Array(10 * 1024 * 1024 + 1)
    huge.set(png)
    const tooLarge = await failure(upload(new Blob([huge], { type: 'image/png' })))
    expect({ code: tooLarge.code, status: tooLarge.status }).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      status: 413,
    })

    // An answer may name only a file uploaded into this draft, and keeps the type and size recorded.
    const answers = {
      ...complete,
      chronicConditions: false,
      insurance: {
        kind: 'statutory',
        insurer: 'AOK Nordost',
        card: [{ fileId: card.id, contentType: 'image/jpeg', bytes: 1 }],
      },
    }
    const saved = await frontdesk.intake.drafts.save(draft.id, { version: 1, answers }, { resumeToken })
    expect(saved.answers.insurance).toMatchObject({ card: [{ fileId: card.id, contentType: 'image/png' }] })
    expect(saved.files.map((file) => file.id)).toEqual([card.id])
    await frontdesk.intake.drafts.removeFile(draft.id, card.id, { resumeToken })
    const dangling = await failure(
      frontdesk.intake.drafts.submit(draft.id, { version: 1, answers }, { resumeToken }),
    )
    expect(dangling.issues).toMatchObject([{ path: 'answers.insurance.card', code: 'invalidFile' }])
  })

  it("judges `today` in date limits by the clinic's date, not UTC's", async () => {
    await booked()
    const { draft, resumeToken } = await frontdesk.intake.drafts.start({ formId: 'form_child' })
    const child = (dateOfBirth: string) => ({ version: 1, answers: { child: { name: 'Lea', dateOfBirth } } })
    const saved = await frontdesk.intake.drafts.save(draft.id, child('2030-03-05'), { resumeToken })
    expect(saved.answers).toEqual({ child: { name: 'Lea', dateOfBirth: '2030-03-05' } })
    const future = await failure(frontdesk.intake.drafts.save(draft.id, child('2030-03-06'), { resumeToken }))
    expect(future.issues).toMatchObject([{ path: 'answers.child.dateOfBirth', code: 'tooLate' }])
  })
})

describe('consent against the mocks', () => {
  it('records consent to the text shown, shows its receipt, and withdraws it once', async () => {
    const { booking, visitToken } = await booked()
    const { current } = await frontdesk.consent.documents.get('cdoc_treatment', { visitToken })
    expect(current).toMatchObject({ version: 1, purpose: 'treatment', method: 'drawn_signature' })
    const text = current.texts.find((each) => each.language === 'en')!
    expect(text.html).toMatch(/^<p>I agree to be examined .*<\/p>\n<p>- Before any treatment/s)
    expect(text.hash).toBe(await sha256Hex(`${text.title}\n${text.html}`))

    const decision = {
      documentId: 'cdoc_treatment',
      version: current.version,
      language: 'en',
      textHash: text.hash,
      decision: 'given' as const,
      signer: { relation: 'self' as const },
    }
    const germanHash = current.texts.find((each) => each.language === 'de')!.hash
    const otherText = await failure(
      frontdesk.consent.records.record({ ...decision, textHash: germanHash }, { visitToken }),
    )
    expect(otherText.issues.map((issue) => issue.path)).toEqual(['textHash'])
    const unsigned = await failure(frontdesk.consent.records.record(decision, { visitToken }))
    expect(unsigned.issues.map((issue) => issue.path)).toEqual(['signature'])
    const nameless = await failure(
      frontdesk.consent.records.record(
        { ...decision, signer: { relation: 'parent' }, signature: PNG_DATA_URL },
        { visitToken },
      ),
    )
    expect(nameless.issues.map((issue) => issue.path)).toEqual(['signer.name'])

    const { record, receiptToken } = await frontdesk.consent.records.record(
      { ...decision, signature: PNG_DATA_URL },
      { visitToken },
    )
    expect(receiptToken).toMatch(/^ct_/)
    expect(record).toMatchObject({
      sequence: 1,
      decision: 'given',
      method: 'drawn_signature',
      hasSignature: true,
      bookingId: booking.id,
      textHash: text.hash,
      legalBasis: 'explicit_consent',
      recordedAt: new Date(clock.now).toISOString(),
    })
    expect(record.patientId).toMatch(/^pat_/)

    const receipt = await frontdesk.consent.receipt(record.id, { receiptToken })
    expect(receipt).toMatchObject({
      consentReceiptID: record.id,
      decision: 'given',
      textHash: text.hash,
      recordHash: record.hash,
      withdrawnBy: null,
      piiControllers: [{ piiController: 'Lindenhof Family Practice', piiControllerId: demoClinic.id }],
    })

    const withdrawal = await frontdesk.consent.records.withdraw(record.id, {}, { receiptToken })
    expect(withdrawal).toMatchObject({ decision: 'withdrawn', withdraws: record.id, method: 'receipt_link' })
    expect(withdrawal.hash).not.toBe(record.hash)
    expect((await frontdesk.consent.receipt(record.id, { receiptToken })).withdrawnBy).toBe(withdrawal.id)
    const twice = await failure(frontdesk.consent.records.withdraw(record.id, {}, { receiptToken }))
    expect({ code: twice.code, status: twice.status }).toEqual({
      code: 'CONSENT_NOT_WITHDRAWABLE',
      status: 409,
    })
  })

  it("records after intake with the resume token, and a refusal can't be withdrawn", async () => {
    await booked()
    const { draft, resumeToken } = await frontdesk.intake.drafts.start({ formId: 'form_newPatient' })
    const document = await frontdesk.consent.documents.get('cdoc_telehealth', { resumeToken })
    const text = document.current.texts[0]!
    const telehealth = {
      documentId: document.id,
      version: 1,
      language: text.language,
      textHash: text.hash,
      decision: 'given' as const,
      signer: { relation: 'self' as const },
    }
    const untyped = await failure(frontdesk.consent.records.record(telehealth, { resumeToken }))
    expect(untyped.issues.map((issue) => issue.path)).toEqual(['typedName'])
    const typed = await frontdesk.consent.records.record(
      { ...telehealth, typedName: 'Maria Muster' },
      { resumeToken },
    )
    expect(typed.record).toMatchObject({
      method: 'typed_name',
      typedName: 'Maria Muster',
      intakeResponseId: draft.id,
    })

    const refused = await frontdesk.consent.records.record(
      { ...telehealth, decision: 'refused' },
      { resumeToken },
    )
    expect(refused.record).toMatchObject({ decision: 'refused', sequence: 2 })
    const notGiven = await failure(
      frontdesk.consent.records.withdraw(refused.record.id, {}, { receiptToken: refused.receiptToken }),
    )
    expect(notGiven.code).toBe('CONSENT_NOT_WITHDRAWABLE')
    // A receipt token opens its own record only.
    const stranger = await failure(
      frontdesk.consent.receipt(typed.record.id, { receiptToken: refused.receiptToken }),
    )
    expect(stranger).toBeInstanceOf(NotFoundError)
  })

  it("lets the clinic's secret key record for a booked patient and withdraw as the clinic", async () => {
    const { booking } = await booked()
    const admin = createFrontdeskAdmin({ secretKey: 'sk_test_clinicclinicclinicclinic', baseUrl })
    const { patient: maria } = await admin.bookings.get(booking.id)
    const { current } = await admin.consent.documents.get('cdoc_newsEmail')
    const news = {
      documentId: 'cdoc_newsEmail',
      version: current.version,
      language: 'de',
      textHash: current.texts.find((text) => text.language === 'de')!.hash,
      decision: 'given' as const,
      signer: { relation: 'self' as const },
    }
    const nobody = await failure(admin.consent.records.record(news))
    expect(nobody.issues.map((issue) => issue.path)).toEqual(['patientId'])
    const { record } = await admin.consent.records.record({ ...news, patientId: maria.id })
    expect(record).toMatchObject({ patientId: maria.id, bookingId: null, purpose: 'marketing_email' })
    const withdrawal = await admin.consent.records.withdraw(record.id)
    expect(withdrawal).toMatchObject({ method: 'clinic', withdraws: record.id })
  })
})
