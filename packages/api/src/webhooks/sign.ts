// Webhook signatures, as the best APIs make them: `Frontdesk-Signature: t=<unix seconds>,v1=<hex>`,
// the HMAC-SHA256 of `<t>.<body>` under each live secret (the current one, and the previous one for a
// while after a roll), so a receiver can check with either and reject old timestamps.
import { createHmac } from 'node:crypto'

export const SIGNATURE_HEADER = 'Frontdesk-Signature'

export function signatureHeader(secrets: string[], body: string, atMs: number): string {
  const t = Math.floor(atMs / 1000)
  const signatures = secrets.map(
    (secret) => `v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`,
  )
  return [`t=${t}`, ...signatures].join(',')
}
