// Kysely's view of chain_heads (migrations/0022): the signed head of each clinic's audit and consent chain.
import type { ColumnType } from 'kysely'

export type ChainName = 'audit' | 'consent'

export interface ChainHeadsTable {
  clinic_id: string
  chain: ChainName
  /** How many records the chain holds: the newest one's sequence. */
  count: ColumnType<string, number, number>
  /** The newest record's hash; 32 zero bytes for an empty chain. */
  hash: Uint8Array
  signed_at: Date
  key_id: string
  signature: Uint8Array
}

export interface ChainHeadsDatabase {
  chain_heads: ChainHeadsTable
}
