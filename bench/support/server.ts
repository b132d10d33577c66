// Starts and stops a bench server child process (the API or the bare endpoint) on a free local port.
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { ServedKind } from './serve.js'

export interface RunningServer {
  kind: ServedKind
  origin: string
  port: number
  pid: number | undefined
  stop(): Promise<void>
}

export interface StartServerOptions {
  /** The server database; empty for `frontdesk` on PGlite (then `dataDir`). */
  databaseUrl: string
  poolSize: number
  /** PGlite's data folder, for `frontdesk` without a database URL. */
  dataDir?: string
  /** `frontdesk` only: false serves requests and leaves webhook delivery to another process. */
  dispatch?: boolean
}

const entry = fileURLToPath(new URL('./serve.ts', import.meta.url))

export function startServer(kind: ServedKind, options: StartServerOptions): Promise<RunningServer> {
  const child = fork(entry, [], {
    // BENCH_PROFILE=<folder> writes each server's CPU profile there when it stops (open in Chrome's DevTools).
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
    ],
    env: {
      ...process.env,
      BENCH_SERVE_KIND: kind,
      BENCH_SERVE_DATABASE_URL: options.databaseUrl,
      BENCH_SERVE_POOL_SIZE: String(options.poolSize),
      BENCH_SERVE_DATA_DIR: options.dataDir ?? '',
      BENCH_SERVE_DISPATCH: options.dispatch === false ? '0' : '1',
    },
    // The server's logs (standard output) are written, as in production, but not shown; its errors are.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill()
      reject(new Error(`${kind} server did not start within 30 s`))
    }, 30_000)
    const early = (code: number | null) => {
      clearTimeout(timer)
      reject(new Error(`${kind} server exited with code ${code} before listening`))
    }
    child.once('exit', early)
    child.once('message', (message: { port: number }) => {
      clearTimeout(timer)
      child.removeListener('exit', early)
      resolve({
        kind,
        port: message.port,
        origin: `http://127.0.0.1:${message.port}`,
        pid: child.pid,
        async stop() {
          if (child.exitCode !== null) return
          child.send('close')
          const killer = setTimeout(() => child.kill('SIGKILL'), 5000)
          await exited
          clearTimeout(killer)
        },
      })
    })
  })
}
