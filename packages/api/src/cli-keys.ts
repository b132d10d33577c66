// `frontdesk keys rotate-master [--check]`: re-wraps every clinic's keys (and re-seals staff two-factor) from
// the keys in FRONTDESK_MASTER_KEY_PREVIOUS to FRONTDESK_MASTER_KEY, and says when the previous keys may go.
import { parseArgs } from 'node:util'
import type { Kysely } from 'kysely'
import { ChainHeadKeys } from './crypto/chain-head-keys.js'
import { MasterKeyError } from './crypto/errors.js'
import { FieldCipher } from './crypto/field-cipher.js'
import {
  loadMasterKey,
  MASTER_KEY_ENV,
  MASTER_KEY_PREVIOUS_ENV,
  type MasterKeyRing,
} from './crypto/master-key.js'
import { countWrappedKeys, rewrapMasterKeys } from './crypto/rewrap.js'
import type { Database } from './db/schema.js'
import { countHeadsToResign, resignChainHeads } from './ledger/anchor-existing.js'
import type { StorageConfig } from './server.js'
import { countStaffTwoFactorToReseal, resealStaffTwoFactor } from './staff/secret-ring.js'

const USAGE = 'Usage: frontdesk keys rotate-master [--check] [--batch-size N]'
const STAFF_SECRET = 'staff sessions'

export async function rotateMasterCommand(
  db: Kysely<Database>,
  storage: StorageConfig,
  args: string[],
): Promise<number> {
  let values: { check?: boolean; 'batch-size'?: string }
  try {
    values = parseArgs({
      args,
      options: { check: { type: 'boolean' }, 'batch-size': { type: 'string' } },
    }).values
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`)
    return 2
  }
  const batchSize = Number(values['batch-size'] ?? 100)
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    console.error(`--batch-size is a whole number of rows per transaction, 1 to 10000\n${USAGE}`)
    return 2
  }
  let ring: MasterKeyRing
  try {
    ring = await loadMasterKey({ dataDir: storage.dataDir, databaseUrl: storage.databaseUrl })
    // --check only counts, so it may name keys this process lacks; a rotation first refuses them, as serve does.
    if (!values.check) await new FieldCipher({ system: db, ...ring }).verifyMasterKey()
  } catch (error) {
    if (!(error instanceof MasterKeyError)) throw error
    console.error(error.message)
    return 1
  }
  const { masterKey, previousMasterKeys } = ring
  if (!values.check) {
    if (previousMasterKeys.length === 0) {
      console.log(`${MASTER_KEY_PREVIOUS_ENV} is not set: there is no previous master key to re-wrap from.`)
    } else {
      const from = previousMasterKeys.map((key) => key.id).join(', ')
      console.log(
        `Re-wrapping from master key ${from} to ${masterKey.id}, ${batchSize} rows per transaction.`,
      )
    }
    const keys = await rewrapMasterKeys({ system: db, ...ring, batchSize })
    const staff = await resealStaffTwoFactor({
      system: db,
      secret: masterKey.deriveKey(STAFF_SECRET),
      previousSecrets: previousMasterKeys.map((key) => key.deriveKey(STAFF_SECRET)),
      batchSize,
    })
    const meanwhile = keys.dataKeys.alreadyDone + keys.indexKeys.alreadyDone + staff.alreadyDone
    console.log(
      `Re-wrapped ${keys.dataKeys.rewrapped} data keys and ${keys.indexKeys.rewrapped} index keys, ` +
        `re-sealed ${staff.resealed} staff two-factor secrets` +
        (meanwhile > 0 ? ` (${meanwhile} done meanwhile by another run)` : ''),
    )
    for (const row of keys.damaged) {
      console.error(
        `Damaged: ${row.table} of clinic ${row.clinicId}${row.version ? ` version ${row.version}` : ''} does not ` +
          'unwrap under the master key it names; left as it is',
      )
    }
    const heads = await resignChainHeads(db, new ChainHeadKeys(ring))
    console.log(`Signed ${heads.resigned} audit and consent chain heads again under the current key`)
    if (heads.notGenuine > 0) {
      console.error(
        `Not genuine: ${heads.notGenuine} chain heads do not check under the key they name; left as they are ` +
          '(`frontdesk audit verify` and `frontdesk consent verify` name them)',
      )
    }
    if (staff.damaged > 0) {
      console.error(
        `Damaged: ${staff.damaged} staff two-factor secrets open under no key given; those staff members ` +
          'set two-factor up again',
      )
    }
  }
  return report(db, ring)
}

/** Prints what each master key still wraps; 0 when the current key wraps everything, so the previous may go. */
async function report(
  db: Kysely<Database>,
  { masterKey, previousMasterKeys }: MasterKeyRing,
): Promise<number> {
  const wrapped = await countWrappedKeys(db)
  const staff = await countStaffTwoFactorToReseal(db, masterKey.deriveKey(STAFF_SECRET))
  const heads = await countHeadsToResign(db, new ChainHeadKeys({ masterKey }))
  const previous = new Set(previousMasterKeys.map((key) => key.id))
  for (const { masterKeyId, dataKeys, indexKeys } of wrapped) {
    const role =
      masterKeyId === masterKey.id
        ? `current (${MASTER_KEY_ENV})`
        : previous.has(masterKeyId)
          ? `previous (${MASTER_KEY_PREVIOUS_ENV})`
          : 'not configured'
    console.log(`master key ${masterKeyId}  ${role}: ${dataKeys} data keys, ${indexKeys} index keys`)
  }
  if (wrapped.length === 0) console.log('No clinic has a data or index key yet.')
  const waiting = wrapped.filter((entry) => entry.masterKeyId !== masterKey.id)
  if (staff > 0) console.log(`${staff} staff two-factor secrets are sealed under an older key`)
  if (heads > 0) console.log(`${heads} audit and consent chain heads are signed under an older key`)
  if (waiting.length === 0 && staff === 0 && heads === 0) {
    console.log(
      `Every key is wrapped by the current master key ${masterKey.id}: no row needs ${MASTER_KEY_PREVIOUS_ENV}. ` +
        'Remove it and restart every API process; destroy the old key only once the backups made under it have expired.',
    )
    return 0
  }
  const ids = waiting.map((entry) => entry.masterKeyId).join(', ')
  console.log(
    `${ids ? `Master key ${ids} still wraps` : 'An older master key still seals'} keys in use: run ` +
      `\`frontdesk keys rotate-master\` with ${MASTER_KEY_PREVIOUS_ENV} holding it, and keep it until this check passes.`,
  )
  return 1
}
