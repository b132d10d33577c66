// A clinic's message settings: stored as only what the clinic changed, read with the defaults filled in.
import { DEFAULT_MESSAGE_SETTINGS, MessageSettings } from '@frontdesk/contracts'

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
