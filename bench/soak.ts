// Memory soak: one real `frontdesk serve` per storage (PGlite in a folder, a database on the PostgreSQL server)
// under a steady, moderate booking load for a fixed time, its resident memory sampled every few seconds. It
// stops by itself and reports start, peak and end RSS, and whether memory still grew once warmed up.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { migrate, openDatabase, RATE_POLICIES } from '@frontdesk/api/testing'
import autocannon from 'autocannon'
import { bookingBody, Calendar, SlotSequence } from './support/calendar.js'
import { createBenchClinic, inProcessApi } from './support/clinic.js'
import { describeUrl } from './support/database.js'
import { BENCH_MASTER_KEY_ENV } from './support/master-key.js'
import { count, heading, note, table, verdict } from './support/print.js'
import { freePort, rssMb, spawnGroup, waitUntilAnswering } from './support/process.js'
import { scratchDatabase } from './support/scratch-database.js'

/**
 * After the first third (warm-up: caches, JIT, pools and PGlite's buffers fill), the last third's mean RSS
 * may exceed the middle third's by at most this fraction. A leak of even 1 KB per booking at 20 bookings/s
 * grows ~4.7 MB per third of a 10-minute run (over 1% of a 300–400 MB process) and keeps growing, so a real
 * leak shows within a few runs; the collector's sawtooth is averaged out by the thirds' means. Measured on
 * a 180 s run (2 cores, shared): PGlite 405 MB → peak 552 → 463 MB, last third −8.2% against the middle
 * one; PostgreSQL 122 → peak 191 → 175 MB, −2.9%.
 */
export const GROWTH_TOLERANCE = 0.05
export const BOOKINGS_PER_SECOND = 20
const SAMPLE_EVERY_MS = 5000

export interface SoakRow {
  storage: string
  seconds: number
  bookings: number
  failed: number
  startMb: number
  peakMb: number
  endMb: number
  /** Last third's mean RSS over the middle third's, minus one. */
  growth: number
}

export interface SoakReport {
  rows: SoakRow[]
  skipped: string[]
}

export async function benchSoak(options: { seconds: number; serverUrl: string }): Promise<SoakReport> {
  heading(`Memory soak: serve under ${BOOKINGS_PER_SECOND} bookings/s for ${options.seconds} s per storage`)
  const skipped: string[] = []
  const server = await scratchDatabase(options.serverUrl, 'frontdesk_soak').catch((error: Error) => {
    skipped.push(`PostgreSQL: server ${describeUrl(options.serverUrl)} unreachable (${error.message})`)
    return undefined
  })
  const dataDir = await mkdtemp(join(tmpdir(), 'frontdesk-bench-soak-'))
  try {
    // Both at once: the figure is memory, not speed, and a 10-minute run stays 10 minutes.
    const rows = await Promise.all([
      soak('PGlite', { FRONTDESK_DATA_DIR: join(dataDir, 'pglite'), DATABASE_URL: '' }, options.seconds),
      ...(server
        ? [
            soak(
              'PostgreSQL',
              { DATABASE_URL: server.url, FRONTDESK_DATA_DIR: join(dataDir, 'postgres') },
              options.seconds,
            ),
          ]
        : []),
    ])
    table([
      ['storage', 'bookings', 'failed', 'RSS start', 'peak', 'end', 'growth (last vs middle third)'],
      ...rows.map((row) => [
        row.storage,
        count(row.bookings),
        count(row.failed),
        `${row.startMb.toFixed(0)} MB`,
        `${row.peakMb.toFixed(0)} MB`,
        `${row.endMb.toFixed(0)} MB`,
        `${(row.growth * 100).toFixed(1)}%`,
      ]),
    ])
    note(`RSS of the serve process every ${SAMPLE_EVERY_MS / 1000} s; the first third is warm-up`)
    for (const line of skipped) note(`skipped — ${line}`)
    return { rows, skipped }
  } finally {
    await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
    await server?.drop()
  }
}

export function soakSummaryRows(report: SoakReport): string[][] {
  return report.rows.map((row) => [
    `memory, serve on ${row.storage}, ${row.seconds} s of bookings`,
    `${row.startMb.toFixed(0)} → ${row.endMb.toFixed(0)} MB (peak ${row.peakMb.toFixed(0)}), growth ${(row.growth * 100).toFixed(1)}%`,
    `≤ ${GROWTH_TOLERANCE * 100}% after warm-up`,
    verdict(row.growth <= GROWTH_TOLERANCE && row.failed === 0),
  ])
}

async function soak(storage: string, env: NodeJS.ProcessEnv, seconds: number): Promise<SoakRow> {
  const clinic = await prepareClinic(env)
  const port = await freePort()
  const spawned = spawnGroup(process.execPath, ['packages/api/dist/cli.js', 'serve'], {
    ...env,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    FRONTDESK_MASTER_KEY: BENCH_MASTER_KEY_ENV,
    // Counted as in production, with limits out of reach: the soak books far more than one key may.
    FRONTDESK_RATE_LIMITS: Object.keys(RATE_POLICIES)
      .map((name) => `${name}=1000000000/60`)
      .join(','),
  })
  try {
    const origin = `http://127.0.0.1:${port}`
    await waitUntilAnswering(spawned, [`${origin}/readyz`], performance.now())
    const samples: number[] = [rssMb(spawned.child.pid)]
    const sampler = setInterval(() => samples.push(rssMb(spawned.child.pid)), SAMPLE_EVERY_MS)
    const slots = new SlotSequence(new Calendar(clinic.timeZone), clinic.practitionerIds)
    let failed = 0
    const result = await autocannon({
      url: origin,
      connections: 4,
      overallRate: BOOKINGS_PER_SECOND,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          path: '/v1/bookings',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${clinic.secretKey}` },
          setupRequest: (request) => ({
            ...request,
            body: JSON.stringify(bookingBody(clinic.serviceId, slots.next(), `soak-${slots.used}`)),
          }),
          onResponse: (status) => {
            if (status >= 300) failed++
          },
        },
      ],
    })
    clearInterval(sampler)
    samples.push(rssMb(spawned.child.pid))
    const third = Math.floor(samples.length / 3)
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length
    const middle = mean(samples.slice(third, 2 * third))
    const last = mean(samples.slice(2 * third))
    return {
      storage,
      seconds,
      bookings: result['2xx'],
      failed: failed + result.errors,
      startMb: samples[0] ?? Number.NaN,
      peakMb: Math.max(...samples),
      endMb: samples.at(-1) ?? Number.NaN,
      growth: last / middle - 1,
    }
  } finally {
    await spawned.stop()
  }
}

/** The bench clinic, made before `serve` starts (a PGlite folder has one process at a time). */
async function prepareClinic(env: NodeJS.ProcessEnv) {
  const opened = await openDatabase(
    env.DATABASE_URL ? { url: env.DATABASE_URL, poolSize: 2 } : { dataDir: env.FRONTDESK_DATA_DIR },
  )
  try {
    await migrate(opened.system)
    return await createBenchClinic(inProcessApi(opened), { name: 'Soak clinic', practitioners: 10 })
  } finally {
    await opened.close()
  }
}
