// `frontdesk keys rotate-data-key [--clinic ID]`: a clinic's next data key version, and every value the
// clinic sealed under an older one sealed again under it, while the API serves (src/crypto/reseal.ts).
import { parseArgs } from 'node:util'
import type { Kysely } from 'kysely'
import { MasterKeyError } from './crypto/errors.js'
import { FieldCipher } from './crypto/field-cipher.js'
import { loadMasterKey } from './crypto/master-key.js'
import { rotateClinicKey } from './crypto/reseal.js'
import type { Database } from './db/schema.js'
import type { StorageConfig } from './server.js'

const USAGE = 'Usage: frontdesk keys rotate-data-key [--clinic ID] [--batch-size N]'

export async function rotateDataKeyCommand(
  db: Kysely<Database>,
  storage: StorageConfig,
  args: string[],
  resolveClinic: (db: Kysely<Database>, given: string | undefined) => Promise<string | null>,
): Promise<number> {
  let values: { clinic?: string; 'batch-size'?: string }
  try {
    values = parseArgs({
      args,
      options: { clinic: { type: 'string' }, 'batch-size': { type: 'string' } },
    }).values
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`)
    return 2
  }
  const batch = Number(values['batch-size'] ?? 200)
  if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) {
    console.error(`--batch-size is a whole number of values per transaction, 1 to 10000\n${USAGE}`)
    return 2
  }
  const clinicId = await resolveClinic(db, values.clinic)
  if (!clinicId) return 2
  let cipher: FieldCipher
  try {
    const ring = await loadMasterKey({ dataDir: storage.dataDir, databaseUrl: storage.databaseUrl })
    cipher = new FieldCipher({ system: db, ...ring })
    await cipher.verifyMasterKey()
  } catch (error) {
    if (!(error instanceof MasterKeyError)) throw error
    console.error(error.message)
    return 1
  }
  const report = await rotateClinicKey(db, cipher, clinicId, { batch })
  const resealed = Object.entries(report.resealed)
  console.log(
    `Clinic ${clinicId} now seals with data key version ${report.version}; ` +
      `sealed again: ${resealed.length ? resealed.map(([where, n]) => `${n} in ${where}`).join(', ') : 'nothing'}.`,
  )
  const older = report.versionsInUse.filter((version) => version !== report.version)
  if (older.length) {
    console.log(
      `Versions ${older.join(', ')} still open consent evidence (its ledger pins those bytes) or values written ` +
        'while this ran (run it again to seal those); they stay wrapped in the database.',
    )
  }
  return 0
}
