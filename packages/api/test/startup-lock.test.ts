// Start-ups on one PostgreSQL server take turns: a second waits, says so in the log, and goes on once the
// first is done, even when the first failed.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { describe, expect, inject, it } from 'vitest'
import { withStartupLock } from '../src/db/startup-lock.js'
import { createLogger } from '../src/logger.js'

const storage = inject('storage')

describe.runIf(storage.kind === 'postgres')('the start-up lock', () => {
  const databaseUrl = storage.kind === 'postgres' ? storage.url : ''
  const applicationName = `frontdesk-startup-${randomBytes(4).toString('hex')}`

  /** Resolves once a start-up of this file waits for the lock on the server. */
  const someoneWaits = async () => {
    const client = new pg.Client({ connectionString: databaseUrl })
    await client.connect()
    try {
      await expect
        .poll(
          async () =>
            (
              await client.query(
                `SELECT count(*)::int AS waiting FROM pg_stat_activity
                 WHERE application_name = $1 AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
                [applicationName],
              )
            ).rows[0].waiting,
          { timeout: 10_000, interval: 50 },
        )
        .toBe(1)
    } finally {
      await client.end()
    }
  }

  it('lets a second start-up in only once the first is done, and logs that it waits', async () => {
    const steps: string[] = []
    const logs: string[] = []
    const logger = createLogger({ level: 'info', write: (line) => logs.push(line) })
    let finishFirst!: () => void
    const firstIn = new Promise<void>((entered) => {
      void withStartupLock({ databaseUrl, applicationName }, async () => {
        steps.push('first starts')
        entered()
        await new Promise<void>((resolve) => {
          finishFirst = resolve
        })
        steps.push('first ready')
      })
    })
    await firstIn
    const second = withStartupLock({ databaseUrl, applicationName, logger }, async () => {
      steps.push('second starts')
      return 'second ready'
    })
    await someoneWaits()
    expect(steps).toEqual(['first starts'])
    expect(logs.join('\n')).toContain('waiting for another process to finish starting')
    finishFirst()
    expect(await second).toBe('second ready')
    expect(steps).toEqual(['first starts', 'first ready', 'second starts'])
  })

  it('gives the lock back when a start-up fails', async () => {
    let failFirst!: () => void
    let first!: Promise<void>
    await new Promise<void>((entered) => {
      first = withStartupLock({ databaseUrl, applicationName }, async () => {
        entered()
        await new Promise<void>((_, reject) => {
          failFirst = () => reject(new Error('wrong master key'))
        })
      })
    })
    const second = withStartupLock({ databaseUrl, applicationName }, async () => 'second ready')
    await someoneWaits()
    failFirst()
    await expect(first).rejects.toThrow('wrong master key')
    expect(await second).toBe('second ready')
  })
})

describe.skipIf(storage.kind === 'postgres')('the start-up lock', () => {
  it.skip('needs a PostgreSQL server (TEST_DATABASE_URL): on PGlite one process holds the data folder', () => {})
})
