// Verifying a Frontdesk webhook on the receiving side: the `Frontdesk-Signature` header holds a
// timestamp and one HMAC-SHA256 per live secret over `<timestamp>.<raw body>`. Accept when any
// signature matches one of your secrets (compared in constant time) and the timestamp is recent;
// reject everything else before parsing. Web Crypto, so it runs in Node 20+, Deno, Workers and browsers.
import { type WebhookEvent, WebhookEvent as WebhookEventSchema } from '@frontdesk/contracts'

export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'WebhookSignatureError'
  }
}

export interface VerifyWebhookOptions {
  /** The request body exactly as received, before any JSON parsing. */
  payload: string
  /** The `Frontdesk-Signature` header. */
  signature: string | null | undefined
  /** Your endpoint's secret(s): during a roll, pass the new and the old one. */
  secrets: string | string[]
  /** How old a delivery may be, in seconds; 300 unless set. Replays older than this are refused. */
  toleranceSeconds?: number
  /** Milliseconds since the epoch; for tests. */
  now?: number
}

const encoder = new TextEncoder()

export async function verifyWebhook(options: VerifyWebhookOptions): Promise<WebhookEvent> {
  const { payload, signature, toleranceSeconds = 300, now = Date.now() } = options
  if (!signature) throw new WebhookSignatureError('No Frontdesk-Signature header')
  const parts = signature.split(',').map((part) => part.trim().split('=') as [string, string])
  const timestamp = Number(parts.find(([key]) => key === 't')?.[1])
  const candidates = parts.filter(([key]) => key === 'v1').map(([, value]) => value)
  if (!Number.isInteger(timestamp) || candidates.length === 0) {
    throw new WebhookSignatureError('The Frontdesk-Signature header is malformed')
  }
  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds) {
    throw new WebhookSignatureError(
      'The delivery is too old (or the clocks disagree): refused as a possible replay',
    )
  }
  const secrets = Array.isArray(options.secrets) ? options.secrets : [options.secrets]
  for (const secret of secrets) {
    const expected = await hmacHex(secret, `${timestamp}.${payload}`)
    if (candidates.some((candidate) => constantTimeEqual(candidate, expected))) {
      return WebhookEventSchema.parse(JSON.parse(payload))
    }
  }
  throw new WebhookSignatureError('No signature matches: a wrong secret, or a body changed on the way')
}

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)))
  return Array.from(mac, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let difference = 0
  for (let index = 0; index < a.length; index++) difference |= a.charCodeAt(index) ^ b.charCodeAt(index)
  return difference === 0
}
