// Webhook signatures, two on every delivery, under each live secret (the current one, and the previous one
// for a while after a roll):
// - `Frontdesk-Signature: t=<unix seconds>,v1=<hex>`: the HMAC-SHA256 of `<t>.<body>`, keyed with the whole
//   secret string as UTF-8 bytes, `whsec_` included (what @frontdesk/sdk's verifyWebhook checks);
// - the Standard Webhooks headers (standardwebhooks.com): `webhook-id`, `webhook-timestamp` and
//   `webhook-signature: v1,<base64>`, the HMAC-SHA256 of `<id>.<timestamp>.<body>` keyed with the bytes the
//   secret's base64 after `whsec_` encodes, so receivers check with that specification's libraries in any
//   language, as they come.
import { createHmac, randomBytes } from 'node:crypto'

export const SIGNATURE_HEADER = 'Frontdesk-Signature'

/**
 * A new signing secret: `whsec_` and 33 random bytes in standard base64 (RFC 4648 section 4), the form the
 * Standard Webhooks libraries decode as it is. 33 bytes (264 bits, within the specification's 24 to 64) is a
 * multiple of three, so the text has no `=` padding, which some decoders require and others refuse. Secrets
 * made before both signatures were sent use the URL-safe alphabet (`-` and `_`); standardKey reads both.
 */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(33).toString('base64')}`
}

export function signatureHeader(secrets: string[], body: string, atMs: number): string {
  const t = Math.floor(atMs / 1000)
  const signatures = secrets.map(
    (secret) => `v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`,
  )
  return [`t=${t}`, ...signatures].join(',')
}

/** The Standard Webhooks key of a secret: the bytes its base64 after `whsec_` encodes. */
export function standardKey(secret: string): Buffer {
  const encoded = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret
  // Node's base64 decoder takes the URL-safe alphabet too: an older secret yields the same bytes either way.
  return Buffer.from(encoded, 'base64')
}

/** `webhook-id` (the event id, the same on every retry), `webhook-timestamp` and `webhook-signature`. */
export function standardWebhookHeaders(
  secrets: string[],
  eventId: string,
  body: string,
  atMs: number,
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  const timestamp = String(Math.floor(atMs / 1000))
  const signatures = secrets.map(
    (secret) =>
      `v1,${createHmac('sha256', standardKey(secret)).update(`${eventId}.${timestamp}.${body}`).digest('base64')}`,
  )
  return {
    'webhook-id': eventId,
    'webhook-timestamp': timestamp,
    // Space-separated, one per live secret: a receiver holding either one finds its own.
    'webhook-signature': signatures.join(' '),
  }
}
