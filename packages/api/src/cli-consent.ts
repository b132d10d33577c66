// `frontdesk consent verify`: checks each clinic's consent ledger link by link, without any key (the
// chain covers sealed fields as stored), and names the first record that does not hold.
import { parseArgs } from 'node:util'
import type { Kysely } from 'kysely'
import type { Database } from './db/schema.js'
import { verifyConsentChain } from './services/consent-records.js'

export async function consentCommand(
  db: Kysely<Database>,
  sub: string | undefined,
  args: string[],
): Promise<number> {
  if (sub !== 'verify') {
    console.error('Usage: frontdesk consent verify [--clinic ID] [--json]')
    return 2
  }
  const { values } = parseArgs({ args, options: { clinic: { type: 'string' }, json: { type: 'boolean' } } })
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
    results.push({ clinicId: clinic.id, ...(await verifyConsentChain(db, clinic.id)) })
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
