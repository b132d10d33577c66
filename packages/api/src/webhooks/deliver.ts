// One webhook delivery over HTTP(S): a POST with a short timeout, no redirects followed, the response
// read only as far as its status, and the address checked at connect time (./address-guard.ts).
import http from 'node:http'
import https from 'node:https'
import ipaddr from 'ipaddr.js'
import { AddressNotAllowedError, guardedLookup, isPublicAddress } from './address-guard.js'

export interface DeliveryResult {
  status: 'delivered' | 'failed'
  responseStatus: number | null
  /** Plain words, never the receiver's body. */
  error: string | null
  durationMs: number
}

export interface DeliverOptions {
  url: string
  body: string
  headers: Record<string, string>
  allowPrivate: boolean
  timeoutMs?: number
}

export function deliver(options: DeliverOptions): Promise<DeliveryResult> {
  const started = performance.now()
  const finish = (status: DeliveryResult['status'], responseStatus: number | null, error: string | null) => ({
    status,
    responseStatus,
    error,
    durationMs: Math.round(performance.now() - started),
  })
  const url = new URL(options.url)
  const client = url.protocol === 'https:' ? https : http
  // An address written as such is never looked up: check it here.
  const literal = url.hostname.replace(/^\[|\]$/g, '')
  if (ipaddr.isValid(literal) && !options.allowPrivate && !isPublicAddress(literal)) {
    return Promise.resolve(finish('failed', null, new AddressNotAllowedError(literal).message))
  }
  return new Promise((resolve) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...options.headers, 'Content-Length': Buffer.byteLength(options.body) },
        lookup: guardedLookup(options.allowPrivate) as never,
        timeout: options.timeoutMs ?? 5000,
      },
      (response) => {
        response.resume()
        const code = response.statusCode ?? 0
        if (code >= 200 && code < 300) resolve(finish('delivered', code, null))
        else if (code >= 300 && code < 400)
          resolve(finish('failed', code, 'the receiver redirected; redirects are not followed'))
        else resolve(finish('failed', code, `the receiver answered ${code}`))
      },
    )
    request.on('timeout', () => request.destroy(new Error('timeout')))
    request.on('error', (error) => {
      const reason =
        error instanceof AddressNotAllowedError
          ? error.message
          : error.message === 'timeout'
            ? `no answer within ${options.timeoutMs ?? 5000} ms`
            : `could not connect (${(error as NodeJS.ErrnoException).code ?? error.name})`
      resolve(finish('failed', null, reason))
    })
    request.end(options.body)
  })
}
