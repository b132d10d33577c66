// How the patient gets confirmations and reminders: the channels offered among the clinic's, what each
// needs from the details form, and the `messages` a booking sends (MessagePreferences in the contracts).
import type { MessageChannel, MessageLanguage, MessagePreferences } from '@frontdesk/contracts'
import type { PatientInput } from '@frontdesk/contracts/rules'

const ORDER: MessageChannel[] = ['email', 'sms', 'whatsapp']

/** The channels to choose from, email, SMS, WhatsApp; none when the clinic sends on one only (no choice to make). */
export function channelChoices(clinicChannels: readonly MessageChannel[] | undefined): MessageChannel[] {
  const offered = ORDER.filter((channel) => clinicChannels?.includes(channel))
  return offered.length > 1 ? offered : []
}

/** Email when it is offered; the other channels only when the patient asks for them. */
export function defaultChannels(choices: readonly MessageChannel[]): MessageChannel[] {
  return choices.filter((channel) => channel === 'email')
}

/** The chosen channels the details cannot reach: email without an address, SMS or WhatsApp without a phone. */
export function unreachableChannels(
  chosen: readonly MessageChannel[],
  details: PatientInput,
): MessageChannel[] {
  return chosen.filter((channel) => !(channel === 'email' ? details.email : details.phone).trim())
}

/** The language messages are written in: the one the widget was asked for, when messages come in it. */
export function messageLanguage(tag: string): MessageLanguage | undefined {
  const language = tag.toLowerCase().split(/[-_]/)[0]
  return language === 'en' || language === 'de' ? language : undefined
}

/**
 * What the booking asks for: the language, and the chosen channels when there was a choice (an empty
 * list means no messages). Nothing when there is neither, so the API's defaults apply.
 */
export function messagePreferences(
  choices: readonly MessageChannel[],
  chosen: readonly MessageChannel[],
  language: MessageLanguage | undefined,
): MessagePreferences | undefined {
  const channels = choices.length ? choices.filter((channel) => chosen.includes(channel)) : undefined
  if (!channels && !language) return undefined
  return { ...(language && { language }), ...(channels && { channels }) }
}
