// The patient's manage link in messages (manageUrl in @frontdesk/contracts): the token is sealed with the booking when it is made (only its
// hash authenticates), so the planner can put the link in every message without ever storing it in clear.
import type { MessagePreferences } from '@frontdesk/contracts'
import type { FieldCipher } from '../crypto/field-cipher.js'
import type { RequestScope } from '../env.js'

export const manageTokenPurpose = (bookingId: string) => `booking:${bookingId}:manage_token`

/** Sealed before the booking's transaction (see FieldCipher); null when the app runs without a cipher. */
export async function sealedManageToken(
  scope: Pick<RequestScope, 'cipher' | 'clinic'>,
  bookingId: string,
  token: string,
): Promise<Uint8Array | null> {
  return scope.cipher ? scope.cipher.seal(scope.clinic.id, manageTokenPurpose(bookingId), token) : null
}

export async function openManageToken(
  cipher: FieldCipher,
  clinicId: string,
  bookingId: string,
  sealed: Uint8Array,
): Promise<string> {
  return Buffer.from(await cipher.open(clinicId, manageTokenPurpose(bookingId), sealed)).toString('utf8')
}

/** The booking's message choices as stored (bookings.messaging), or null for "the defaults". */
export function bookingMessaging(preferences: MessagePreferences | undefined): string | null {
  if (!preferences || (preferences.language === undefined && preferences.channels === undefined)) return null
  return JSON.stringify({
    ...(preferences.language && { language: preferences.language }),
    ...(preferences.channels && { channels: [...new Set(preferences.channels)] }),
  })
}
