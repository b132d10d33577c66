// Counting in this process first, with the shared store (PostgreSQL) as the authority: a subject far below
// its limit is counted in memory and its count added to the store in one write every FLUSH_MS; near the
// limit (from half of it) every request is counted in the store as it comes, so the refusal is exact.
// A request then costs the database nothing most of the time, instead of one write to one hot row each.
import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible'
import type { RateDecision } from './rate-limits.js'

/** How often the counts kept in memory are added to the store. */
export const FLUSH_MS = 200
/** Below this many points a policy is always counted in the store: sign-ins, resets, codes sent. */
export const BATCHED_FROM_POINTS = 100

/** A store's refusal as the decision: Retry-After in whole seconds, at least one. */
export function refused(refusal: RateLimiterRes): RateDecision {
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) }
}

interface Subject {
  /** The store's count when it last answered, and when its window ends (ms since the epoch). */
  known: number
  resetAt: number
  /** Requests let through since then, not yet in the store. */
  pending: number
}

/**
 * One policy's counter over its store limiter. What other processes let through shows here after their
 * next flush, so with several API processes a subject may get up to `points / 20` more per other process
 * before the limit holds exactly: each process lets at most that many through between two flushes.
 */
export class LocalFirstLimiter {
  readonly #store: RateLimiterAbstract
  readonly #subjects = new Map<string, Subject>()
  readonly #localShare: number
  readonly #localBatch: number
  readonly #now: () => number
  #timer: NodeJS.Timeout | undefined
  #flushing: Promise<void> | undefined

  constructor(store: RateLimiterAbstract, points: number, now: () => number = Date.now) {
    this.#store = store
    this.#localShare = Math.floor(points / 2)
    this.#localBatch = points >= BATCHED_FROM_POINTS ? Math.floor(points / 20) : 0
    this.#now = now
  }

  async consume(key: string): Promise<RateDecision> {
    const now = this.#now()
    const subject = this.#subjects.get(key)
    if (
      subject &&
      now < subject.resetAt &&
      subject.pending < this.#localBatch &&
      subject.known + subject.pending + 1 <= this.#localShare
    ) {
      subject.pending++
      this.#schedule()
      return { allowed: true }
    }
    // Unknown, its window over, near the limit or a batch full: counted in the store now, with what
    // this process let through meanwhile.
    const points = 1 + (subject && now < subject.resetAt ? subject.pending : 0)
    if (subject) subject.pending = 0
    return this.#count(key, points, now)
  }

  /** Adds every subject's pending count to the store; forgets subjects whose window is over. */
  flush(): Promise<void> {
    this.#flushing ??= this.#flushAll().finally(() => {
      this.#flushing = undefined
    })
    return this.#flushing
  }

  /** Stops the timer; what is pending is added to the store first. */
  async close(): Promise<void> {
    clearTimeout(this.#timer)
    this.#timer = undefined
    await this.flush()
  }

  async #flushAll(): Promise<void> {
    const now = this.#now()
    const writes: Promise<unknown>[] = []
    for (const [key, subject] of this.#subjects) {
      if (subject.pending > 0) {
        const points = subject.pending
        subject.pending = 0
        writes.push(this.#count(key, points, now))
      } else if (now >= subject.resetAt) {
        this.#subjects.delete(key)
      }
    }
    await Promise.all(writes)
  }

  #schedule(): void {
    if (this.#timer) return
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      void this.flush()
    }, FLUSH_MS)
    this.#timer.unref()
  }

  async #count(key: string, points: number, now: number): Promise<RateDecision> {
    try {
      const answer = await this.#store.consume(key, points)
      this.#learn(key, answer, now)
      return { allowed: true }
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal
      this.#learn(key, refusal, now)
      return refused(refusal)
    }
  }

  #learn(key: string, answer: RateLimiterRes, now: number): void {
    const subject = this.#subjects.get(key)
    const resetAt = now + answer.msBeforeNext
    if (subject) {
      subject.known = answer.consumedPoints
      subject.resetAt = resetAt
    } else {
      this.#subjects.set(key, { known: answer.consumedPoints, resetAt, pending: 0 })
    }
  }
}
