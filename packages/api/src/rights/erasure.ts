// Erasure (GDPR Art. 17): the patient's personal data in one clinic is deleted or made anonymous, except
// what a legal hold keeps. The patient row keeps its id, so bookings and records still add up; its
// details go, and the identity key is replaced, so a later booking with the same details is a new
// patient. Intake answers and files are deleted. Consent evidence (who signed, typed name, signature)
// is erased from version 2 records, whose chain covers a digest of it (migrations/0018), so the ledger
// still verifies. Audit events hold ids only and stay. With any hold in place, the patient's details
// stay too (held records must name whom they are about) and processing is restricted instead.
import type { ErasureReport, RecordKind } from '@frontdesk/contracts'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.js'
import { NO_IDENTITY } from '../patients/sealed-identity.js'
import { activeHolds, patientBookings, patientResponses, patientRow } from './patient-data.js'

type Db = Kysely<Database>

export async function erasePatient(
  db: Db,
  clinicId: string,
  patientId: string,
  at: number,
): Promise<ErasureReport> {
  // Inside the caller's transaction when there is one (a request's decision), else in its own.
  const inTransaction = <T>(fn: (trx: Db) => Promise<T>) =>
    db.isTransaction ? fn(db) : db.transaction().execute(fn)
  return inTransaction(async (trx) => {
    await patientRow(trx, clinicId, patientId)
    const holds = await activeHolds(trx, clinicId, patientId, at)
    const heldBy = (kind: RecordKind) => holds.find((hold) => hold.kinds.includes(kind))?.id ?? null
    const retained: ErasureReport['retained'] = []
    const now = new Date(at)

    const bookings = await patientBookings(trx, clinicId, patientId)
    const bookingIds = bookings.map((booking) => booking.id)
    let bookingNotes = 0
    if (heldBy('bookings')) {
      retained.push({
        kind: 'bookings',
        count: bookings.length,
        reason: 'legal_hold',
        holdId: heldBy('bookings'),
      })
    } else if (bookingIds.length) {
      bookingNotes = bookings.filter(
        (booking) => booking.notes_sealed !== null || booking.cancel_reason_sealed !== null,
      ).length
      await trx
        .updateTable('bookings')
        .set({
          notes_sealed: null,
          cancel_reason_sealed: null,
          messaging: null,
          manage_token_sealed: null,
          manage_token_hash: null,
        })
        .where('id', 'in', bookingIds)
        .execute()
    }
    const pendingMessages = bookingIds.length
      ? Number(
          (
            await trx
              .updateTable('messages')
              .set({ status: 'dropped', reason: 'patient_erased', updated_at: now })
              .where('booking_id', 'in', bookingIds)
              .where('status', 'in', ['scheduled', 'queued'])
              .executeTakeFirst()
          ).numUpdatedRows,
        )
      : 0

    const responses = await patientResponses(trx, clinicId, patientId)
    let intakeFiles = 0
    if (heldBy('intake')) {
      retained.push({
        kind: 'intake',
        count: responses.length,
        reason: 'legal_hold',
        holdId: heldBy('intake'),
      })
    } else if (responses.length) {
      const ids = responses.map((response) => response.id)
      intakeFiles = Number(
        (await trx.deleteFrom('intake_files').where('response_id', 'in', ids).executeTakeFirst())
          .numDeletedRows,
      )
      await trx.deleteFrom('intake_answers').where('response_id', 'in', ids).execute()
    }

    let consentEvidence = 0
    const consentHold = heldBy('consent')
    const evidence = trx
      .selectFrom('consent_records')
      .select(['id', 'chain_version'])
      .where('clinic_id', '=', clinicId)
      .where((eb) =>
        eb.or([
          eb('patient_id', '=', patientId),
          ...(bookingIds.length ? [eb('booking_id', 'in', bookingIds)] : []),
        ]),
      )
      .where((eb) =>
        eb.or([
          eb('signer_name', 'is not', null),
          eb('typed_name', 'is not', null),
          eb('signature', 'is not', null),
        ]),
      )
    const withEvidence = await evidence.execute()
    if (consentHold) {
      retained.push({
        kind: 'consent',
        count: withEvidence.length,
        reason: 'legal_hold',
        holdId: consentHold,
      })
    } else {
      const erasable = withEvidence.filter((record) => record.chain_version === 2).map((record) => record.id)
      if (erasable.length) {
        await trx
          .updateTable('consent_records')
          .set({ signer_name: null, typed_name: null, signature: null, erased_at: now })
          .where('id', 'in', erasable)
          .execute()
      }
      consentEvidence = erasable.length
      const sealedBefore = withEvidence.length - erasable.length
      if (sealedBefore > 0) {
        retained.push({
          kind: 'consent',
          count: sealedBefore,
          reason: 'sealed_before_erasure_support',
          holdId: null,
        })
      }
    }

    const anyHold = holds.length > 0
    await trx
      .updateTable('patients')
      .set(
        anyHold
          ? { restricted_at: sql`coalesce(restricted_at, ${now})` }
          : { ...anonymous(now), restricted_at: sql`coalesce(restricted_at, ${now})` },
      )
      .where('clinic_id', '=', clinicId)
      .where('id', '=', patientId)
      .execute()
    return {
      patientId,
      erasedAt: now.toISOString(),
      removed: {
        patientDetails: !anyHold,
        bookingNotes,
        intakeResponses: heldBy('intake') ? 0 : responses.length,
        intakeFiles,
        consentEvidence,
        pendingMessages,
      },
      retained,
    }
  })
}

/**
 * A patient row with nothing personal left: the id stays, and the identity key becomes one no details
 * give, so the same details booking again make a new patient.
 */
export function anonymous(at: Date) {
  return {
    ...NO_IDENTITY,
    identity_key: sql<string>`'erased:' || id`,
    erased_at: at,
  }
}
