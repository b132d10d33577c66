// What `serve` runs beside the requests once it answers them: webhook and message delivery on the job
// queue, the hourly housekeeping and the audit sealer.
import { scheduleAuditSealing } from './audit/seal-schedule.js'
import type { FieldCipher } from './crypto/field-cipher.js'
import type { OpenedDatabase } from './db/database.js'
import { scheduleHousekeeping } from './housekeeping.js'
import type { Logger } from './logger.js'
import type { messagingFromEnv } from './messages/config.js'

export interface BackgroundWork {
  stop(): Promise<void>
}

/**
 * What runs beside the requests: webhook and message delivery on the job queue (unless
 * FRONTDESK_WEBHOOK_DISPATCH=0 leaves them to other processes), the hourly housekeeping and the audit sealer.
 */
export async function startBackgroundWork(options: {
  opened: OpenedDatabase
  cipher: FieldCipher
  messaging: ReturnType<typeof messagingFromEnv>
  env: NodeJS.ProcessEnv
  url: string
  allowPrivate: boolean
  logger: Logger
  now: () => number
}): Promise<BackgroundWork> {
  const { opened, cipher, messaging, logger, now } = options
  const dispatching = options.env.FRONTDESK_WEBHOOK_DISPATCH !== '0'
  // Loaded here, once requests are answered: the job queue and message composing (calendar files, zone
  // names) are much of the code, and nothing before the first answer needs them.
  const [{ openJobQueue }, { startWebhookDispatch }, { startMessageDispatch }] = await Promise.all([
    import('./jobs/queue.js'),
    import('./webhooks/dispatch.js'),
    import('./messages/dispatch.js'),
  ])
  const boss = dispatching ? await openJobQueue(opened.system, logger) : undefined
  const stopBoss = async () => {
    await boss?.stop({ graceful: false, wait: true } as Parameters<NonNullable<typeof boss>['stop']>[0])
  }
  let dispatch: { stop(): Promise<void> } | undefined
  let messages: { stop(): Promise<void> } | undefined
  try {
    dispatch = boss
      ? await startWebhookDispatch({
          db: opened.db,
          system: opened.system,
          boss,
          cipher,
          logger,
          now,
          allowPrivate: options.allowPrivate,
        })
      : undefined
    messages = boss
      ? await startMessageDispatch({
          db: opened.db,
          system: opened.system,
          boss,
          cipher,
          transports: messaging.transports,
          logger,
          now,
          publicUrl: options.url,
          mailFrom: messaging.mailFrom,
        })
      : undefined
  } catch (error) {
    await dispatch?.stop()
    await stopBoss()
    throw error
  }
  if (boss) logger.info('delivering webhooks and messages', { event: 'delivery-started' })
  const purge = scheduleHousekeeping({
    system: opened.system,
    keys: cipher.chainHeads,
    logger,
    now,
  })
  const sealing = scheduleAuditSealing({ system: opened.system, keys: cipher.chainHeads, logger })
  return {
    async stop() {
      await Promise.all([purge.stop(), sealing.stop(), dispatch?.stop(), messages?.stop()])
      await stopBoss()
    },
  }
}
