// The global setup's side of the demos the browser files share: a loopback endpoint that lends each test file
// one demo for itself (demo-lease.ts asks for it) and moves a demo's clock (demo-clock.ts). One file at a time
// per demo keeps the calendar and the clock each file sees its own, as when the files took turns on one demo;
// with as many demos as Vitest runs files at once, no file waits for another. The demos start in the
// background: the other projects' files run meanwhile, and a browser file that comes early waits for them.
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { DemoEnv } from './setup.js'

export interface OpenedDemo {
  env: Omit<DemoEnv, 'clockUrl'>
  close(): Promise<void>
}

export interface DemoPool {
  /** GET: a demo (DemoEnv as JSON) on the first line of an answer that stays open while the file holds it. */
  leaseUrl: string
  close(): Promise<void>
}

/** `open` starts the demos, each on the clock `now(index)` that its tests may move. */
export async function startDemoPool(
  count: number,
  open: (now: (index: number) => number) => Promise<OpenedDemo[]>,
): Promise<DemoPool> {
  const offsets = Array.from({ length: count }, () => 0)
  const free = Array.from({ length: count }, (_, index) => index)
  const waiting: ServerResponse[] = []
  const demos = open((index) => Date.now() + offsets[index]!)
  // A start that failed is told to every file that asks for a demo; nobody else need hear of it.
  demos.catch(() => {})
  let base = ''
  // The lease ends when its connection does: released by the file, or by its worker's exit if it crashed.
  const lend = (response: ServerResponse, index: number) => {
    demos.then(
      (opened) => {
        const env: DemoEnv = { ...opened[index]!.env, clockUrl: `${base}/clock/${index}` }
        response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
        response.write(`${JSON.stringify(env)}\n`)
      },
      (error: unknown) => {
        response.writeHead(500, { 'Content-Type': 'text/plain' })
        response.write(`the demos did not start: ${error instanceof Error ? error.stack : String(error)}\n`)
      },
    )
    response.once('close', () => {
      const next = waiting.shift()
      if (next) lend(next, index)
      else free.push(index)
    })
  }
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://demos')
    if (request.method === 'GET' && url.pathname === '/lease') {
      const index = free.shift()
      if (index !== undefined) return lend(response, index)
      waiting.push(response)
      response.once('close', () => {
        const at = waiting.indexOf(response)
        if (at >= 0) waiting.splice(at, 1)
      })
      return
    }
    // POST /clock/<demo>?advanceMs=N moves that demo's clock N ms ahead; ?reset puts it back on the wall clock.
    const clock = /^\/clock\/(\d+)$/.exec(url.pathname)
    const demo = Number(clock?.[1])
    const advance = Number(url.searchParams.get('advanceMs'))
    const valid =
      url.searchParams.has('reset') ||
      (url.searchParams.has('advanceMs') && Number.isFinite(advance) && advance >= 0)
    if (request.method !== 'POST' || !clock || !(demo < count) || !valid) {
      response.writeHead(400).end()
      return
    }
    offsets[demo] = url.searchParams.has('reset') ? 0 : offsets[demo]! + advance
    response.writeHead(200, { 'Content-Type': 'application/json' })
    response.end(JSON.stringify({ offsetMs: offsets[demo] }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    leaseUrl: `${base}/lease`,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      await closed
      const opened = await demos.catch(() => [])
      await Promise.all(opened.map((demo) => demo.close()))
    },
  }
}
