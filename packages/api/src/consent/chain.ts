// The consent ledger's chain: each record's hash is SHA-256 over the previous record's hash and the
// record's own evidence in a fixed order, so a changed byte, a missing record or two records swapped
// breaks the chain at that record. Sealed fields enter as their stored bytes: verifying needs no key.
import { createHash } from 'node:crypto'
import { firstBreak } from '../ledger/chain.js'

export interface ChainedFields {
  clinic_id: string
  sequence: number
  id: string
  document_id: string
  version: number
  language: string
  text_hash: Uint8Array
  decision: string
  method: string
  signer_relation: string
  signer_name: Uint8Array | null
  typed_name: Uint8Array | null
  signature: Uint8Array | null
  patient_id: string | null
  booking_id: string | null
  intake_response_id: string | null
  withdraws: string | null
  recorded_at: Date
  origin: string | null
}

const bytes = (value: Uint8Array | null) => (value ? Buffer.from(value).toString('base64') : null)

export function recordHash(prev: Uint8Array, record: ChainedFields): Buffer {
  const evidence = JSON.stringify([
    'frontdesk-consent-v1',
    record.clinic_id,
    record.sequence,
    record.id,
    record.document_id,
    record.version,
    record.language,
    bytes(record.text_hash),
    record.decision,
    record.method,
    record.signer_relation,
    bytes(record.signer_name),
    bytes(record.typed_name),
    bytes(record.signature),
    record.patient_id,
    record.booking_id,
    record.intake_response_id,
    record.withdraws,
    record.recorded_at.toISOString(),
    record.origin,
  ])
  return createHash('sha256').update(prev).update(evidence, 'utf8').digest()
}

export interface StoredLink extends ChainedFields {
  prev_hash: Uint8Array
  hash: Uint8Array
}

/** The first consent record that does not hold, in sequence order. */
export function firstBreakInConsent(links: StoredLink[]) {
  return firstBreak(links, recordHash)
}
