// The words of a patient message, for one channel: email (subject, text, HTML and a calendar file), SMS or
// WhatsApp. Only what MessageFacts carries goes in; the reason for the visit goes in emails alone.
import { DateTime, type DateTimeFormatOptions } from 'luxon'
import { calendarFile } from './calendar.js'
import { escapeHtml } from './escape-html.js'
import type { ComposedMessage, MessageChannel, MessageFacts, MessageLanguage } from './facts.js'
import { de } from './texts/de.js'
import { en, type MessageTexts } from './texts/en.js'
import { zoneAbbreviation } from './zone-abbreviation.js'

const TEXTS: Record<MessageLanguage, MessageTexts> = { en, de }

// 24-hour times, as the booking widget shows them, and always the zone's abbreviation (CET, EDT, IST), the same
// in every language (./zone-abbreviation.ts): the patient may read the message somewhere else, and their phone
// will not convert text for them.
const LONG: DateTimeFormatOptions = {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
}
const SHORT: DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
}

export function composeMessage(facts: MessageFacts, channel: MessageChannel): ComposedMessage {
  if (facts.kind === 'intake_nudge' && !facts.intakeUrl) {
    throw new TypeError('An intake_nudge message needs facts.intakeUrl')
  }
  for (const url of [facts.manageUrl, facts.intakeUrl, facts.unsubscribeUrl]) if (url) assertWebLink(url)
  const parts = messageParts(facts)
  return channel === 'email' ? email(facts, parts) : shortMessage(facts, parts, channel === 'whatsapp')
}

interface MessageParts {
  texts: MessageTexts
  when: string
  shortWhen: string
  location: string | null
}

function messageParts(facts: MessageFacts): MessageParts {
  const texts = TEXTS[facts.language]
  return {
    texts,
    when: clinicTime(facts, texts.locale, LONG),
    shortWhen: clinicTime(facts, texts.locale, SHORT),
    location: locationLine(facts),
  }
}

function clinicTime(facts: MessageFacts, locale: string, format: DateTimeFormatOptions): string {
  const start = DateTime.fromJSDate(facts.appointment.startsAt, { zone: facts.clinic.timeZone }).setLocale(
    locale,
  )
  if (!start.isValid) {
    throw new RangeError(`Cannot show the appointment in '${facts.clinic.timeZone}': ${start.invalidReason}`)
  }
  // Intl's own zone name ("GMT+1" in English, "MEZ" in German) is swapped for the abbreviation, where the
  // locale places it.
  const abbreviation = zoneAbbreviation(facts.clinic.timeZone, facts.appointment.startsAt, start.offset)
  return (
    start
      .toLocaleParts(format)
      .map((part) => (part.type === 'timeZoneName' ? abbreviation : part.value))
      .join('')
      // Intl puts narrow no-break spaces in some locales; plain spaces keep an SMS in the GSM alphabet.
      .replace(/[\u00a0\u202f]/g, ' ')
  )
}

function locationLine(facts: MessageFacts): string | null {
  const { locationName, locationAddress } = facts.appointment
  const line = [locationName, locationAddress].filter((part) => part?.trim()).join(', ')
  return line || null
}

/** The reason, for an email, when the clinic sent one that says something. */
function reasonFor(facts: MessageFacts): string | null {
  return typeof facts.reason === 'string' && facts.reason.trim() ? facts.reason.trim() : null
}

function email(facts: MessageFacts, parts: MessageParts): ComposedMessage {
  const { texts, when, shortWhen, location } = parts
  const { appointment, clinic } = facts
  const manageLabel = facts.kind === 'cancelled' ? texts.manageCancelled : texts.manage
  const reason = reasonFor(facts)
  const details: [label: string, value: string][] = [
    [texts.labels.when, when],
    [texts.labels.service, appointment.serviceName],
    [texts.labels.practitioner, appointment.practitionerName],
    ...(location ? [[texts.labels.location, location] as [string, string]] : []),
    ...(reason ? [[texts.labels.reason, reason] as [string, string]] : []),
  ]
  const links: [label: string, url: string][] = [
    ...(facts.kind === 'intake_nudge' && facts.intakeUrl
      ? [[texts.intakeLink, facts.intakeUrl] as [string, string]]
      : []),
    [manageLabel, facts.manageUrl],
  ]
  const calendar =
    facts.kind === 'intake_nudge'
      ? undefined
      : calendarFile(facts, facts.kind === 'cancelled' ? 'CANCEL' : 'REQUEST')
  const subject = texts.subject[facts.kind](clinic.name, shortWhen)

  const text = [
    texts.greeting(facts.patientName),
    texts.lead[facts.kind],
    details.map(([label, value]) => `${label}: ${value}`).join('\n'),
    ...links.map(([label, url]) => `${label}:\n${url}`),
    ...(calendar ? [texts.calendarInvitation] : []),
    `${texts.signOff}\n${clinic.name}`,
    ...(facts.unsubscribeUrl
      ? [`${texts.unsubscribe.lead}\n${texts.unsubscribe.link}:\n${facts.unsubscribeUrl}`]
      : []),
  ].join('\n\n')

  const html = emailHtml({ facts, texts, subject, details, links, hasCalendar: Boolean(calendar) })
  return { subject, text, html, ...(calendar ? { calendar } : {}) }
}

interface EmailHtmlParts {
  facts: MessageFacts
  texts: MessageTexts
  subject: string
  details: [label: string, value: string][]
  links: [label: string, url: string][]
  hasCalendar: boolean
}

// Inline styles only (mail clients drop <style> blocks), a single column, body text at 16px and links that
// contrast with their background at WCAG AA; the detail rows are a table with row headers for screen readers.
function emailHtml({ facts, texts, subject, details, links, hasCalendar }: EmailHtmlParts): string {
  const paragraph = (content: string) => `<p style="margin:0 0 16px">${content}</p>`
  const rows = details
    .map(
      ([label, value]) =>
        `<tr><th scope="row" style="text-align:left;vertical-align:top;padding:4px 16px 4px 0;font-weight:600">${escapeHtml(label)}</th>` +
        `<td style="padding:4px 0">${escapeHtml(value)}</td></tr>`,
    )
    .join('\n')
  const buttons = links
    .map(([label, url]) =>
      paragraph(
        `<a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 16px;border-radius:6px;background:#1d4ed8;color:#ffffff;text-decoration:underline">${escapeHtml(label)}</a>`,
      ),
    )
    .join('\n')
  return `<!doctype html>
<html lang="${facts.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(subject)}</title>
</head>
<body style="margin:0;padding:24px;background:#ffffff;color:#1f2937;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">
<div style="max-width:560px;margin:0 auto">
${paragraph(escapeHtml(texts.greeting(facts.patientName)))}
${paragraph(`<strong>${escapeHtml(texts.lead[facts.kind])}</strong>`)}
<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">
${rows}
</table>
${buttons}
${hasCalendar ? paragraph(escapeHtml(texts.calendarInvitation)) : ''}
${paragraph(`${escapeHtml(texts.signOff)}<br>${escapeHtml(facts.clinic.name)}`)}
${facts.unsubscribeUrl ? unsubscribeFooter(texts, facts.unsubscribeUrl) : ''}
</div>
</body>
</html>
`
}

// Below the sign-off, smaller but at AA contrast, a plain underlined link: the way out is as easy to find as
// the way in.
function unsubscribeFooter(texts: MessageTexts, url: string): string {
  return `<p style="margin:24px 0 0;font-size:14px;color:#4b5563">${escapeHtml(texts.unsubscribe.lead)} <a href="${escapeHtml(url)}" style="color:#1d4ed8;text-decoration:underline">${escapeHtml(texts.unsubscribe.link)}</a></p>`
}

// SMS and WhatsApp: the same few lines, the clinic's name first so the patient knows who writes, the time
// in bold on WhatsApp, and the opt-out line last. No reason, whatever the facts say.
function shortMessage(facts: MessageFacts, parts: MessageParts, whatsapp: boolean): ComposedMessage {
  const { texts, shortWhen, location } = parts
  const { appointment } = facts
  const links = texts.shortLinks
  const manageLabel = facts.kind === 'cancelled' ? links.manageCancelled : links.manage
  const lines = [
    `${facts.clinic.name}: ${texts.greeting(facts.patientName)} ${texts.short[facts.kind]}`,
    whatsapp ? `*${shortWhen}*` : shortWhen,
    `${appointment.serviceName} ${texts.with(appointment.practitionerName)}`,
    ...(location ? [location] : []),
    ...(facts.kind === 'intake_nudge' && facts.intakeUrl ? [`${links.intake}: ${facts.intakeUrl}`] : []),
    `${manageLabel}: ${facts.manageUrl}`,
    texts.stop,
  ]
  return { text: lines.join('\n') }
}

// Escaping keeps a link inside its attribute, not a javascript: URL out of it; only web links go in.
function assertWebLink(url: string): void {
  const protocol = URL.canParse(url) ? new URL(url).protocol : null
  if (protocol !== 'https:' && protocol !== 'http:') {
    // The link itself stays out of the error: it may carry the patient's token.
    throw new TypeError(`A message link must be an http(s) URL, not ${protocol ?? 'unparseable'}`)
  }
}
