// The clinic's record of a patient and the rights the patient has over it: read, corrected, exported
// (JSON or a FHIR R4 Bundle), restricted and erased. Every read and change is audited; a practitioner
// reads their own patients only.
import type { ErasureReport, PatientRecord, UpdatePatient } from '@frontdesk/contracts'
import type { z } from 'zod'
import { audit } from '../audit/trail.js'
import { normalisePatient } from '../booking/patient-identity.js'
import { assertOwnPatient } from '../db/tenant-scope.js'
import type { RequestScope } from '../env.js'
import { ApiError } from '../errors.js'
import { cipherOf } from '../request-scope.js'
import { erasePatient as eraseRecords } from '../rights/erasure.js'
import { type PatientExport, patientExport, toPatientRecord } from '../rights/export.js'
import { patientRow } from '../rights/patient-data.js'
import { openPatient, sealPatient } from './sealed-identity.js'

export async function readPatient(scope: RequestScope, id: string): Promise<PatientRecord> {
  await assertOwnPatient(scope, { patientId: id }, 'patient')
  const row = await patientRow(scope.db, scope.clinic.id, id)
  await audit(scope.db, scope, [{ action: 'patient.read', objectType: 'patient', objectId: id }])
  return toPatientRecord(cipherOf(scope), row)
}

/** Corrects the fields given; the patient keeps an email address or a phone, and stays one of a kind. */
export async function correctPatient(
  scope: RequestScope,
  id: string,
  input: z.infer<typeof UpdatePatient>,
): Promise<PatientRecord> {
  const { db, clinic } = scope
  const cipher = cipherOf(scope)
  const row = await patientRow(db, clinic.id, id)
  if (row.erased_at)
    throw new ApiError('PATIENT_ERASED', 'This patient was erased; there is nothing to correct')
  const stored = await openPatient(cipher, row)
  const email = input.email === undefined ? stored.email : input.email
  const phone = input.phone === undefined ? stored.phone : input.phone
  const merged = normalisePatient(
    {
      name: input.name ?? stored.name,
      dateOfBirth: input.dateOfBirth ?? stored.dateOfBirth ?? '',
      ...(email && { email }),
      ...(phone && { phone }),
    },
    input.phoneRegion,
    'phone',
  )
  if (!merged.email && !merged.phone) {
    throw new ApiError('VALIDATION_FAILED', 'email: keep an email address or a phone number', {
      issues: [{ path: 'email', message: 'Keep an email address or a phone number' }],
    })
  }
  // Sealed for this row before the transaction (see FieldCipher); its id stays.
  const { id: _sameId, ...sealed } = await sealPatient(cipher, clinic.id, id, merged)
  const updated = await db.transaction().execute(async (trx) => {
    const clash = await trx
      .selectFrom('patients')
      .select('id')
      .where('clinic_id', '=', clinic.id)
      .where('identity_key', '=', sealed.identity_key)
      .where('id', '!=', id)
      .executeTakeFirst()
    if (clash) {
      throw new ApiError(
        'PATIENT_CONFLICT',
        'Another patient of the clinic has these details; merge them first',
      )
    }
    const next = await trx
      .updateTable('patients')
      .set(sealed)
      .where('clinic_id', '=', clinic.id)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await audit(trx, scope, [{ action: 'patient.update', objectType: 'patient', objectId: id }])
    return next
  })
  return toPatientRecord(cipher, updated)
}

/** Everything the clinic holds about the patient (Art. 15 and 20), audited. */
export async function exportPatient(scope: RequestScope, id: string): Promise<PatientExport> {
  const data = await patientExport(scope.db, cipherOf(scope), scope.clinic, id, scope.now())
  await audit(scope.db, scope, [{ action: 'patient.export', objectType: 'patient', objectId: id }])
  return data
}

export async function erasePatient(scope: RequestScope, id: string): Promise<ErasureReport> {
  const report = await eraseRecords(scope.db, scope.clinic.id, id, scope.now())
  await audit(scope.db, scope, [{ action: 'patient.erase', objectType: 'patient', objectId: id }])
  return report
}

/** Restricts processing (Art. 18) or lifts the restriction. */
export async function setRestriction(
  scope: RequestScope,
  id: string,
  restricted: boolean,
): Promise<PatientRecord> {
  const { db, clinic } = scope
  await patientRow(db, clinic.id, id)
  const row = await db.transaction().execute(async (trx) => {
    const next = await trx
      .updateTable('patients')
      .set({ restricted_at: restricted ? new Date(scope.now()) : null })
      .where('clinic_id', '=', clinic.id)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await audit(trx, scope, [
      { action: restricted ? 'patient.restrict' : 'patient.unrestrict', objectType: 'patient', objectId: id },
    ])
    return next
  })
  return toPatientRecord(cipherOf(scope), row)
}
