// The token in an email's unsubscribe link: the patient's id and the channel, sealed under the clinic's data
// key (AES-256-GCM, ../crypto/field-cipher.ts), after the clinic's id, which only says whose key opens it.
// It holds no personal data in clear, cannot be made or altered without the key, and opens only for the
// clinic it names: another clinic's id in front of it fails authentication like any altered byte.
import type { MessageChannel } from '@frontdesk/contracts'
import { SealedDataError } from '../crypto/errors.js'
import type { FieldCipher } from '../crypto/field-cipher.js'

const unsubscribePurpose = (channel: MessageChannel) => `unsubscribe:${channel}`

export async function mintUnsubscribeToken(
  cipher: FieldCipher,
  clinicId: string,
  patientId: string,
  channel: MessageChannel,
): Promise<string> {
  const sealed = await cipher.seal(clinicId, unsubscribePurpose(channel), patientId)
  return `ut_${clinicId}.${Buffer.from(sealed).toString('base64url')}`
}

/** The clinic a well-formed token names; whether it opens is for `openUnsubscribeToken`. */
export function unsubscribeTokenClinic(token: string): { clinicId: string; sealed: Uint8Array } {
  const [head = '', body = ''] = token.split('.')
  return { clinicId: head.slice('ut_'.length), sealed: Buffer.from(body, 'base64url') }
}

/** The patient the token names, or null when it does not open under the clinic's key. */
export async function openUnsubscribeToken(
  cipher: FieldCipher,
  clinicId: string,
  sealed: Uint8Array,
  channel: MessageChannel,
): Promise<string | null> {
  try {
    return await cipher.openText(clinicId, unsubscribePurpose(channel), sealed)
  } catch (error) {
    if (error instanceof SealedDataError) return null
    throw error
  }
}
