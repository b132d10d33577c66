// The patient's manage link in messages (manageUrl in @frontdesk/contracts): the token is sealed with the booking when it is made (only its
// hash authenticates), so the planner can put the link in every message without ever storing it in clear.
import type { MessagePreferences } from '@frontdesk/contracts'
import type { Context } from 'hono'
import type { FieldCipher } from '../crypto/field-cipher.js'
import type { AppEnv } from '../env.js'

const purpose = (bookingId: string) => `booking:${bookingId}:manage_token`

/** Sealed before the booking's transaction (see FieldCipher); null when the app runs without a cipher. */
export async function sealedManageToken(
  c: Context<AppEnv>,
  bookingId: string,
  token: string,
): Promise<Uint8Array | null> {
  const cipher = c.var.deps.cipher
  return cipher ? cipher.seal(c.var.clinic.id, purpose(bookingId), token) : null
}

export async function openManageToken(
  cipher: FieldCipher,
  clinicId: string,
  bookingId: string,
  sealed: Uint8Array,
): Promise<string> {
  return Buffer.from(await cipher.open(clinicId, purpose(bookingId), sealed)).toString('utf8')
}

/** The booking's message choices as stored (bookings.messaging), or null for "the defaults". */
export function bookingMessaging(preferences: MessagePreferences | undefined): string | null {
  if (!preferences || (preferences.language === undefined && preferences.channels === undefined)) return null
  return JSON.stringify({
    ...(preferences.language && { language: preferences.language }),
    ...(preferences.channels && { channels: [...new Set(preferences.channels)] }),
  })
}
