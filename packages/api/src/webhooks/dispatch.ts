// From events to delivered webhooks. A relay hands each undispatched event to the job queue, one job per
// endpoint listening for its type, in the same transaction that marks it dispatched, so an event is
// queued once however many processes relay. A worker delivers the jobs in batches, side by side, logs
// each attempt, and fails the job on a failed delivery so the queue retries it with backoff; a delivery
// whose process died is taken back within seconds (../jobs/batch-worker.ts). The relay reads every
// clinic's events, so it runs on the system connection; a delivery works in its endpoint's clinic's scope.
import type { WebhookEvent } from '@frontdesk/contracts'
import { type Kysely, sql } from 'kysely'
import type PgBoss from 'pg-boss'
import type { FieldCipher } from '../crypto/field-cipher.js'
import type { Database } from '../db/schema.js'
import { withClinic } from '../db/tenant-scope.js'
import { startBatchWorker } from '../jobs/batch-worker.js'
import { jobDb } from '../jobs/queue.js'
import type { Logger } from '../logger.js'
import { sendEvent } from './send-event.js'

export const DELIVERY_QUEUE = 'webhook-delivery'

interface DeliveryJob {
  eventId: string
  endpointId: string
  /** Absent from jobs queued before it was added. */
  clinicId?: string
}

export interface WebhookDispatchOptions {
  /** The app connection: a delivery's own writes, under its clinic's scope. */
  db: Kysely<Database>
  /** The system connection: the relay across clinics, and finding which clinic a job is for. */
  system: Kysely<Database>
  boss: PgBoss
  cipher: FieldCipher
  logger: Logger
  now: () => number
  allowPrivate: boolean
  /** How often the relay looks for new events. */
  relayEveryMs?: number
  /** How often an idle worker asks for jobs. */
  pollSeconds?: number
  /** Deliveries made side by side by one process. */
  batchSize?: number
  /** How soon a delivery whose process died is made by another (see ../jobs/lease.ts). */
  leaseSeconds?: number
  /** The first retry's delay; each next one doubles (with jitter). */
  retryDelaySeconds?: number
  /** The queue's name; one per deployment unless several must be kept apart (tests sharing a database). */
  queue?: string
  /** Relay only these clinics' events (a process serving some clinics; tests sharing a database). */
  clinicIds?: string[]
}

export async function startWebhookDispatch(options: WebhookDispatchOptions) {
  const { system, boss, logger, relayEveryMs = 1000, pollSeconds = 1, retryDelaySeconds = 5 } = options
  const queue = options.queue ?? DELIVERY_QUEUE
  await boss.createQueue(queue, {
    name: queue,
    retryLimit: 8,
    retryDelay: retryDelaySeconds,
    retryBackoff: true,
    // pg-boss's own expiry is only a backstop: the worker's lease notices a dead process first.
    expireInSeconds: 60,
  } as PgBoss.Queue)
  const worker = startBatchWorker<DeliveryJob>({
    boss,
    system,
    queue,
    logger,
    pollSeconds,
    // A receiver has 5 s to answer, so a batch takes about that at worst, whatever its size.
    batchSize: options.batchSize ?? 50,
    leaseSeconds: options.leaseSeconds ?? 5,
    timeoutSeconds: 30,
    work: (job) => deliverJob(options, job.data, job.retryCount),
  })
  const relayAll = async () => {
    let relayed = 0
    // A backlog (after a restart) is relayed in one go rather than a batch per tick.
    for (let batch = RELAY_BATCH; batch === RELAY_BATCH; relayed += batch) {
      batch = await relayEvents(system, boss, queue, options.clinicIds)
      if (batch > 0) worker.wake()
    }
    return relayed
  }
  let relaying: Promise<unknown> = Promise.resolve()
  const relay = () => {
    relaying = relayAll().catch((error: unknown) =>
      logger.warn('webhook relay failed', { error: error instanceof Error ? error.name : 'unknown' }),
    )
  }
  relay()
  const timer = setInterval(relay, relayEveryMs)
  timer.unref()
  return {
    /** Relays what is waiting now, instead of at the next tick. */
    relayNow: relayAll,
    async stop() {
      clearInterval(timer)
      await relaying
      await worker.stop()
    },
  }
}

/** Events relayed per transaction. */
const RELAY_BATCH = 200

/** Queues a job per listening endpoint for each undispatched event; answers how many events it handled. */
export async function relayEvents(
  system: Kysely<Database>,
  boss: PgBoss,
  queue = DELIVERY_QUEUE,
  clinicIds?: string[],
): Promise<number> {
  return system.transaction().execute(async (trx) => {
    // One relay at a time; the others find nothing left to do.
    await sql`SELECT pg_advisory_xact_lock(5, 0)`.execute(trx)
    const events = await trx
      .selectFrom('events')
      .select(['id', 'clinic_id', 'type'])
      .where('dispatched_at', 'is', null)
      .$if(clinicIds !== undefined, (query) => query.where('clinic_id', 'in', clinicIds!))
      .orderBy('occurred_at')
      .limit(RELAY_BATCH)
      .execute()
    if (events.length === 0) return 0
    const endpoints = await trx
      .selectFrom('webhook_endpoints')
      .select(['id', 'clinic_id', 'events'])
      .where('clinic_id', 'in', [...new Set(events.map((event) => event.clinic_id))])
      .where('enabled', '=', true)
      .where('deleted_at', 'is', null)
      .execute()
    const jobs = events.flatMap((event) =>
      endpoints
        .filter((endpoint) => endpoint.clinic_id === event.clinic_id && endpoint.events.includes(event.type))
        .map((endpoint) => {
          const job: DeliveryJob = { eventId: event.id, endpointId: endpoint.id, clinicId: event.clinic_id }
          return { name: queue, data: job }
        }),
    )
    // One statement for the whole batch, in this transaction: queued exactly when marked dispatched.
    if (jobs.length > 0) await boss.insert(jobs, { db: jobDb(trx) } as PgBoss.InsertOptions)
    await trx
      .updateTable('events')
      .set({ dispatched_at: sql`now()` })
      .where(
        'id',
        'in',
        events.map((event) => event.id),
      )
      .execute()
    return events.length
  })
}

async function deliverJob(options: WebhookDispatchOptions, job: DeliveryJob, retryCount: number) {
  // The scope decides what the delivery may read: an endpoint or event of another clinic is not found.
  const clinicId =
    job.clinicId ??
    (
      await options.system
        .selectFrom('webhook_endpoints')
        .select('clinic_id')
        .where('id', '=', job.endpointId)
        .executeTakeFirst()
    )?.clinic_id
  if (!clinicId) return
  await withClinic(clinicId, () => deliverForClinic(options, job, retryCount))
}

async function deliverForClinic(options: WebhookDispatchOptions, job: DeliveryJob, retryCount: number) {
  const { db, cipher, now, allowPrivate } = options
  const [event, endpoint] = await Promise.all([
    db.selectFrom('events').selectAll().where('id', '=', job.eventId).executeTakeFirst(),
    db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('id', '=', job.endpointId)
      .where('deleted_at', 'is', null)
      .where('enabled', '=', true)
      .executeTakeFirst(),
  ])
  // Removed or paused since: nothing to send, nothing to retry.
  if (!event || !endpoint?.events.includes(event.type)) return
  const payload: WebhookEvent = {
    id: event.id,
    type: event.type as WebhookEvent['type'],
    createdAt: new Date(event.occurred_at).toISOString(),
    clinicId: event.clinic_id,
    data: event.data as WebhookEvent['data'],
  }
  const result = await sendEvent(db, cipher, endpoint, payload, {
    at: now(),
    allowPrivate,
    attempt: retryCount + 1,
  })
  if (result.status === 'failed') throw new Error(result.error ?? 'delivery failed')
}
