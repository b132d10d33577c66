// The gate in front of a starting server: 503 in the one shape until the app is there, the app after.
import { ErrorBody } from '@frontdesk/contracts'
import { describe, expect, it } from 'vitest'
import { startingGate } from './starting-gate.js'

describe('startingGate', () => {
  it('answers 503 with Retry-After and a request id until the app is ready, then hands every request to it', async () => {
    const gate = startingGate()
    const early = await gate.fetch(new Request('http://localhost/healthz'))
    expect(early.status).toBe(503)
    expect(early.headers.get('Retry-After')).toBe('1')
    const body = ErrorBody.parse(await early.json())
    expect(body.error.code).toBe('UNAVAILABLE')
    expect(early.headers.get('X-Request-Id')).toBe(body.error.requestId)
    expect(early.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(early.headers.get('Strict-Transport-Security')).toBeNull()

    gate.open({ fetch: () => new Response('ok') })
    const ready = await gate.fetch(new Request('http://localhost/healthz'))
    expect(ready.status).toBe(200)
    expect(await ready.text()).toBe('ok')
  })

  it('pins browsers to https while starting too, when the public URL is https', async () => {
    const gate = startingGate({ publicUrl: 'https://api.clinic.example' })
    const early = await gate.fetch(new Request('http://localhost/readyz'))
    expect(early.status).toBe(503)
    expect(early.headers.get('Strict-Transport-Security')).toMatch(/^max-age=\d+/)
  })

  it('tells of its first answer, and calls the server quiet only once the requests under way are answered', async () => {
    const { gate, finish } = gateOnSlowApp()
    let answered = false
    let quiet = false
    void gate.firstAnswer.then(() => {
      answered = true
    })
    const probe = gate.fetch(new Request('http://localhost/readyz'))
    const waiting = gate.quiet(10, 60_000).then(() => {
      quiet = true
    })
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect([answered, quiet]).toEqual([false, false])
    finish()
    expect(await (await probe).text()).toBe('ok')
    await waiting
    expect([answered, quiet]).toEqual([true, true])
  })

  it('holds quiet for a request that began after the first answer and before quiet was asked, until it is answered', async () => {
    const { gate, finish } = gateOnSlowApp()
    // The health check answers; then a page asks for something slow (the demo's site and its widget manifest).
    const probe = gate.fetch(new Request('http://localhost/readyz'))
    finish(0)
    await probe
    await gate.firstAnswer
    const page = gate.fetch(new Request('http://localhost/v1/widgets.json'))
    let quiet = false
    const waiting = gate.quiet(10, 60_000).then(() => {
      quiet = true
    })
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(quiet).toBe(false)
    finish(1)
    await page
    await waiting
    expect(quiet).toBe(true)
  })

  it('sends requests straight to the app, uncounted, once counting stops', async () => {
    const { gate, finish } = gateOnSlowApp()
    gate.stopCounting()
    const request = gate.fetch(new Request('http://localhost/v1/bookings'))
    // Nothing counts it: quiet is not held by it.
    await gate.quiet(10, 60_000)
    finish()
    expect(await (await request).text()).toBe('ok')
  })
})

/** A gate opened on an app whose answers each wait for `finish(n)`, n counting requests from 0. */
function gateOnSlowApp() {
  const gate = startingGate()
  const finishes: (() => void)[] = []
  gate.open({
    fetch: () =>
      new Promise<Response>((resolve) => {
        finishes.push(() => resolve(new Response('ok')))
      }),
  })
  return { gate, finish: (request = 0) => finishes[request]!() }
}
