// Finding the clinic's patients on sealed data: email and phone through their blind indexes, a name by
// opening the clinic's patients here and comparing (bench/patient-search.bench.ts measures how far that
// goes). A practitioner finds their own patients only; every patient found is an audited read.
import type { PatientRecord, PatientSearch } from '@frontdesk/contracts'
import type { z } from 'zod'
import { audit } from '../audit/trail.js'
import { normalisePatient } from '../booking/patient-identity.js'
import type { FieldCipher } from '../crypto/field-cipher.js'
import { ownCalendar } from '../db/tenant-scope.js'
import type { RequestScope } from '../env.js'
import { cipherOf } from '../request-scope.js'
import { toPatientRecord } from '../rights/export.js'
import { emailIndex, identityPurpose, phoneIndex } from './sealed-identity.js'

type Search = z.output<typeof PatientSearch>

export async function searchPatients(scope: RequestScope, search: Search): Promise<PatientRecord[]> {
  const { db, clinic } = scope
  const cipher = cipherOf(scope)
  let query = db
    .selectFrom('patients')
    .selectAll()
    .where('clinic_id', '=', clinic.id)
    .where('erased_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
  const own = ownCalendar(scope.principal)
  if (own !== undefined) {
    query = query.where('id', 'in', (eb) =>
      eb
        .selectFrom('bookings')
        .select('patient_id')
        .where('clinic_id', '=', clinic.id)
        .where('practitioner_id', '=', own)
        .where('patient_id', 'is not', null)
        .$narrowType<{ patient_id: string }>(),
    )
  }
  let rows: Awaited<ReturnType<typeof query.execute>>
  if (search.name !== undefined) {
    // Only the sealed names come over for the scan; the few patients found are read whole.
    const candidates = await query.clearSelect().select(['id', 'name_sealed']).execute()
    const ids = await idsByName(cipher, clinic.id, candidates, search.name, search.limit)
    const found = ids.length ? await query.where('id', 'in', ids).execute() : []
    rows = ids.map((id) => found.find((row) => row.id === id)!)
  } else {
    // The same normalisation a booking's details get, so what was booked is what is found.
    const contact = normalisePatient(
      {
        name: '-',
        dateOfBirth: '',
        ...(search.email !== undefined && { email: search.email }),
        ...(search.phone !== undefined && { phone: search.phone }),
      },
      search.phoneRegion,
      'phone',
    )
    query = contact.email
      ? query.where('email_index', '=', await emailIndex(cipher, clinic.id, contact.email))
      : query.where('phone_index', '=', await phoneIndex(cipher, clinic.id, contact.phone!))
    rows = await query.limit(search.limit).execute()
  }
  const found = await Promise.all(rows.map((row) => toPatientRecord(cipher, row)))
  await audit(
    db,
    scope,
    found.map((patient) => ({
      action: 'patient.read' as const,
      objectType: 'patient' as const,
      objectId: patient.id,
    })),
  )
  return found
}

/** Opens every candidate's name in one go and keeps the ids of those containing the term, newest first. */
async function idsByName(
  cipher: FieldCipher,
  clinicId: string,
  candidates: { id: string; name_sealed: Uint8Array | null }[],
  term: string,
  limit: number,
): Promise<string[]> {
  const named = candidates.filter((row) => row.name_sealed !== null)
  const names = await cipher.openTexts(
    clinicId,
    named.map((row) => ({ purpose: identityPurpose(row.id, 'name'), sealed: row.name_sealed! })),
  )
  const wanted = foldName(term)
  const ids: string[] = []
  for (const [index, name] of names.entries()) {
    if (!foldName(name).includes(wanted)) continue
    ids.push(named[index]!.id)
    if (ids.length === limit) break
  }
  return ids
}

/**
 * Lower case, accents dropped, spaces collapsed: "  MÜLLER " and "muller" compare equal. Unicode's default
 * lower-casing, which is English's: a third of the time of toLocaleLowerCase('en') over a clinic's names.
 */
export function foldName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim()
}
