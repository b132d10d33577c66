// A per-clinic hash chain, as the consent ledger and the audit trail keep one: links numbered from 1,
// each naming the previous link's hash and hashing it with its own contents. Walking it names the first
// link that does not hold: a number skipped or repeated, a previous hash that is not the last link's, or
// a hash its contents do not give.

export const GENESIS = Buffer.alloc(32)

export interface Link {
  sequence: number
  /** What the link is about (a record or event id), for the report. */
  id: string
  prev_hash: Uint8Array
  hash: Uint8Array
}

export interface ChainBreak {
  sequence: number
  recordId: string | null
  reason: string
}

export function firstBreak<L extends Link>(
  links: Iterable<L>,
  hashOf: (prev: Uint8Array, link: L) => Uint8Array,
): { checked: number; broken: ChainBreak | null } {
  let expected = 1
  let prev: Uint8Array = GENESIS
  let checked = 0
  for (const link of links) {
    checked++
    if (link.sequence !== expected) {
      const reason =
        link.sequence > expected ? `record ${expected} is missing` : `sequence ${link.sequence} appears twice`
      return { checked, broken: { sequence: expected, recordId: link.id, reason } }
    }
    if (!Buffer.from(link.prev_hash).equals(Buffer.from(prev))) {
      return {
        checked,
        broken: {
          sequence: link.sequence,
          recordId: link.id,
          reason: 'it does not follow the record before it',
        },
      }
    }
    if (!Buffer.from(hashOf(link.prev_hash, link)).equals(Buffer.from(link.hash))) {
      return {
        checked,
        broken: {
          sequence: link.sequence,
          recordId: link.id,
          reason: 'its contents changed after it was recorded',
        },
      }
    }
    prev = link.hash
    expected++
  }
  return { checked, broken: null }
}
