// Legal holds on a patient's records: what the law requires the clinic to keep survives erasure and
// retention until the hold is released. Placing and releasing one is audited.
import type { CreateLegalHold, LegalHold } from '@frontdesk/contracts'
import type { Selectable } from 'kysely'
import { audit } from '../audit/trail.js'
import type { FieldCipher } from '../crypto/field-cipher.js'
import { textPurpose } from '../crypto/sealed-text.js'
import type { LegalHoldsTable } from '../db/schema-rights.js'
import type { RequestScope } from '../env.js'
import { notFound } from '../errors.js'
import { cipherOf } from '../request-scope.js'
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
  return Promise.all(rows.map((row) => toLegalHold(cipherOf(scope), row)))
}

export async function placeLegalHold(
  scope: RequestScope,
  patientId: string,
  input: CreateLegalHold,
): Promise<LegalHold> {
  const { db, clinic } = scope
  await patientRow(db, clinic.id, patientId)
  const cipher = cipherOf(scope)
  const id = newId('lh')
  const reason = await cipher.seal(clinic.id, textPurpose.holdReason(id), input.reason)
  const row = await db.transaction().execute(async (trx) => {
    const hold = await trx
      .insertInto('legal_holds')
      .values({
        id,
        clinic_id: clinic.id,
        patient_id: patientId,
        kinds: [...new Set(input.kinds)],
        reason_sealed: reason,
        until: input.until ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await audit(trx, scope, [{ action: 'legal_hold.create', objectType: 'legal_hold', objectId: hold.id }])
    return hold
  })
  return toLegalHold(cipher, row)
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
  return toLegalHold(cipherOf(scope), row)
}

async function toLegalHold(cipher: FieldCipher, row: Selectable<LegalHoldsTable>): Promise<LegalHold> {
  return {
    id: row.id,
    patientId: row.patient_id,
    kinds: row.kinds as LegalHold['kinds'],
    reason: await cipher.openText(row.clinic_id, textPurpose.holdReason(row.id), row.reason_sealed),
    until: row.until,
    createdAt: new Date(row.created_at).toISOString(),
    releasedAt: row.released_at ? new Date(row.released_at).toISOString() : null,
  }
}
