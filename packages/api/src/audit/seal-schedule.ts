// Seals committed audit events every few seconds in a serving process; several processes may run it,
// the per-clinic lock makes them take turns. It walks every clinic, so on the system connection.
import type { Kysely } from 'kysely'
import type { ChainHeadKeys } from '../crypto/chain-head-keys.js'
import type { Database } from '../db/schema.js'
import type { Logger } from '../logger.js'
import { sealRecentAuditEvents } from './seal.js'

export function scheduleAuditSealing(options: {
  system: Kysely<Database>
  /** Each seal moves the chain's signed head. */
  keys: ChainHeadKeys
  logger: Logger
  everyMs?: number
}) {
  const { system, keys, logger, everyMs = 5000 } = options
  let running: Promise<void> = Promise.resolve()
  let busy = false
  const seal = () => {
    if (busy) return
    busy = true
    running = sealRecentAuditEvents(system, keys, Date.now()).then(
      () => {
        busy = false
      },
      (error: unknown) => {
        busy = false
        logger.warn('audit sealing failed', { error: error instanceof Error ? error.name : 'unknown' })
      },
    )
  }
  seal()
  const timer = setInterval(seal, everyMs)
  timer.unref()
  return {
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}
