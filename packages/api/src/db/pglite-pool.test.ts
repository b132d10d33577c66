// The PGlite pool keeps the process responsive: sockets and timers are served while queries queue up.
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPglitePool } from './pglite-pool.js'

describe('createPglitePool', () => {
  let pglite: PGlite
  beforeAll(async () => {
    pglite = await PGlite.create('memory://')
  })
  afterAll(async () => {
    await pglite.close()
  })

  /** Queries one after another through the pool, as a backlog of jobs makes them; answers how many ran. */
  async function runQueries(count: number, progress: { done: number }) {
    const pool = createPglitePool(pglite)
    const client = await pool.connect()
    try {
      for (; progress.done < count; progress.done++)
        await client.query('SELECT $1::int AS n', [progress.done])
    } finally {
      client.release()
    }
  }

  it('lets the event loop turn between queries, so I/O waiting on it is not held up until the queue drains', async () => {
    const progress = { done: 0 }
    let seenAt: number | undefined
    // What a socket's answer waits for: the event loop's next turn.
    setImmediate(() => {
      seenAt = progress.done
    })
    await runQueries(200, progress)
    expect(seenAt).toBeDefined()
    expect(seenAt).toBeLessThan(200)
  })

  it('fires a timer that falls due during a long run of queries before the run ends', async () => {
    const progress = { done: 0 }
    let firedAt: number | undefined
    setTimeout(() => {
      firedAt = progress.done
    }, 0)
    await runQueries(2000, progress)
    expect(firedAt).toBeDefined()
    expect(firedAt).toBeLessThan(2000)
  })

  it('still runs the queries in order and answers their rows', async () => {
    const client = await createPglitePool(pglite).connect()
    try {
      const answers = await Promise.all(
        [1, 2, 3].map((n) => client.query<{ n: number }>('SELECT $1::int AS n', [n])),
      )
      expect(answers.map((answer) => answer.rows[0]?.n)).toEqual([1, 2, 3])
    } finally {
      client.release()
    }
  })
})
