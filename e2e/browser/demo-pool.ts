// The global setup's side of the demos the browser files share: a loopback endpoint that lends each test file
// one demo for itself (demo-lease.ts asks for it) and moves a demo's clock (demo-clock.ts). One file at a time
// per demo keeps the calendar and the clock each file sees its own, as when the files took turns on one demo;
// with as many demos as Vitest runs files at once, no file waits for one.
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface DemoPool {
  /** GET: a demo's index, on the first line of an answer that stays open for as long as the file holds it. */
  leaseUrl: string
  /** POST `<clockUrl>?advanceMs=N` moves that demo's clock N ms ahead; `?reset` puts it back. */
  clockUrl(demo: number): string
  /** The demo's time: the wall clock plus however far a test moved it. */
  now(demo: number): number
  close(): Promise<void>
}

export async function startDemoPool(count: number): Promise<DemoPool> {
  const offsets = Array.from({ length: count }, () => 0)
  const free = Array.from({ length: count }, (_, index) => index)
  const waiting: ServerResponse[] = []
  // The lease ends when its connection does: released by the file, or by its worker's exit if it crashed.
  const lend = (response: ServerResponse, index: number) => {
    response.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' })
    response.write(`${index}\n`)
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
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    leaseUrl: `${base}/lease`,
    clockUrl: (demo) => `${base}/clock/${demo}`,
    now: (demo) => Date.now() + offsets[demo]!,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
