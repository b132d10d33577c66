// The port opens before the app exists (its URL may depend on the port the system chose): until the
// app is ready, every request gets a 503 in the one error shape with Retry-After and a request id,
// never the bare 500 of a handler that is not there yet, and with the security headers of every answer.
import type { ErrorBody } from '@frontdesk/contracts'
import { Hono } from 'hono'
import { type SecurityHeadersOptions, securityHeaders } from './middleware/security-headers/index.js'
import { newId } from './tokens.js'

type Fetch = (request: Request, env?: unknown) => Response | Promise<Response>

export interface StartingGate {
  fetch: Fetch
  /** From now on requests go to `app`. */
  open(app: { fetch: Fetch }): void
  /** Settles once the opened app has answered its first request (the health check, usually). */
  firstAnswer: Promise<void>
  /**
   * Settles once no request has been under way for `quietMs`, or after `atMostMs` regardless. Every request
   * since the gate opened counts, so one that began before this was called holds it too.
   */
  quiet(quietMs: number, atMostMs: number): Promise<void>
  /** From now on requests go straight to the app, uncounted: the start-up work that waited for quiet has begun. */
  stopCounting(): void
}

export function startingGate(options: SecurityHeadersOptions = {}): StartingGate {
  const starting = new Hono().use(securityHeaders(options)).all('*', (c) => {
    const requestId = newId('req')
    const body: ErrorBody = {
      error: { code: 'UNAVAILABLE', message: 'The API is starting; try again in a moment', requestId },
    }
    return c.json(body, 503, { 'Retry-After': '1', 'X-Request-Id': requestId, 'Cache-Control': 'no-store' })
  })
  let app: { fetch: Fetch } | undefined
  // Counted until stopCounting(): the first answer, and whether any request is under way for quiet().
  let counting = true
  let underWay = 0
  let lastActive = performance.now()
  let answered = () => {}
  const firstAnswer = new Promise<void>((resolve) => {
    answered = resolve
  })
  const answer = async (ready: { fetch: Fetch }, request: Request, env?: unknown) => {
    underWay++
    try {
      return await ready.fetch(request, env)
    } finally {
      underWay--
      lastActive = performance.now()
      answered()
    }
  }
  const quiet = async (quietMs: number, atMostMs: number) => {
    const until = performance.now() + atMostMs
    while (performance.now() < until && (underWay > 0 || performance.now() - lastActive < quietMs)) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, quietMs)).unref())
    }
  }
  return {
    // Once counting stops, requests go straight to the app (no extra await on the hot path).
    fetch: (request, env) => {
      if (!app) return starting.fetch(request, env)
      return counting ? answer(app, request, env) : app.fetch(request, env)
    },
    stopCounting() {
      counting = false
    },
    open(ready) {
      app = ready
    },
    firstAnswer,
    quiet,
  }
}
