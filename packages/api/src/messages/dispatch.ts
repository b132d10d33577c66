// From planned messages to sent ones. A loop plans changed bookings (planner.ts) and relays due messages
// to the job queue, one job each, in the transaction that marks them queued, so a message is queued
// once however many processes run. A worker sends each job (deliver.ts); a failure that may pass is
// thrown, so the queue retries it with backoff, and the last retry's failure is recorded as failed.
import { type Kysely, sql } from 'kysely'
import type PgBoss from 'pg-boss'
import type { FieldCipher } from '../crypto/field-cipher.js'
import type { Database } from '../db/schema.js'
import { jobDb } from '../jobs/queue.js'
import type { Logger } from '../logger.js'
import { deliverMessage } from './deliver.js'
import { planMessages } from './planner.js'
import type { TransportSet } from './transports.js'

export const MESSAGE_QUEUE = 'patient-messages'

export interface MessageJob {
  messageId: string
  clinicId: string
}

export interface MessageDispatchOptions {
  /** The app connection: a message's reads and writes, under its clinic's scope. */
  db: Kysely<Database>
  /** The system connection: planning and relaying across clinics. */
  system: Kysely<Database>
  boss: PgBoss
  cipher: FieldCipher
  transports: TransportSet
  logger: Logger
  now: () => number
  /** This API as patients reach it: the manage links in messages point here. */
  publicUrl: string
  /** Where the email comes from; the clinic's name is shown with it. */
  mailFrom: string
  everyMs?: number
  pollSeconds?: number
  retryDelaySeconds?: number
  retryLimit?: number
  /** The queue's name; tests sharing a database keep theirs apart. */
  queue?: string
  /** Plan and relay only these clinics' messages (tests sharing a database). */
  clinicIds?: string[]
}

export async function startMessageDispatch(options: MessageDispatchOptions) {
  const { boss, logger, everyMs = 1000, pollSeconds = 1, retryDelaySeconds = 30, retryLimit = 6 } = options
  const queue = options.queue ?? MESSAGE_QUEUE
  await boss.createQueue(queue, {
    name: queue,
    retryLimit,
    retryDelay: retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: 120,
  } as PgBoss.Queue)
  await boss.work<MessageJob>(
    queue,
    { pollingIntervalSeconds: pollSeconds, includeMetadata: true } as PgBoss.WorkOptions,
    async ([job]) => {
      if (!job) return
      const retryCount = (job as unknown as { retryCount?: number }).retryCount ?? 0
      await deliverMessage(options, job.data, { lastAttempt: retryCount >= retryLimit })
    },
  )
  const tick = () => planAndRelay(options, queue)
  let running: Promise<unknown> = Promise.resolve()
  const run = () => {
    running = tick().catch((error: unknown) =>
      logger.warn('message relay failed', { error: error instanceof Error ? error.name : 'unknown' }),
    )
  }
  run()
  const timer = setInterval(run, everyMs)
  timer.unref()
  return {
    /** Plans and relays what is due now, instead of at the next tick. */
    runNow: async () => {
      await running
      return tick()
    },
    async stop() {
      clearInterval(timer)
      await running
      await boss.offWork(queue)
    },
  }
}

async function planAndRelay(options: MessageDispatchOptions, queue: string) {
  const now = options.now()
  while ((await planMessages(options.system, now, { clinicIds: options.clinicIds })) > 0) {}
  return relayDueMessages(options.system, options.boss, queue, now, options.clinicIds)
}

/** Queues every message due at `now`; answers how many. */
export async function relayDueMessages(
  system: Kysely<Database>,
  boss: PgBoss,
  queue: string,
  now: number,
  clinicIds?: string[],
): Promise<number> {
  return system.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(7, 0)`.execute(trx)
    const due = await trx
      .selectFrom('messages')
      .select(['id', 'clinic_id'])
      .where('status', '=', 'scheduled')
      .where('send_at', '<=', new Date(now))
      .$if(clinicIds !== undefined, (query) => query.where('clinic_id', 'in', clinicIds!))
      .orderBy('send_at')
      .limit(200)
      .execute()
    for (const message of due) {
      const job: MessageJob = { messageId: message.id, clinicId: message.clinic_id }
      await boss.send(queue, job, { db: jobDb(trx), singletonKey: message.id } as PgBoss.SendOptions)
    }
    if (due.length > 0) {
      await trx
        .updateTable('messages')
        .set({ status: 'queued', updated_at: sql`now()` })
        .where(
          'id',
          'in',
          due.map((message) => message.id),
        )
        .execute()
    }
    return due.length
  })
}
