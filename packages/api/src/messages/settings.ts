// A clinic's message settings: stored as only what the clinic changed, read with the defaults filled in,
// and changed by the clinic.
import { DEFAULT_MESSAGE_SETTINGS, MessageSettings, type UpdateMessageSettings } from '@frontdesk/contracts'
import { audit } from '../audit/trail.js'
import type { RequestScope } from '../env.js'
import { ApiError } from '../errors.js'

/** Stored settings that no longer parse (a field renamed since) fall back field by field to the defaults. */
export function messageSettings(stored: Record<string, unknown> | null | undefined): MessageSettings {
  const merged = { ...DEFAULT_MESSAGE_SETTINGS }
  for (const [field, value] of Object.entries(stored ?? {})) {
    if (!(field in DEFAULT_MESSAGE_SETTINGS)) continue
    const parsed = MessageSettings.shape[field as keyof MessageSettings].safeParse(value)
    if (parsed.success) Object.assign(merged, { [field]: parsed.data })
  }
  return merged
}

/** Stored without the unset senders, so the unique sender indexes see only numbers in use. */
function withoutNulls(settings: MessageSettings): Partial<MessageSettings> {
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== null))
}

/** The clinic's settings with `change` applied: a channel needs its sender, and a sender is one clinic's. */
export async function updateMessageSettings(
  scope: RequestScope,
  change: UpdateMessageSettings,
): Promise<MessageSettings> {
  const { db, system, clinic } = scope
  const next: MessageSettings = { ...clinic.messaging, ...change }
  const issues = [
    ...(next.channels.includes('sms') && !next.smsFrom
      ? [{ path: 'smsFrom', message: 'Give the number SMS is sent from' }]
      : []),
    ...(next.channels.includes('whatsapp') && !next.whatsappFrom
      ? [{ path: 'whatsappFrom', message: 'Give the WhatsApp sender number' }]
      : []),
  ]
  if (issues.length > 0) {
    throw new ApiError('VALIDATION_FAILED', `${issues[0]!.path}: ${issues[0]!.message}`, { issues })
  }
  // Sender numbers route inbound replies, so they are unique across clinics: checked where all are seen.
  for (const field of ['smsFrom', 'whatsappFrom'] as const) {
    const number = next[field]
    if (!number) continue
    const taken = await system
      .selectFrom('clinics')
      .select('id')
      .where((eb) => eb(eb.ref('messaging', '->>').key(field), '=', number))
      .where('id', '!=', clinic.id)
      .executeTakeFirst()
    if (taken) throw new ApiError('SENDER_TAKEN', `${field}: another clinic sends from this number`)
  }
  await db
    .updateTable('clinics')
    .set({ messaging: JSON.stringify(withoutNulls(next)) })
    .where('id', '=', clinic.id)
    .execute()
  await audit(db, scope, [{ action: 'clinic.messaging_update', objectType: 'clinic', objectId: clinic.id }])
  return next
}
