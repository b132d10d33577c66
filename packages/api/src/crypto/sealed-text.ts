// Optional free text sealed under the clinic's data key: a booking's notes and cancellation reason, a
// legal hold's reason, a rights request's decision note. Null stays null, so "no note" costs nothing.
import type { FieldCipher } from './field-cipher.js'

export const sealText = (
  cipher: FieldCipher,
  clinicId: string,
  purpose: string,
  text: string | null | undefined,
): Promise<Uint8Array | null> =>
  text === null || text === undefined ? Promise.resolve(null) : cipher.seal(clinicId, purpose, text)

export const openSealedText = (
  cipher: FieldCipher,
  clinicId: string,
  purpose: string,
  sealed: Uint8Array | null,
): Promise<string | null> =>
  sealed === null ? Promise.resolve(null) : cipher.openText(clinicId, purpose, sealed)

/** Where each sealed text sits: bound to its table, row and column. */
export const textPurpose = {
  bookingNotes: (bookingId: string) => `booking:${bookingId}:notes`,
  cancelReason: (bookingId: string) => `booking:${bookingId}:cancel_reason`,
  holdReason: (holdId: string) => `legal_hold:${holdId}:reason`,
  decisionNote: (requestId: string) => `rights_request:${requestId}:decision_note`,
}
