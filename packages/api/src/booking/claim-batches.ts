// Claims of one clinic written together. While a clinic already has a claim statement at the database, its
// next claims wait here and then go as one statement: one transaction, one round trip and one commit for all
// of them, which is most of what a claim costs PostgreSQL and the driver beyond its own rows. A claim that
// finds nothing in flight goes at once, so a quiet clinic's booking waits for nothing.
//
// A batch never mixes clinics: it runs in the one clinic's scope, like a single claim. Inside it the claims go
// in practitioner order, the order every writer takes the practitioners' locks in (claim-writes.ts), so a
// batch and a reschedule or a moved hold, or another process's batch, never wait on each other in a cycle. If a batch fails for one of its claims (a time in the way, a
// key used twice at once), nothing of it was written and each claim is made again alone, answering as it
// always has; a database out of reach fails them all at once instead, to be answered 503.
import { type Kysely, type RawBuilder, sql } from 'kysely'
import { isDatabaseOutage } from '../db/outage.js'
import type { Database } from '../db/schema.js'
import { withClinic } from '../db/tenant-scope.js'

/**
 * Claim statements a clinic may have at the database at once; the next wait for a batch. One: a clinic's
 * claims take one PostgreSQL backend at a time (some 4,000 claims a second), leaving the other cores to the
 * API and to other clinics. On two cores one in flight gave 5-10 % more bookings a second than two, with
 * a tenth less CPU a booking (docs/benchmarks.md).
 */
export const CLAIMS_IN_FLIGHT = 1
/** The most claims one statement carries. */
export const BATCH_LIMIT = 16

/** One claim: the call of frontdesk_claim for it, and the practitioner whose lock it takes. */
export interface ClaimCall {
  practitionerId: string
  call: RawBuilder<unknown>
}

interface Waiting extends ClaimCall {
  settle(claimed: Promise<boolean>): void
}

interface ClinicClaims {
  inFlight: number
  waiting: Waiting[]
}

const queues = new WeakMap<Kysely<Database>, Map<string, ClinicClaims>>()

/** Writes `claim` for `clinicId`, alone or with the clinic's claims waiting beside it; true when it holds. */
export function writeClaim(db: Kysely<Database>, clinicId: string, claim: ClaimCall): Promise<boolean> {
  let clinics = queues.get(db)
  if (!clinics) {
    clinics = new Map()
    queues.set(db, clinics)
  }
  let clinic = clinics.get(clinicId)
  if (!clinic) {
    clinic = { inFlight: 0, waiting: [] }
    clinics.set(clinicId, clinic)
  }
  const claims = clinic
  const written = new Promise<boolean>((resolve, reject) => {
    claims.waiting.push({ ...claim, settle: (claimed) => claimed.then(resolve, reject) })
  })
  send(db, clinicId, claims, clinics)
  return written
}

function send(
  db: Kysely<Database>,
  clinicId: string,
  claims: ClinicClaims,
  clinics: Map<string, ClinicClaims>,
): void {
  while (claims.inFlight < CLAIMS_IN_FLIGHT && claims.waiting.length > 0) {
    const batch = claims.waiting.splice(0, BATCH_LIMIT)
    claims.inFlight++
    const done = (answer: () => void) => {
      claims.inFlight--
      // The next batch goes to the database before this one's requests are answered: it need not wait for them.
      if (claims.inFlight === 0 && claims.waiting.length === 0) clinics.delete(clinicId)
      else send(db, clinicId, claims, clinics)
      answer()
    }
    // writeBatch answers for every claim whatever happens; only entering the scope can fail before it starts.
    void withClinic(clinicId, () => writeBatch(db, batch)).then(done, (error) =>
      done(() => {
        for (const claim of batch) claim.settle(Promise.reject(error))
      }),
    )
  }
}

/** Writes the batch; once the database has answered, resolves to what gives each claim its answer. */
async function writeBatch(db: Kysely<Database>, batch: Waiting[]): Promise<() => void> {
  if (batch.length === 1) {
    const claim = batch[0]!
    const alone = claimAlone(db, claim)
    await alone.catch(() => {})
    return () => claim.settle(alone)
  }
  batch.sort((a, b) =>
    a.practitionerId < b.practitionerId ? -1 : a.practitionerId > b.practitionerId ? 1 : 0,
  )
  // Prepared once per connection and batch size (../db/prepared.ts).
  const columns = sql.join(batch.map((claim, index) => sql`${claim.call} AS ${sql.raw(`claimed_${index}`)}`))
  try {
    const written = await sql<Record<string, boolean>>`/* prepared */ SELECT ${columns}`.execute(db)
    const row = written.rows[0]!
    return () => {
      for (const [index, claim] of batch.entries())
        claim.settle(Promise.resolve(row[`claimed_${index}`] === true))
    }
  } catch (error) {
    const failed = Promise.reject(error)
    failed.catch(() => {})
    if (isDatabaseOutage(error))
      return () => {
        for (const claim of batch) claim.settle(failed)
      }
    // Each again alone, answered as it comes back.
    for (const claim of batch) {
      const alone = claimAlone(db, claim)
      claim.settle(alone)
      await alone.catch(() => {})
    }
    return () => {}
  }
}

async function claimAlone(db: Kysely<Database>, claim: ClaimCall): Promise<boolean> {
  const written = await sql<{ claimed: boolean }>`/* prepared */ SELECT ${claim.call} AS claimed`.execute(db)
  return written.rows[0]?.claimed === true
}
