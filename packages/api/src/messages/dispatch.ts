// From planned messages to sent ones. A loop plans changed bookings (planner.ts) and relays due messages
// to the job queue, one job each, in the transaction that marks them queued, so a message is queued
// once however many processes run. A worker sends the jobs in batches, side by side (deliver.ts; a
// message whose process died is taken back within seconds, ../jobs/batch-worker.ts); a failure that may
// pass is thrown, so the queue retries it with backoff, and the last retry's failure is recorded as failed.
import { type Kysely, sql } from 'kysely'
import type PgBoss from 'pg-boss'
import type { FieldCipher } from '../crypto/field-cipher.js'
import type { Database } from '../db/schema.js'
import { startBatchWorker } from '../jobs/batch-worker.js'
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
  /** Messages sent side by side by one process. */
  batchSize?: number
  /** How soon a message whose process died is sent by another (see ../jobs/lease.ts). */
  leaseSeconds?: number
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
  const worker = startBatchWorker<MessageJob>({
    boss,
    system: options.system,
    queue,
    logger,
    pollSeconds,
    batchSize: options.batchSize ?? 20,
    leaseSeconds: options.leaseSeconds ?? 5,
    timeoutSeconds: 120,
    work: (job) => deliverMessage(options, job.data, { lastAttempt: job.retryCount >= retryLimit }),
  })
  const tick = async () => {
    const relayed = await planAndRelay(options, queue)
    if (relayed > 0) worker.wake()
    return relayed
  }
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
      await worker.stop()
    },
  }
}

async function planAndRelay(options: MessageDispatchOptions, queue: string) {
  const now = options.now()
  while ((await planMessages(options.system, now, { clinicIds: options.clinicIds })) > 0) {}
  let relayed = 0
  // A backlog (after a restart) is relayed in one go rather than a batch per tick.
  for (let batch = RELAY_BATCH; batch === RELAY_BATCH; relayed += batch) {
    batch = await relayDueMessages(options.system, options.boss, queue, now, options.clinicIds)
  }
  return relayed
}

/** Messages relayed per transaction. */
const RELAY_BATCH = 200

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
      .limit(RELAY_BATCH)
      .execute()
    if (due.length > 0) {
      const jobs = due.map((message) => {
        const job: MessageJob = { messageId: message.id, clinicId: message.clinic_id }
        return { name: queue, data: job, singletonKey: message.id }
      })
      // One statement for the whole batch, in this transaction: queued exactly when marked queued.
      await boss.insert(jobs, { db: jobDb(trx) } as PgBoss.InsertOptions)
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
