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
  /** 1: the sealed bytes are hashed as they are; 2: through `sealed_digest`, so they can be erased. */
  chain_version?: number
  sealed_digest?: Uint8Array | null
}

const bytes = (value: Uint8Array | null) => (value ? Buffer.from(value).toString('base64') : null)

/** The digest a version 2 record's hash covers in place of its sealed fields' bytes. */
export function sealedDigest(
  record: Pick<ChainedFields, 'signer_name' | 'typed_name' | 'signature'>,
): Buffer {
  const sealed = JSON.stringify([
    bytes(record.signer_name),
    bytes(record.typed_name),
    bytes(record.signature),
  ])
  return createHash('sha256').update(sealed, 'utf8').digest()
}

/**
 * Version 1 hashes the sealed fields' bytes as they are. Version 2 hashes them through their stored
 * digest, so erasing them (migrations/0018) leaves the chain whole; while they are present they must
 * still match it, or the link breaks like any changed byte.
 */
export function recordHash(prev: Uint8Array, record: ChainedFields): Buffer {
  const sealed =
    record.chain_version === 2
      ? [heldDigest(record).toString('base64')]
      : [bytes(record.signer_name), bytes(record.typed_name), bytes(record.signature)]
  const evidence = JSON.stringify([
    `frontdesk-consent-v${record.chain_version === 2 ? 2 : 1}`,
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
    ...sealed,
    record.patient_id,
    record.booking_id,
    record.intake_response_id,
    record.withdraws,
    record.recorded_at.toISOString(),
    record.origin,
  ])
  return createHash('sha256').update(prev).update(evidence, 'utf8').digest()
}

function heldDigest(record: ChainedFields): Buffer {
  const digest = record.sealed_digest ? Buffer.from(record.sealed_digest) : Buffer.alloc(0)
  const erased = record.signer_name === null && record.typed_name === null && record.signature === null
  return erased || sealedDigest(record).equals(digest) ? digest : sealedDigest(record)
}

export interface StoredLink extends ChainedFields {
  prev_hash: Uint8Array
  hash: Uint8Array
}

/** The first consent record that does not hold, in sequence order. */
export function firstBreakInConsent(links: StoredLink[]) {
  return firstBreak(links, recordHash)
}
