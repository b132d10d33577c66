// The one master key of a bench run: the in-process API and the served ones share a database, so they
// must share the key that wraps its clinics' data keys. Fixed, as bench data is thrown away.
import { createHash } from 'node:crypto'
import type { Database } from '@frontdesk/api/testing'
import { FieldCipher, MasterKey } from '@frontdesk/api/testing'
import type { Kysely } from 'kysely'

const BENCH_MASTER_KEY_BYTES = createHash('sha256').update('frontdesk bench master key').digest()
const BENCH_MASTER_KEY = MasterKey.fromBytes(BENCH_MASTER_KEY_BYTES)

/** The same key as FRONTDESK_MASTER_KEY, for a `frontdesk serve` process on a bench database. */
export const BENCH_MASTER_KEY_ENV = BENCH_MASTER_KEY_BYTES.toString('base64')

export const benchCipher = (system: Kysely<Database>) =>
  new FieldCipher({ system, masterKey: BENCH_MASTER_KEY })
