// Deletes idle intake drafts now and then, so abandoned health data does not stay in the database.
// Every process runs it; the DELETE is idempotent, so two at once only repeat each other.
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Logger } from '../logger.js'
import { purgeIdleDrafts } from '../services/intake-responses.js'

export function scheduleDraftPurge(options: {
  db: Kysely<Database>
  logger: Logger
  now: () => number
  everyMs?: number
}): { stop(): Promise<void> } {
  const { db, logger, now, everyMs = 60 * 60 * 1000 } = options
  let running: Promise<void> = Promise.resolve()
  const purge = () => {
    running = purgeIdleDrafts(db, now()).then(
      (removed) => {
        if (removed > 0) logger.info('idle intake drafts purged', { removed })
      },
      (error: unknown) =>
        logger.warn('idle intake draft purge failed', {
          error: error instanceof Error ? error.name : 'unknown',
        }),
    )
  }
  purge()
  const timer = setInterval(purge, everyMs)
  timer.unref()
  return {
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}
