// A patient's say about a channel, read from the consent ledger: the latest decision on any document
// whose purpose is messages_<channel> (a STOP reply is a withdrawal or refusal there, START a new
// consent), and for marketing the latest on marketing_<channel>.
import type { MessageChannel } from '@frontdesk/contracts'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

export type ChannelDecision = 'given' | 'refused' | 'withdrawn' | null

export async function latestChannelDecision(
  db: Kysely<Database>,
  patientId: string,
  purpose: `messages_${MessageChannel}` | `marketing_${MessageChannel}`,
): Promise<{ decision: ChannelDecision; recordId: string | null }> {
  const row = await db
    .selectFrom('consent_records')
    .innerJoin('consent_documents', 'consent_documents.id', 'consent_records.document_id')
    .select(['consent_records.id', 'consent_records.decision'])
    .where('consent_records.patient_id', '=', patientId)
    .where('consent_documents.purpose', '=', purpose)
    .orderBy('consent_records.sequence', 'desc')
    .limit(1)
    .executeTakeFirst()
  return { decision: (row?.decision as ChannelDecision) ?? null, recordId: row?.id ?? null }
}

/**
 * May a booking message go to this patient on this channel? On the contract basis, unless they said
 * stop; on the consent basis, only after they said yes.
 */
export function channelAllowed(basis: 'contract' | 'consent', decision: ChannelDecision): boolean {
  return basis === 'contract' ? decision !== 'refused' && decision !== 'withdrawn' : decision === 'given'
}
