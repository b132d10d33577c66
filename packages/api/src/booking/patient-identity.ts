// Who a patient is: details normalised (email case, phone as E.164), the identity key a returning patient
// is recognised by, and the clinic's record found or created without revealing which happened.
import { hash } from 'node:crypto'
import type { PatientDetails } from '@frontdesk/contracts'
import type { Kysely } from 'kysely'
import type { CountryCode } from 'libphonenumber-js'
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import type { Database } from '../db/schema.js'
import { ApiError } from '../errors.js'
import { newId } from '../tokens.js'

export interface NormalisedPatient {
  name: string
  email: string | null
  phone: string | null
  dateOfBirth: string
}

/** Emails compare case-insensitively; phones become E.164 (libphonenumber's full metadata decides validity). */
export function normalisePatient(
  patient: PatientDetails,
  phoneRegion?: string,
  /** Where the request holds the phone, for the error: a booking's `patient.phone`, or another body's own. */
  phonePath = 'patient.phone',
): NormalisedPatient {
  let phone: string | null = null
  if (patient.phone !== undefined) {
    const parsed = parsePhoneNumberFromString(
      patient.phone,
      (phoneRegion ?? undefined) as CountryCode | undefined,
    )
    if (!parsed?.isValid()) {
      throw new ApiError('VALIDATION_FAILED', `${phonePath}: not a phone number we can reach`, {
        issues: [
          {
            path: phonePath,
            message: phoneRegion
              ? 'Not a valid phone number'
              : 'Not a valid phone number; include the country code, e.g. +49 30 1234567',
          },
        ],
      })
    }
    phone = parsed.number
  }
  return {
    name: patient.name.replace(/\s+/g, ' '),
    email: patient.email?.trim().toLowerCase() ?? null,
    phone,
    dateOfBirth: patient.dateOfBirth,
  }
}

/**
 * One statement whether the patient is new or known, so the answer (and its timing) is the same.
 * A known patient's stored details are never overwritten by an anonymous caller.
 */
export async function matchOrCreatePatient(
  db: Kysely<Database>,
  clinicId: string,
  patient: NormalisedPatient,
) {
  const identityKey = patientIdentityKey(patient)
  const row = await db
    .insertInto('patients')
    .values({
      id: newId('pat'),
      clinic_id: clinicId,
      identity_key: identityKey,
      name: patient.name,
      email: patient.email,
      phone: patient.phone,
      date_of_birth: patient.dateOfBirth,
    })
    .onConflict((conflict) =>
      conflict
        .columns(['clinic_id', 'identity_key'])
        .doUpdateSet((eb) => ({ identity_key: eb.ref('excluded.identity_key') })),
    )
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Email (or else phone) with the date of birth, hashed: how a returning patient is recognised. */
export function patientIdentityKey(patient: NormalisedPatient): string {
  const identity = patient.email ? `email:${patient.email}` : `phone:${patient.phone}`
  return hash('sha256', `${identity}|${patient.dateOfBirth}`, 'base64url')
}
