// Twilio's request signature (X-Twilio-Signature): HMAC-SHA1 under the account's auth token over the full
// URL Twilio called followed by every POST parameter's name and value, sorted by name, in base64. Written
// here rather than taken from the `twilio` package: the algorithm is ten lines, the package is a full REST
// client with its own HTTP stack, and this is the only part of it we would use.
import { createHmac, timingSafeEqual } from 'node:crypto'

export const TWILIO_SIGNATURE_HEADER = 'x-twilio-signature'

export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const payload = Object.keys(params)
    .sort()
    .reduce((text, name) => text + name + params[name], url)
  return createHmac('sha1', authToken).update(payload, 'utf8').digest('base64')
}

/** Constant-time check of a received signature; false for a missing or malformed one. */
export function isTwilioSignatureValid(
  authToken: string,
  signature: string | undefined,
  url: string,
  params: Record<string, string>,
): boolean {
  if (!signature) return false
  const expected = Buffer.from(twilioSignature(authToken, url, params))
  const given = Buffer.from(signature)
  return given.length === expected.length && timingSafeEqual(given, expected)
}
