// Hourly housekeeping in every serving process: idle intake drafts go (abandoned health data does not
// stay), and so do stored idempotent answers past their retention (a retry comes within seconds or
// minutes, never a day later), and each clinic's records past its retention policy (rights/retention.ts). Each DELETE is idempotent, so processes running it at once only repeat
// each other. It works across clinics, so on the system connection.
import type { Kysely } from 'kysely'
import type { ChainHeadKeys } from './crypto/chain-head-keys.js'
import type { Database } from './db/schema.js'
import { purgeIdempotencyKeys } from './idempotency/stored-answers.js'
import { purgeIdleDrafts } from './intake/response-store.js'
import type { Logger } from './logger.js'
import { purgeAllClinics } from './rights/retention.js'

export function scheduleHousekeeping(options: {
  /** The system connection: the purges cross clinics. */
  system: Kysely<Database>
  /** The purge seals the audit trail first, which moves its signed head. */
  keys: ChainHeadKeys
  logger: Logger
  now: () => number
  everyMs?: number
}): { stop(): Promise<void> } {
  const { system, keys, logger, now, everyMs = 60 * 60 * 1000 } = options
  let running: Promise<void> = Promise.resolve()
  const tidy = () => {
    running = Promise.all([
      purgeIdleDrafts(system, now()),
      purgeIdempotencyKeys(system, now()),
      purgeAllClinics(system, keys, now()),
    ]).then(
      ([drafts, keys, runs]) => {
        const retained = runs.reduce(
          (sum, run) => sum + Object.values(run.removed).reduce((total, count) => total + count, 0),
          0,
        )
        if (drafts > 0 || keys > 0 || retained > 0)
          logger.info('housekeeping', {
            idleDrafts: drafts,
            idempotencyKeys: keys,
            retentionRemoved: retained,
          })
      },
      (error: unknown) =>
        logger.warn('housekeeping failed', { error: error instanceof Error ? error.name : 'unknown' }),
    )
  }
  tidy()
  const timer = setInterval(tidy, everyMs)
  timer.unref()
  return {
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}
