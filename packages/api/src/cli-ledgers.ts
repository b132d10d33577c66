// `frontdesk consent verify` and `frontdesk audit verify`: check each clinic's consent ledger or audit
// trail link by link (the chains cover sealed fields as stored, so no data key is opened), then against
// its signed head, which takes the master key's public half: a cut tail or a forged head is named like
// a broken link. The audit check seals what is still unsealed first.
import { parseArgs } from 'node:util'
import type { Kysely } from 'kysely'
import { verifyAuditChain } from './audit/seal.js'
import { verifyConsentChain } from './consent/record-store.js'
import { ChainHeadKeys } from './crypto/chain-head-keys.js'
import { MasterKeyError } from './crypto/errors.js'
import { loadMasterKey } from './crypto/master-key.js'
import type { Database } from './db/schema.js'
import type { StorageConfig } from './server.js'

const CHECKS = { consent: verifyConsentChain, audit: verifyAuditChain }

export async function ledgerCommand(
  ledger: keyof typeof CHECKS,
  db: Kysely<Database>,
  storage: Pick<StorageConfig, 'dataDir' | 'databaseUrl'> & { env?: NodeJS.ProcessEnv },
  sub: string | undefined,
  args: string[],
): Promise<number> {
  if (sub !== 'verify') {
    console.error(`Usage: frontdesk ${ledger} verify [--clinic ID] [--json]`)
    return 2
  }
  const { values } = parseArgs({ args, options: { clinic: { type: 'string' }, json: { type: 'boolean' } } })
  let keys: ChainHeadKeys
  try {
    keys = new ChainHeadKeys(await loadMasterKey(storage))
  } catch (error) {
    if (!(error instanceof MasterKeyError)) throw error
    console.error(`${error.message}\nThe chains' heads are checked with the master key \`serve\` uses.`)
    return 2
  }
  let query = db.selectFrom('clinics').select(['id', 'name', 'slug']).orderBy('created_at')
  if (values.clinic) {
    const given = values.clinic
    query = query.where((eb) => eb.or([eb('id', '=', given), eb('slug', '=', given)]))
  }
  const clinics = await query.execute()
  if (values.clinic && clinics.length === 0) {
    console.error(`No clinic "${values.clinic}"`)
    return 2
  }
  const results = []
  for (const clinic of clinics)
    results.push({ clinicId: clinic.id, ...(await CHECKS[ledger](db, keys, clinic.id)) })
  if (values.json) console.log(JSON.stringify(results, null, 2))
  else {
    for (const [index, result] of results.entries()) {
      const name = clinics[index]!.name
      console.log(
        result.firstBroken
          ? `${name} (${result.clinicId}): BROKEN at record #${result.firstBroken.sequence}` +
              ` (${result.firstBroken.recordId ?? 'missing'}): ${result.firstBroken.reason}`
          : `${name} (${result.clinicId}): intact, ${result.records} record${result.records === 1 ? '' : 's'}`,
      )
    }
  }
  return results.every((result) => result.intact) ? 0 : 1
}
