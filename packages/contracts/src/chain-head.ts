// The signed head of a clinic's audit trail or consent ledger: how many records the chain holds and the
// newest one's hash. A chain shows that nothing inside it changed; its head shows that nothing was cut
// off its end. Exports carry it, so an auditor can check a copy without trusting the database.
import * as z from 'zod'
import { Instant } from './common.js'

export const ChainHead = z
  .object({
    chain: z.enum(['audit', 'consent']),
    clinicId: z.string(),
    count: z.number().int().min(0).meta({ description: 'Records in the chain: the newest one’s sequence' }),
    hash: z.string().meta({ description: 'The newest record’s hash (hex); 64 zeros for an empty chain' }),
    signedAt: Instant,
    algorithm: z.literal('Ed25519'),
    keyId: z
      .string()
      .meta({ description: 'First 8 bytes (hex) of the SHA-256 of the public key that signed' }),
    publicKey: z.string().nullable().meta({
      description:
        'That public key, raw, base64url; null if the server no longer holds it. Check it against the one your operator gave you',
    }),
    signature: z.string().meta({
      description:
        'Ed25519 signature (base64url) over the UTF-8 bytes of JSON ["frontdesk-chain-head-v1", chain, clinicId, count, hash, signedAt]',
    }),
  })
  .meta({ id: 'ChainHead' })
export type ChainHead = z.infer<typeof ChainHead>
