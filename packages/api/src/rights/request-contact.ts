// How a rights request reaches the person who made it: the one-time code that proves they control the
// email address or phone number, that contact sealed under the clinic's data key, and messages sent at
// once (a code cannot wait for the queue).
import { hash, randomInt, timingSafeEqual } from 'node:crypto'
import type { RightsRequest } from '@frontdesk/contracts'
import type { Selectable } from 'kysely'
import type { FieldCipher } from '../crypto/field-cipher.js'
import { openSealedText, textPurpose } from '../crypto/sealed-text.js'
import type { RightsRequestsTable } from '../db/schema-rights.js'
import type { RequestScope } from '../env.js'
import { ApiError } from '../errors.js'
import { escapeHtml } from '../messages/escape-html.js'
import { SendError } from '../messages/transports.js'

export const CODE_TTL_MS = 15 * 60_000
export const MAX_CODE_ATTEMPTS = 5
export const DUE_MS = 30 * 24 * 60 * 60_000
export const EXPORT_TTL_MS = 7 * 24 * 60 * 60_000

export const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0')
export const codeHash = (requestId: string, code: string) => hash('sha256', `${requestId}:${code}`, 'buffer')

export function codeMatches(stored: Uint8Array | null, requestId: string, code: string): boolean {
  if (!stored) return false
  const given = codeHash(requestId, code)
  return given.length === stored.length && timingSafeEqual(given, stored)
}

export const contactPurpose = (id: string) => `rights_request:${id}:contact`
export const detailsPurpose = (id: string) => `rights_request:${id}:details`

/** Sends a short message to the request's contact now (not through the queue): a code cannot wait. */
export async function sendToContact(
  scope: Pick<RequestScope, 'messaging' | 'clinic'>,
  to: { channel: 'email' | 'sms'; contact: string },
  message: { subject: string; text: string },
): Promise<void> {
  const { clinic, messaging } = scope
  const transports = messaging?.transports
  try {
    if (to.channel === 'email') {
      if (!transports?.email) throw new SendError('email_not_configured', true)
      await transports.email({
        to: to.contact,
        from: { name: clinic.name, address: messaging?.mailFrom ?? 'no-reply@localhost' },
        replyTo: clinic.messaging.replyTo,
        subject: message.subject,
        text: message.text,
        html: `<p>${escapeHtml(message.text).replaceAll('\n', '<br>')}</p>`,
      })
      return
    }
    if (!clinic.messaging.smsFrom || !transports?.text) {
      throw new ApiError(
        'VALIDATION_FAILED',
        'phone: this clinic cannot send text messages; give an email address',
        {
          issues: [
            { path: 'phone', message: 'This clinic cannot send text messages; give an email address' },
          ],
        },
      )
    }
    await transports.text({
      channel: 'sms',
      to: to.contact,
      from: clinic.messaging.smsFrom,
      body: message.text,
    })
  } catch (error) {
    if (error instanceof SendError) {
      throw new ApiError('UNAVAILABLE', 'The message could not be sent; try again in a moment')
    }
    throw error
  }
}

export async function toRightsRequest(
  cipher: FieldCipher,
  row: Selectable<RightsRequestsTable>,
): Promise<RightsRequest> {
  const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null)
  const contact = JSON.parse(await cipher.openText(row.clinic_id, contactPurpose(row.id), row.contact)) as {
    value: string
    dateOfBirth: string
  }
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    channel: row.channel,
    contact: contact.value,
    dateOfBirth: contact.dateOfBirth,
    details: row.details ? await cipher.openText(row.clinic_id, detailsPurpose(row.id), row.details) : null,
    patientId: row.patient_id,
    createdAt: iso(row.created_at)!,
    verifiedAt: iso(row.verified_at),
    dueAt: iso(row.due_at),
    decidedAt: iso(row.decided_at),
    decisionNote: await openSealedText(
      cipher,
      row.clinic_id,
      textPurpose.decisionNote(row.id),
      row.decision_note_sealed,
    ),
  }
}
