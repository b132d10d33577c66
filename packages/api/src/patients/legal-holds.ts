// Legal holds on a patient's records: what the law requires the clinic to keep survives erasure and
// retention until the hold is released. Placing and releasing one is audited.
import type { CreateLegalHold, LegalHold } from '@frontdesk/contracts'
import type { Selectable } from 'kysely'
import { audit } from '../audit/trail.js'
import type { LegalHoldsTable } from '../db/schema-rights.js'
import type { RequestScope } from '../env.js'
import { notFound } from '../errors.js'
import { patientRow } from '../rights/patient-data.js'
import { newId } from '../tokens.js'

export async function listLegalHolds(scope: RequestScope, patientId: string): Promise<LegalHold[]> {
  const { db, clinic } = scope
  await patientRow(db, clinic.id, patientId)
  const rows = await db
    .selectFrom('legal_holds')
    .selectAll()
    .where('clinic_id', '=', clinic.id)
    .where('patient_id', '=', patientId)
    .orderBy('created_at')
    .execute()
  return rows.map(toLegalHold)
}

export async function placeLegalHold(
  scope: RequestScope,
  patientId: string,
  input: CreateLegalHold,
): Promise<LegalHold> {
  const { db, clinic } = scope
  await patientRow(db, clinic.id, patientId)
  const row = await db.transaction().execute(async (trx) => {
    const hold = await trx
      .insertInto('legal_holds')
      .values({
        id: newId('lh'),
        clinic_id: clinic.id,
        patient_id: patientId,
        kinds: [...new Set(input.kinds)],
        reason: input.reason,
        until: input.until ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await audit(trx, scope, [{ action: 'legal_hold.create', objectType: 'legal_hold', objectId: hold.id }])
    return hold
  })
  return toLegalHold(row)
}

export async function releaseLegalHold(scope: RequestScope, id: string): Promise<LegalHold> {
  const row = await scope.db.transaction().execute(async (trx) => {
    const hold = await trx
      .updateTable('legal_holds')
      .set({ released_at: new Date(scope.now()) })
      .where('clinic_id', '=', scope.clinic.id)
      .where('id', '=', id)
      .where('released_at', 'is', null)
      .returningAll()
      .executeTakeFirst()
    if (!hold) throw notFound('active legal hold')
    await audit(trx, scope, [{ action: 'legal_hold.release', objectType: 'legal_hold', objectId: id }])
    return hold
  })
  return toLegalHold(row)
}

function toLegalHold(row: Selectable<LegalHoldsTable>): LegalHold {
  return {
    id: row.id,
    patientId: row.patient_id,
    kinds: row.kinds as LegalHold['kinds'],
    reason: row.reason,
    until: row.until,
    createdAt: new Date(row.created_at).toISOString(),
    releasedAt: row.released_at ? new Date(row.released_at).toISOString() : null,
  }
}
