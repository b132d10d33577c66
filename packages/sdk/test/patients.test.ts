// The clinic's record of a patient through the admin client against the real API: read, correct, export as
// JSON and FHIR, restrict, erase, and the legal holds that keep a patient's records through an erasure.
import { beforeAll, beforeEach, describe, expect, expectTypeOf, it } from 'vitest'
import {
  FrontdeskError,
  NotFoundError,
  type PatientExport,
  type PatientRecord,
  ValidationError,
} from '../src/index.js'
import { type BookedPatient, bookedPatient } from './support/booked-patient.js'
import { adminClient, patient } from './support/clients.js'
import { type Practice, seedPractice } from './support/practice.js'

const admin = adminClient()
let practice: Practice
let mine: BookedPatient

beforeAll(async () => {
  practice = await seedPractice(admin, 'Patients')
})

beforeEach(async () => {
  mine = await bookedPatient(admin, practice)
})

describe('patients', () => {
  it('corrects a patient, and the record, the export and the FHIR bundle all read the new details', async () => {
    const before = await admin.patients.get(mine.patientId)
    expectTypeOf(before).toEqualTypeOf<PatientRecord>()
    expect(before).toMatchObject({
      name: patient.name,
      email: mine.email,
      restrictedAt: null,
      erasedAt: null,
    })

    const email = `corrected-${mine.email}`
    const corrected = await admin.patients.correct(mine.patientId, { name: 'Maria Korrigiert', email })
    expect(corrected).toEqual({ ...before, name: 'Maria Korrigiert', email })
    expect(await admin.patients.get(mine.patientId)).toEqual(corrected)

    const exported = await admin.patients.export(mine.patientId)
    expectTypeOf(exported).toEqualTypeOf<PatientExport>()
    expect(exported.patient).toEqual(corrected)
    expect(exported.bookings).toEqual([expect.objectContaining({ id: mine.bookingId, notes: mine.notes })])
    expect(exported.access.map((event) => event.action)).toEqual(
      expect.arrayContaining(['booking.create', 'patient.update']),
    )

    const bundle = await admin.patients.exportFhir(mine.patientId)
    expectTypeOf(bundle.resourceType).toEqualTypeOf<'Bundle'>()
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' })
    const resources = (bundle.entry as { resource: { resourceType: string; id: string } }[]).map(
      (entry) => entry.resource,
    )
    expect(resources[0]).toMatchObject({
      resourceType: 'Patient',
      id: mine.patientId.replace('_', '-'),
      name: [{ text: 'Maria Korrigiert' }],
    })
    expect(resources.filter((resource) => resource.resourceType === 'Appointment')).toEqual([
      expect.objectContaining({ id: mine.bookingId.replace('_', '-') }),
    ])

    // Nothing left to reach the patient by: refused, and nothing changes.
    const refused = await admin.patients.correct(mine.patientId, { email: null, phone: null }).catch((e) => e)
    expect(refused).toBeInstanceOf(ValidationError)
    expect(await admin.patients.get(mine.patientId)).toEqual(corrected)
  })

  it('restricts processing and lifts the restriction', async () => {
    const restricted = await admin.patients.restrict(mine.patientId, { reason: 'Objected to reminders' })
    expect(restricted.restrictedAt).toEqual(expect.any(String))
    expect((await admin.patients.get(mine.patientId)).restrictedAt).toBe(restricted.restrictedAt)
    const lifted = await admin.patients.liftRestriction(mine.patientId)
    expect(lifted).toEqual({ ...restricted, restrictedAt: null })
  })

  it('erases a patient: the record reads as erased, the export keeps nothing personal, a correction is refused', async () => {
    const report = await admin.patients.erase(mine.patientId)
    expect(report).toMatchObject({
      patientId: mine.patientId,
      removed: { patientDetails: true, bookingNotes: 1 },
      retained: [],
    })
    expect(await admin.patients.get(mine.patientId)).toMatchObject({
      name: '',
      email: null,
      phone: null,
      dateOfBirth: null,
      erasedAt: report.erasedAt,
    })
    const exported = await admin.patients.export(mine.patientId)
    expect(exported.bookings.map((booking) => booking.id)).toEqual([mine.bookingId])
    for (const personal of [mine.email, mine.notes, patient.name]) {
      expect(JSON.stringify(exported)).not.toContain(personal)
    }

    const refused = await admin.patients.correct(mine.patientId, { name: 'Back Again' }).catch((e) => e)
    expect(refused).toBeInstanceOf(FrontdeskError)
    expect(refused).toMatchObject({ code: 'PATIENT_ERASED', status: 409 })
    await expect(admin.patients.get('pat_doesnotexist')).rejects.toBeInstanceOf(NotFoundError)
  })

  it('keeps what a legal hold names through an erasure, until the hold is released', async () => {
    const hold = await admin.patients.legalHolds.place(mine.patientId, {
      kinds: ['bookings'],
      reason: '§ 630f BGB: records kept ten years',
    })
    expect(hold).toMatchObject({ patientId: mine.patientId, kinds: ['bookings'], releasedAt: null })
    expect((await admin.patients.legalHolds.list(mine.patientId)).data).toEqual([hold])

    const held = await admin.patients.erase(mine.patientId)
    expect(held.removed.patientDetails).toBe(false)
    expect(held.retained).toEqual([{ kind: 'bookings', count: 1, reason: 'legal_hold', holdId: hold.id }])
    // The held booking must still say whom it is about; processing is restricted instead.
    const kept = await admin.patients.get(mine.patientId)
    expect(kept).toMatchObject({ email: mine.email, erasedAt: null, restrictedAt: expect.any(String) })
    expect((await admin.patients.export(mine.patientId)).bookings[0]?.notes).toBe(mine.notes)

    const released = await admin.patients.legalHolds.release(hold.id)
    expect(released).toEqual({ ...hold, releasedAt: expect.any(String) })
    expect((await admin.patients.legalHolds.list(mine.patientId)).data).toEqual([released])
    const erased = await admin.patients.erase(mine.patientId)
    expect(erased).toMatchObject({ removed: { patientDetails: true, bookingNotes: 1 }, retained: [] })
    expect(await admin.patients.get(mine.patientId)).toMatchObject({ email: null, erasedAt: erased.erasedAt })
  })
})
