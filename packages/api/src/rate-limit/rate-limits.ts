// Counts requests per policy and subject, in PostgreSQL so that every API instance shares the counts:
// in this process first while a subject is far below its limit (./local-first.ts), exactly near it.
import { createHash } from 'node:crypto'
import type pg from 'pg'
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
} from 'rate-limiter-flexible'
import { ApiError } from '../errors.js'
import type { Logger } from '../logger.js'
import { LocalFirstLimiter, refused } from './local-first.js'
import { RATE_POLICIES, type RatePolicy, type RatePolicyName, type RatePolicyOverrides } from './policies.js'

export type RateLimitsOptions = (
  | {
      /** A PostgreSQL server: counters in `rate_limits` (migration 0014), shared by every instance. */
      storage: 'postgres'
      pool: pg.Pool
    }
  | {
      /**
       * Counters in this process. Right for PGlite: its data folder is locked to one process
       * (db/data-dir-lock.ts), so there is never a second instance to share them with.
       */
      storage: 'memory'
    }
) & { overrides?: RatePolicyOverrides | undefined }

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number }

/** One policy's counting: one request by a subject's key, allowed or not. */
interface Counter {
  consume(key: string): Promise<RateDecision>
}

/** Created by migration 0014 in the shape RateLimiterPostgres expects; the app needs no CREATE right. */
const TABLE = 'rate_limits'

export class RateLimits {
  readonly storage: 'postgres' | 'memory'
  readonly #policies: Record<RatePolicyName, RatePolicy>
  readonly #limiters: Record<RatePolicyName, Counter>

  constructor(options: RateLimitsOptions) {
    this.storage = options.storage
    this.#policies = Object.fromEntries(
      Object.entries(RATE_POLICIES).map(([name, policy]) => [
        name,
        { ...policy, ...options.overrides?.[name as RatePolicyName] },
      ]),
    ) as Record<RatePolicyName, RatePolicy>
    let sweeper = true
    this.#limiters = Object.fromEntries(
      Object.entries(this.#policies).map(([name, { points, duration }]) => {
        if (options.storage === 'memory') {
          return [name, new Counted(new RateLimiterMemory({ keyPrefix: name, points, duration }))]
        }
        const limiter = new RateLimiterPostgres({
          storeClient: options.pool,
          storeType: 'pool',
          tableName: TABLE,
          tableCreated: true,
          keyPrefix: name,
          points,
          duration,
          // Every policy shares the table: one of them deleting expired rows every five minutes is enough.
          clearExpiredByTimeout: sweeper,
          // Once a subject is over its limit this process refuses it from memory until the window ends,
          // so a flood costs the database one write per instance, not one per request.
          inMemoryBlockOnConsumed: points + 1,
          // If the database cannot be reached, count in this process rather than fail every request.
          insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points, duration }),
        })
        sweeper = false
        return [name, new LocalFirstLimiter(limiter, points)]
      }),
    ) as Record<RatePolicyName, Counter>
  }

  /** The limits in force for a policy, defaults and overrides merged. */
  policy(name: RatePolicyName): RatePolicy {
    return this.#policies[name]
  }

  /**
   * Counts one request by `subject` (a key or token id, a client address, an account's email) and says
   * whether it may go ahead. The subject is hashed before it is stored: no address or email is kept.
   */
  async consume(policy: RatePolicyName, subject: string): Promise<RateDecision> {
    if (!subject) throw new TypeError(`rate limit ${policy}: the subject is empty`)
    const key = hashSubject(normalise(this.#policies[policy].per, subject))
    return this.#limiters[policy].consume(key)
  }
}

/** A limiter counted as it is asked: in memory (PGlite's one process), where counting costs nothing. */
class Counted implements Counter {
  readonly #limiter: RateLimiterAbstract
  constructor(limiter: RateLimiterAbstract) {
    this.#limiter = limiter
  }

  async consume(key: string): Promise<RateDecision> {
    try {
      await this.#limiter.consume(key)
      return { allowed: true }
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal
      return refused(refusal)
    }
  }
}

/**
 * The server's limits: counted in PostgreSQL on a server, in memory on PGlite, with the overrides read
 * from FRONTDESK_RATE_LIMITS by `rateLimitsFromEnv` (read before the database is opened, so a typo stops
 * the start cleanly); none at all when it says `off`.
 */
export function openRateLimits(
  /** The opened storage (OpenedDatabase): its kind, and the app pool on a server. */
  opened: { storage: 'postgres' | 'pglite'; pool?: pg.Pool | undefined },
  overrides: RatePolicyOverrides | 'off',
  logger: Logger,
): RateLimits | undefined {
  if (overrides === 'off') {
    logger.warn('rate limits are off (FRONTDESK_RATE_LIMITS=off): for load tests only')
    return undefined
  }
  if (opened.storage === 'postgres') {
    if (!opened.pool) throw new Error('rate limits: the PostgreSQL storage has no pool')
    return new RateLimits({ storage: 'postgres', pool: opened.pool, overrides })
  }
  return new RateLimits({ storage: 'memory', overrides })
}

function hashSubject(subject: string): string {
  return createHash('sha256').update(subject).digest('base64url')
}

function normalise(per: RatePolicy['per'], subject: string): string {
  if (per === 'account') return subject.trim().toLowerCase()
  if (per === 'client') return clientNetwork(subject)
  return subject
}

/**
 * An IPv4 address as it is; an IPv6 address as its /64, since one subscriber is usually given a whole
 * /64 and could otherwise step round a per-address limit.
 */
export function clientNetwork(address: string): string {
  const plain = address.replace(/%.*$/, '').toLowerCase()
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(plain)
  if (mapped) return mapped[1]!
  if (!plain.includes(':')) return plain
  const [head = '', tail] = plain.split('::')
  const groups = (part: string) =>
    part ? part.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group])) : []
  const left = groups(head)
  const right = tail === undefined ? [] : groups(tail)
  const all =
    tail === undefined
      ? left
      : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
  const prefix = all.slice(0, 4).map((group) => Number.parseInt(group || '0', 16).toString(16))
  return `${prefix.join(':')}::/64`
}

/** Counts one attempt by `subject` under `policy`; over the limit, 429 RATE_LIMITED with Retry-After. */
export async function enforceLimit(
  limits: RateLimits | undefined,
  policy: RatePolicyName,
  subject: string,
  message = 'Too many requests; wait a little and try again',
): Promise<void> {
  if (!limits) return
  const verdict = await limits.consume(policy, subject)
  if (!verdict.allowed) {
    throw new ApiError('RATE_LIMITED', message, {
      headers: { 'Retry-After': String(verdict.retryAfterSeconds) },
    })
  }
}
