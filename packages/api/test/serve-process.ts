// A real `frontdesk serve` child process on a free port, watched from the moment it is spawned: what its
// port answered while it started, whether it came up, and whether it is still running.
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { TEST_MASTER_KEY_ENV } from './harness.js'

const cli = fileURLToPath(new URL('../bin/frontdesk.js', import.meta.url))

/** An HTTP status, or how the request failed: 'refused' before the port listens, else the error's code. */
export type StartingAnswer = number | string

export interface ServeProcess {
  url: string
  /** Settles once the process says it serves; rejects if it exits first or takes longer than allowed. */
  ready: Promise<void>
  /** What the port answered to health checks and a keyed read while the process started. */
  seenWhileStarting(): StartingAnswer[]
  /** Everything the process wrote to stdout and stderr. */
  log(): string
  /** null while it runs. */
  exitCode(): number | null
  stop(): Promise<void>
}

export interface ServeProcessOptions {
  databaseUrl: string
  /** Its FRONTDESK_DATA_DIR (development mail goes there); by default the one this process has. */
  dataDir?: string
  env?: Record<string, string>
  readyWithinMs?: number
}

export async function startServeProcess(options: ServeProcessOptions): Promise<ServeProcess> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, [cli, 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      ...(options.dataDir && { FRONTDESK_DATA_DIR: options.dataDir }),
      FRONTDESK_MASTER_KEY: TEST_MASTER_KEY_ENV,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  let started = false
  // Generous: each process loads the CLI from source (tsx), seconds of CPU on a shared two-core machine.
  const { readyWithinMs = 100_000 } = options
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`frontdesk serve did not start within ${readyWithinMs} ms`)),
      readyWithinMs,
    )
    child.stderr?.on('data', () => {
      if (output.includes('Frontdesk API on')) {
        started = true
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`frontdesk serve exited with ${code}:\n${output.slice(-2000)}`))
    })
  })
  ready.catch(() => {})
  const seen = watchWhileStarting(url, () => started || child.exitCode !== null)
  return {
    url,
    ready,
    seenWhileStarting: () => seen,
    log: () => output,
    exitCode: () => child.exitCode,
    stop: () => stop(child),
  }
}

/** Polls the port as a load balancer would, alternating a health check and a keyed read, until `done()`. */
function watchWhileStarting(url: string, done: () => boolean): StartingAnswer[] {
  const seen: StartingAnswer[] = []
  const requests = [
    () => fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) }),
    () =>
      fetch(`${url}/v1/clinic`, {
        headers: { Authorization: `Bearer sk_test_${'a'.repeat(40)}` },
        signal: AbortSignal.timeout(5000),
      }),
  ]
  void (async () => {
    for (let n = 0; !done(); n++) {
      try {
        const response = await requests[n % requests.length]!()
        await response.arrayBuffer()
        seen.push(response.status)
      } catch (error) {
        const code = (error as { cause?: { code?: string } }).cause?.code
        seen.push(code === 'ECONNREFUSED' ? 'refused' : (code ?? String(error)))
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  })()
  return seen
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (!address || typeof address === 'string') throw new Error('no port')
  return address.port
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
  await exited
  clearTimeout(timer)
}
