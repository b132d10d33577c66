// Patients' own requests through the SDK against the real API: the browser client asks and confirms with
// the code the API emailed, the admin client lists confirmed requests with their deadline and decides them,
// and the patient hears the outcome.
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import { FrontdeskError, type RightsRequest, type RightsRequestKind } from '../src/index.js'
import { type BookedPatient, bookedPatient } from './support/booked-patient.js'
import { adminClient, mailTo, patient, publicClient } from './support/clients.js'
import { type Practice, seedPractice } from './support/practice.js'

const admin = adminClient()
const frontdesk = publicClient()
let practice: Practice

beforeAll(async () => {
  practice = await seedPractice(admin, 'Rights requests')
})

const lastMail = async (address: string) => (await mailTo(address)).at(-1)?.text ?? ''
const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1] ?? ''

/** The patient asks on the clinic's site and confirms with the code from their email. */
async function confirmedRequest(mine: BookedPatient, kind: RightsRequestKind) {
  const started = await frontdesk.rightsRequests.create({
    kind,
    email: mine.email,
    dateOfBirth: patient.dateOfBirth,
  })
  const verified = await frontdesk.rightsRequests.verify(started.requestId, {
    code: codeIn(await lastMail(mine.email)),
  })
  return verified.id
}

const openIds = async () => (await admin.rightsRequests.list({ status: 'open' })).data.map(({ id }) => id)

describe('rights requests', () => {
  it('a patient asks for a copy and confirms the code; the clinic sees it due in a month and completes it', async () => {
    const mine = await bookedPatient(admin, practice)
    const started = await frontdesk.rightsRequests.create({
      kind: 'access',
      email: mine.email,
      dateOfBirth: patient.dateOfBirth,
    })
    expect(started).toMatchObject({ codeSentTo: 'email', requestId: expect.stringMatching(/^rr_/) })
    // Until the code is confirmed the clinic does not see the request.
    expect(await openIds()).not.toContain(started.requestId)

    const code = codeIn(await lastMail(mine.email))
    expect(code).toMatch(/^\d{6}$/)
    const wrong = await frontdesk.rightsRequests
      .verify(started.requestId, { code: code === '000000' ? '111111' : '000000' })
      .catch((error: unknown) => error)
    expect(wrong).toBeInstanceOf(FrontdeskError)
    expect(wrong).toMatchObject({ code: 'CODE_INVALID', status: 422, issues: [{ path: 'code' }] })
    const verified = await frontdesk.rightsRequests.verify(started.requestId, { code })
    expect(verified).toEqual({ id: started.requestId, status: 'open', dueAt: expect.any(String) })
    const month = Date.parse(verified.dueAt) - Date.now()
    expect(month).toBeGreaterThan(27 * 86_400_000)

    const listed = (await admin.rightsRequests.list({ status: 'open' })).data.find(
      ({ id }) => id === started.requestId,
    )
    expect(listed).toMatchObject({
      kind: 'access',
      contact: mine.email,
      patientId: mine.patientId,
      dueAt: verified.dueAt,
    })
    const decided = await admin.rightsRequests.decide(started.requestId, { decision: 'complete' })
    expectTypeOf(decided).toEqualTypeOf<RightsRequest>()
    expect(decided).toMatchObject({
      id: started.requestId,
      status: 'completed',
      decidedAt: expect.any(String),
    })
    expect(await openIds()).not.toContain(started.requestId)
    expect((await admin.rightsRequests.list({ status: 'completed' })).data).toContainEqual(decided)
    // The patient gets a link to download their data, the token in its fragment.
    expect(await lastMail(mine.email)).toContain(`/v1/rights/download#request=${started.requestId}&token=xt_`)

    const again = await admin.rightsRequests
      .decide(started.requestId, { decision: 'reject' })
      .catch((error: unknown) => error)
    expect(again).toMatchObject({ code: 'REQUEST_NOT_OPEN', status: 409 })
  })

  it('completing an erasure request erases the patient', async () => {
    const mine = await bookedPatient(admin, practice)
    const requestId = await confirmedRequest(mine, 'erasure')
    await admin.rightsRequests.decide(requestId, { decision: 'complete' })
    expect(await admin.patients.get(mine.patientId)).toMatchObject({
      email: null,
      erasedAt: expect.any(String),
    })
  })

  it('declining a request tells the patient, and the request reads as rejected with the note', async () => {
    const mine = await bookedPatient(admin, practice)
    const requestId = await confirmedRequest(mine, 'restriction')
    const note = 'We need your records for the open treatment; we will write to you.'
    const declined = await admin.rightsRequests.decide(requestId, { decision: 'reject', note })
    expect(declined).toMatchObject({ status: 'rejected', decisionNote: note })
    expect((await admin.rightsRequests.list({ status: 'rejected' })).data.map(({ id }) => id)).toContain(
      requestId,
    )
    expect(await lastMail(mine.email)).toContain('declined')
    expect((await admin.patients.get(mine.patientId)).restrictedAt).toBeNull()
  })
})
