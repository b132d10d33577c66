// The secrets better-auth signs staff cookies and seals two-factor secrets with, one per master key: during a
// master key rotation two-factor keeps working, and `frontdesk keys rotate-master` re-seals it under the new key.
import { createHash } from 'node:crypto'
import { type SecretConfig, symmetricDecrypt, symmetricEncrypt } from 'better-auth/crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

/** better-auth's `secrets` (versioned, the current one first) and `secret` (for sealed values without a version). */
export interface StaffSecretRing {
  secrets: { version: number; value: string }[]
  legacySecret: string
}

/** `secret` and `previous` are the master keys' `deriveKey('staff sessions')`, current first. */
export function staffSecretRing(secret: Uint8Array, previous: readonly Uint8Array[] = []): StaffSecretRing {
  const secrets = new Map<number, string>()
  for (const each of [secret, ...previous]) secrets.set(versionOf(each), encode(each))
  return {
    secrets: [...secrets].map(([version, value]) => ({ version, value })),
    // Values sealed before the ring existed carry no version. They were sealed under the one key of the
    // day: the key a first rotation replaces (the first previous one), or the current key when none is.
    legacySecret: encode(previous[0] ?? secret),
  }
}

export interface ResealStaffOptions {
  system: Kysely<Database>
  secret: Uint8Array
  previousSecrets: readonly Uint8Array[]
  /** Rows per transaction; default 100. */
  batchSize?: number
}

export interface ResealStaffCounts {
  resealed: number
  alreadyDone: number
  /** Rows no key of the ring opens: left as they are; their owner sets two-factor up again. */
  damaged: number
}

/**
 * Re-seals every staff member's TOTP secret and backup codes under the current secret, in batches. As
 * with the data keys, each update holds only while the row is as it was read, so runs may race or
 * repeat, and a staff member who changes two-factor meanwhile keeps the change.
 */
export async function resealStaffTwoFactor(options: ResealStaffOptions): Promise<ResealStaffCounts> {
  const { system, secret, previousSecrets, batchSize = 100 } = options
  const ring = staffSecretRing(secret, previousSecrets)
  const config = secretConfig(ring)
  const prefix = `$ba$${config.currentVersion}$`
  const counts: ResealStaffCounts = { resealed: 0, alreadyDone: 0, damaged: 0 }
  let after = ''
  for (;;) {
    // Read and re-seal outside the transaction, which then holds its row locks only for the updates.
    const batch = await system
      .selectFrom('staff.twoFactor')
      .select(['id', 'secret', 'backupCodes'])
      .where('id', '>', after)
      .where((eb) =>
        eb.or([
          eb('secret', 'not like', `${escapeLike(prefix)}%`),
          eb('backupCodes', 'not like', `${escapeLike(prefix)}%`),
        ]),
      )
      .orderBy('id')
      .limit(batchSize)
      .execute()
    const resealed = await Promise.all(
      batch.map(async (row) => {
        const [totp, codes] = await Promise.all([open(row.secret, ring), open(row.backupCodes, ring)])
        if (totp === null || codes === null) return null
        return {
          secret: await symmetricEncrypt({ key: config, data: totp }),
          backupCodes: await symmetricEncrypt({ key: config, data: codes }),
        }
      }),
    )
    const outcomes = await system.transaction().execute(async (trx) => {
      const done: (keyof ResealStaffCounts)[] = []
      for (const [index, row] of batch.entries()) {
        const sealed = resealed[index]
        if (!sealed) {
          done.push('damaged')
          continue
        }
        const updated = await trx
          .updateTable('staff.twoFactor')
          .set(sealed)
          .where('id', '=', row.id)
          .where('secret', '=', row.secret)
          .where('backupCodes', '=', row.backupCodes)
          .executeTakeFirst()
        done.push(updated.numUpdatedRows > 0n ? 'resealed' : 'alreadyDone')
      }
      return done
    })
    for (const outcome of outcomes) counts[outcome]++
    if (batch.length < batchSize) return counts
    after = batch.at(-1)!.id
  }
}

/** Staff two-factor rows not yet sealed under `secret`: what keeps the previous master key needed. */
export async function countStaffTwoFactorToReseal(
  system: Kysely<Database>,
  secret: Uint8Array,
): Promise<number> {
  const prefix = `${escapeLike(`$ba$${versionOf(secret)}$`)}%`
  const row = await system
    .selectFrom('staff.twoFactor')
    .select((eb) => eb.fn.countAll<string>().as('rows'))
    .where((eb) => eb.or([eb('secret', 'not like', prefix), eb('backupCodes', 'not like', prefix)]))
    .executeTakeFirstOrThrow()
  return Number(row.rows)
}

/** A sealed value opened by whichever secret of the ring sealed it; null when none does. */
async function open(sealed: string, ring: StaffSecretRing): Promise<string | null> {
  try {
    return await symmetricDecrypt({ key: secretConfig(ring), data: sealed })
  } catch {}
  // A value without a version may have been sealed under any key of the ring, not only the legacy one.
  if (sealed.startsWith('$ba$')) return null
  for (const { value } of ring.secrets) {
    try {
      return await symmetricDecrypt({ key: value, data: sealed })
    } catch {}
  }
  return null
}

function secretConfig(ring: StaffSecretRing): SecretConfig {
  return {
    keys: new Map(ring.secrets.map(({ version, value }) => [version, value])),
    currentVersion: ring.secrets[0]!.version,
    legacySecret: ring.legacySecret,
  }
}

const encode = (secret: Uint8Array) => Buffer.from(secret).toString('base64url')
/** 31 bits of the secret's SHA-256: a version that names the secret without revealing it. */
const versionOf = (secret: Uint8Array) => createHash('sha256').update(secret).digest().readUInt32BE(0) >>> 1
const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&')
