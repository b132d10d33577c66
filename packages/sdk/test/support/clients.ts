// Clients of the test API, a recording fetch to observe what went over the wire, the mailbox, and a patient
// to book for.
import { inject } from 'vitest'
import { createFrontdesk, createFrontdeskAdmin, type Frontdesk } from '../../src/index.js'

export function testApi() {
  return inject('frontdeskApi')
}

export function publicClient(options: { fetch?: typeof fetch; maxRetries?: number } = {}): Frontdesk {
  const api = testApi()
  return createFrontdesk({
    publishableKey: api.publishableKey,
    baseUrl: api.baseUrl,
    origin: api.origin,
    ...options,
  })
}

export function adminClient() {
  const api = testApi()
  return createFrontdeskAdmin({ secretKey: api.secretKey, baseUrl: api.baseUrl })
}

export interface Exchange {
  method: string
  path: string
  headers: Headers
  status: number | null
  responseHeaders: Headers | null
}

/**
 * A fetch that passes every request on and records it. `intercept` may answer instead of the network, or
 * throw to act as a connection that dropped; it gets the real fetch to call first if it wants.
 */
export function recordingFetch(
  intercept?: (request: Request, attempt: number, realFetch: typeof fetch) => Promise<Response> | undefined,
) {
  const exchanges: Exchange[] = []
  const fetchRecorded: typeof fetch = async (input, init) => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    const exchange: Exchange = {
      method: request.method,
      path: url.pathname,
      headers: new Headers(request.headers),
      status: null,
      responseHeaders: null,
    }
    exchanges.push(exchange)
    const attempt = exchanges.filter(
      (other) => other.method === exchange.method && other.path === exchange.path,
    ).length
    const response = await (intercept?.(request, attempt, fetch) ?? fetch(request))
    exchange.status = response.status
    exchange.responseHeaders = response.headers
    return response
  }
  return { fetch: fetchRecorded, exchanges }
}

/** The email the API sent to `address` (a rights request's code, its outcome), oldest first. */
export async function mailTo(address: string): Promise<{ subject: string; text: string }[]> {
  const response = await fetch(`${testApi().mailboxUrl}?to=${encodeURIComponent(address)}`)
  return (await response.json()) as { subject: string; text: string }[]
}

export const patient = {
  name: 'Maria Muster',
  email: 'maria@example.org',
  phone: '+49 30 1234567',
  dateOfBirth: '1985-04-12',
}
