// Who a patient is: details normalised (email case, phone as E.164), and the clinic's record found or
// created without revealing which happened. How the details are sealed: ../patients/sealed-identity.ts.
import type { PatientDetails } from '@frontdesk/contracts'
import type { Kysely } from 'kysely'
import type { CountryCode } from 'libphonenumber-js'
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import type { Database } from '../db/schema.js'
import { ApiError } from '../errors.js'
import type { SealedPatient } from '../patients/sealed-identity.js'

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
 * A known patient's stored details are never overwritten by an anonymous caller: the details sealed
 * for the new id are dropped.
 */
export async function matchOrCreatePatient(db: Kysely<Database>, clinicId: string, patient: SealedPatient) {
  const row = await db
    .insertInto('patients')
    .values({ ...patient, clinic_id: clinicId })
    .onConflict((conflict) =>
      conflict
        .columns(['clinic_id', 'identity_key'])
        .doUpdateSet((eb) => ({ identity_key: eb.ref('excluded.identity_key') })),
    )
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
