import { RateLimiterMemory } from 'rate-limiter-flexible'
import { describe, expect, it, vi } from 'vitest'
import { LocalFirstLimiter } from './local-first.js'

/** The shared store every API process counts in (PostgreSQL in production), with its writes counted. */
function sharedStore(points: number) {
  const store = new RateLimiterMemory({ points, duration: 60 })
  const writes = vi.spyOn(store, 'consume')
  return { store, writes }
}

async function send(limiter: LocalFirstLimiter, key: string, requests: number) {
  let allowed = 0
  let refused = 0
  for (let i = 0; i < requests; i++) {
    const decision = await limiter.consume(key)
    if (decision.allowed) allowed++
    else refused++
  }
  return { allowed, refused }
}

describe('counting in this process first', () => {
  it('far below the limit, writes to the store once per batch, not once per request', async () => {
    const { store, writes } = sharedStore(3000)
    const limiter = new LocalFirstLimiter(store, 3000)
    expect(await send(limiter, 'key', 600)).toEqual({ allowed: 600, refused: 0 })
    await limiter.flush()
    // One write learns the subject, then one per batch of points / 20 = 150.
    expect(writes.mock.calls.length).toBeLessThanOrEqual(6)
    expect((await store.get('key'))?.consumedPoints).toBe(600)
  })

  it('in one process, lets exactly the limit through and refuses the rest with a Retry-After', async () => {
    const { store } = sharedStore(200)
    const limiter = new LocalFirstLimiter(store, 200)
    const answers = await send(limiter, 'key', 260)
    expect(answers).toEqual({ allowed: 200, refused: 60 })
    const refusal = await limiter.consume('key')
    expect(refusal).toMatchObject({ allowed: false })
    expect(refusal.allowed === false && refusal.retryAfterSeconds).toBeGreaterThanOrEqual(1)
  })

  it('across processes, the limit holds within points / 20 per other process', async () => {
    const { store } = sharedStore(400)
    const processes = [new LocalFirstLimiter(store, 400), new LocalFirstLimiter(store, 400)]
    let allowed = 0
    for (let i = 0; i < 1000; i++) {
      if ((await processes[i % 2]!.consume('key')).allowed) allowed++
      // Each process flushes on its own timer; here every 50 requests.
      if (i % 50 === 49) await Promise.all(processes.map((limiter) => limiter.flush()))
    }
    expect(allowed).toBeGreaterThanOrEqual(400)
    expect(allowed).toBeLessThanOrEqual(400 + 400 / 20)
  })

  it('counts small limits (sign-ins, codes) in the store every time', async () => {
    const { store, writes } = sharedStore(10)
    const limiter = new LocalFirstLimiter(store, 10)
    expect(await send(limiter, 'maria', 12)).toEqual({ allowed: 10, refused: 2 })
    expect(writes).toHaveBeenCalledTimes(12)
  })

  it('keeps subjects apart', async () => {
    const { store } = sharedStore(100)
    const limiter = new LocalFirstLimiter(store, 100)
    expect(await send(limiter, 'a', 120)).toEqual({ allowed: 100, refused: 20 })
    expect(await send(limiter, 'b', 50)).toEqual({ allowed: 50, refused: 0 })
  })

  it('adds what it let through to the store on its own timer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const { store } = sharedStore(3000)
      const limiter = new LocalFirstLimiter(store, 3000)
      await send(limiter, 'key', 40)
      expect((await store.get('key'))?.consumedPoints).toBe(1)
      await vi.advanceTimersByTimeAsync(250)
      expect((await store.get('key'))?.consumedPoints).toBe(40)
    } finally {
      vi.useRealTimers()
    }
  })
})
