// Start-up: how long the real `frontdesk serve` (node packages/api/dist/cli.js serve, what the published bin
// runs) takes from spawn to /readyz 200 on an existing PGlite folder and an existing PostgreSQL database,
// and `npm run demo` to its site and API answering; with each process's resident memory once ready.
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describeUrl } from './support/database.js'
import { heading, ms, note, table, verdict } from './support/print.js'
import {
  freePort,
  memberOfGroup,
  repoRoot,
  rssMb,
  type Spawned,
  spawnGroup,
  waitUntilAnswering,
} from './support/process.js'
import { scratchDatabase } from './support/scratch-database.js'
import { type Summary, summarize } from './support/stats.js'

/** Issue 19: `serve` ready ≤ 1.5 s on an existing data folder or database, the demo ≤ 2.5 s with its site. */
export const SERVE_TARGET_MS = 1500
export const DEMO_TARGET_MS = 2500

const CLI = 'packages/api/dist/cli.js'

export interface StartupRow {
  what: string
  command: string
  target: number
  /** The first start, which makes the folder or database (not held to the target). */
  firstMs: number
  restarts: Summary
  /** Resident memory once ready, MB: the median over the restarts. */
  rssMb: number
}

export interface StartupReport {
  rows: StartupRow[]
  skipped: string[]
}

export interface StartupOptions {
  /** Timed restarts after the first start. */
  restarts: number
  /** The PostgreSQL server: a database is made there for the run, and dropped. */
  serverUrl: string
}

export async function benchStartup(options: StartupOptions): Promise<StartupReport> {
  heading('Start-up: spawn until ready, on an existing folder or database')
  const rows: StartupRow[] = []
  const skipped: string[] = []
  if (!existsSync(join(repoRoot, CLI))) {
    skipped.push(`serve: ${CLI} is missing; run npm run build first`)
  } else {
    rows.push(await pgliteServe(options))
    const server = await scratchDatabase(options.serverUrl, 'frontdesk_startup').catch((error: Error) => {
      skipped.push(
        `serve on PostgreSQL: server ${describeUrl(options.serverUrl)} unreachable (${error.message})`,
      )
      return undefined
    })
    if (server) {
      try {
        rows.push(await postgresServe(options, server.url))
      } finally {
        await server.drop()
      }
    }
  }
  rows.push(await demo(options))
  table([
    ['what', 'command', 'first start', 'restart median', 'worst', 'RSS once ready'],
    ...rows.map((row) => [
      row.what,
      row.command,
      ms(row.firstMs),
      ms(row.restarts.median),
      ms(row.restarts.max),
      `${row.rssMb.toFixed(0)} MB`,
    ]),
  ])
  note(
    `${options.restarts} restarts each; the first start makes the folder or database and is not held to the target`,
  )
  for (const line of skipped) note(`skipped — ${line}`)
  return { rows, skipped }
}

/** The summary's lines: each restart median against its target, and the memory beside it. */
export function startupSummaryRows(report: StartupReport): string[][] {
  return report.rows.map((row) => [
    `start-up, ${row.what}`,
    `median ${ms(row.restarts.median)}, worst ${ms(row.restarts.max)}; ${row.rssMb.toFixed(0)} MB RSS`,
    `≤ ${ms(row.target)}`,
    verdict(row.restarts.median <= row.target),
  ])
}

async function pgliteServe(options: StartupOptions): Promise<StartupRow> {
  const dataDir = await mkdtemp(join(tmpdir(), 'frontdesk-bench-startup-'))
  try {
    return await timeStarts('serve on PGlite', `node ${CLI} serve`, SERVE_TARGET_MS, options.restarts, () =>
      startServe({ FRONTDESK_DATA_DIR: dataDir, DATABASE_URL: '' }),
    )
  } finally {
    await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
  }
}

async function postgresServe(options: StartupOptions, databaseUrl: string): Promise<StartupRow> {
  const masterKey = randomBytes(32).toString('base64')
  const dataDir = await mkdtemp(join(tmpdir(), 'frontdesk-bench-startup-'))
  try {
    return await timeStarts(
      'serve on PostgreSQL',
      `DATABASE_URL=… node ${CLI} serve`,
      SERVE_TARGET_MS,
      options.restarts,
      () =>
        startServe({
          DATABASE_URL: databaseUrl,
          FRONTDESK_MASTER_KEY: masterKey,
          FRONTDESK_DATA_DIR: dataDir,
        }),
    )
  } finally {
    await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
  }
}

async function demo(options: StartupOptions): Promise<StartupRow> {
  const dataDir = await mkdtemp(join(tmpdir(), 'frontdesk-bench-demo-'))
  try {
    return await timeStarts(
      'demo with its site',
      'npm run demo',
      DEMO_TARGET_MS,
      options.restarts,
      async () => {
        const [api, site, inbox] = [await freePort(), await freePort(), await freePort()]
        const since = performance.now()
        const spawned = spawnGroup('npm', ['run', '--silent', 'demo'], {
          PORT: String(api),
          SITE_PORT: String(site),
          INBOX_PORT: String(inbox),
          FRONTDESK_DATA_DIR: dataDir,
          DATABASE_URL: '',
        })
        // The demo has seeded its clinic once it prints its addresses, the dev inbox's last.
        const printed = () => /^\s*mail\s+http/m.test(spawned.output())
        const elapsed = await waitUntilAnswering(
          spawned,
          [`http://127.0.0.1:${site}/`, `http://127.0.0.1:${api}/readyz`],
          since,
          { also: printed },
        )
        return { spawned, elapsed, pid: memberOfGroup(spawned.child.pid, 'demo.mjs') }
      },
    )
  } finally {
    await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
  }
}

interface Started {
  spawned: Spawned
  elapsed: number
  /** The process whose memory is reported. */
  pid: number | undefined
}

async function startServe(env: NodeJS.ProcessEnv): Promise<Started> {
  const port = await freePort()
  const since = performance.now()
  const spawned = spawnGroup(process.execPath, [CLI, 'serve'], {
    ...env,
    PORT: String(port),
    LOG_LEVEL: 'warn',
  })
  const elapsed = await waitUntilAnswering(spawned, [`http://127.0.0.1:${port}/readyz`], since)
  return { spawned, elapsed, pid: spawned.child.pid }
}

async function timeStarts(
  what: string,
  command: string,
  target: number,
  restarts: number,
  start: () => Promise<Started>,
): Promise<StartupRow> {
  const first = await start()
  await first.spawned.stop()
  const samples: number[] = []
  const memory: number[] = []
  for (let i = 0; i < restarts; i++) {
    const started = await start()
    samples.push(started.elapsed)
    memory.push(rssMb(started.pid))
    await started.spawned.stop()
  }
  const restartsSummary = summarize(samples)
  note(`${what}: first ${ms(first.elapsed)}, then ${samples.map(ms).join(', ')}`)
  return {
    what,
    command,
    target,
    firstMs: first.elapsed,
    restarts: restartsSummary,
    rssMb: summarize(memory).median,
  }
}
