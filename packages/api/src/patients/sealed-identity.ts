// A patient's identity as the database keeps it (migrations/0020_sealed_identity.sql): each field sealed
// under the clinic's data key and bound to the patient's row and field, and the blind indexes exact
// lookups use (a returning patient, a rights request's contact, an SMS sender, staff search). Nothing
// here is stored or compared in clear.

import type { NormalisedPatient } from '../booking/patient-identity.js'
import type { FieldCipher } from '../crypto/field-cipher.js'

export type IdentityField = 'name' | 'email' | 'phone' | 'date_of_birth'

export const identityPurpose = (patientId: string, field: IdentityField) => `patient:${patientId}:${field}`

/** A new patient row's identity columns, sealed for its id. */
export interface SealedPatient {
  id: string
  identity_key: string
  name_sealed: Uint8Array
  email_sealed: Uint8Array | null
  phone_sealed: Uint8Array | null
  date_of_birth_sealed: Uint8Array
  email_index: Uint8Array | null
  phone_index: Uint8Array | null
}

/** The sealed columns a stored patient row has; an erased patient's are all null. */
export interface SealedIdentityColumns {
  id: string
  clinic_id: string
  name_sealed: Uint8Array | null
  email_sealed: Uint8Array | null
  phone_sealed: Uint8Array | null
  date_of_birth_sealed: Uint8Array | null
}

export interface PatientIdentity {
  name: string
  email: string | null
  phone: string | null
  dateOfBirth: string | null
}

/** Seals the patient for the row `id`; seal before the transaction that stores it (see FieldCipher). */
export async function sealPatient(
  cipher: FieldCipher,
  clinicId: string,
  id: string,
  patient: NormalisedPatient,
): Promise<SealedPatient> {
  const seal = (field: IdentityField, value: string | null) =>
    value === null ? null : cipher.seal(clinicId, identityPurpose(id, field), value)
  const [
    identity_key,
    name_sealed,
    email_sealed,
    phone_sealed,
    date_of_birth_sealed,
    email_index,
    phone_index,
  ] = await Promise.all([
    identityKey(cipher, clinicId, patient),
    seal('name', patient.name),
    seal('email', patient.email),
    seal('phone', patient.phone),
    seal('date_of_birth', patient.dateOfBirth),
    patient.email === null ? null : emailIndex(cipher, clinicId, patient.email),
    patient.phone === null ? null : phoneIndex(cipher, clinicId, patient.phone),
  ])
  return {
    id,
    identity_key,
    name_sealed: name_sealed!,
    email_sealed,
    phone_sealed,
    date_of_birth_sealed: date_of_birth_sealed!,
    email_index,
    phone_index,
  }
}

/** Email (or else phone) with the date of birth, as a blind index: how a returning patient is recognised. */
export async function identityKey(
  cipher: FieldCipher,
  clinicId: string,
  patient: Pick<NormalisedPatient, 'email' | 'phone' | 'dateOfBirth'>,
): Promise<string> {
  const identity = patient.email ? `email:${patient.email}` : `phone:${patient.phone}`
  const index = await cipher.blindIndex(clinicId, 'identity', `${identity}|${patient.dateOfBirth}`)
  return index.toString('base64url')
}

/** Over the normalised email (trimmed, lower case: normalisePatient's). */
export const emailIndex = (cipher: FieldCipher, clinicId: string, email: string) =>
  cipher.blindIndex(clinicId, 'email', email)

/** Over the E.164 number. */
export const phoneIndex = (cipher: FieldCipher, clinicId: string, phone: string) =>
  cipher.blindIndex(clinicId, 'phone', phone)

export async function openPatient(cipher: FieldCipher, row: SealedIdentityColumns): Promise<PatientIdentity> {
  const open = (field: IdentityField, sealed: Uint8Array | null) =>
    sealed === null ? null : cipher.openText(row.clinic_id, identityPurpose(row.id, field), sealed)
  const [name, email, phone, dateOfBirth] = await Promise.all([
    open('name', row.name_sealed),
    open('email', row.email_sealed),
    open('phone', row.phone_sealed),
    open('date_of_birth', row.date_of_birth_sealed),
  ])
  return { name: name ?? '', email, phone, dateOfBirth }
}

/** Opens many rows at once, by id. */
export async function openPatients(
  cipher: FieldCipher,
  rows: SealedIdentityColumns[],
): Promise<Map<string, PatientIdentity>> {
  const opened = await Promise.all(rows.map(async (row) => [row.id, await openPatient(cipher, row)] as const))
  return new Map(opened)
}

/** The columns an erased or anonymised patient keeps: none that name them. */
export const NO_IDENTITY = {
  name_sealed: null,
  email_sealed: null,
  phone_sealed: null,
  date_of_birth_sealed: null,
  email_index: null,
  phone_index: null,
} as const
