import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { composeMessage } from './compose.js'
import { MESSAGE_CHANNELS, MESSAGE_KINDS, type MessageFacts, type MessageKind } from './facts.js'

// Europe/Berlin leaves summer time at 03:00 on Sunday 2026-10-25: a 09:00 visit the Friday before is 07:00
// UTC, the Monday after it is 08:00 UTC. Both must read 09:00 to the patient.
const berlin = (wallTime: string) => DateTime.fromISO(wallTime, { zone: 'Europe/Berlin' }).toJSDate()
const afterSwitch = berlin('2026-10-26T09:00')
const beforeSwitch = berlin('2026-10-23T09:00')
const manageUrl = 'https://book.example.com/manage/bk_123?token=t0k3n&lang=en'
const intakeUrl = 'https://book.example.com/intake/dr_456?token=f0rm'

function factsFor(kind: MessageKind, changes: Partial<MessageFacts> = {}): MessageFacts {
  return {
    kind,
    language: 'en',
    clinic: { name: 'Praxis Müller', timeZone: 'Europe/Berlin', mailFrom: 'no-reply@frontdesk.test' },
    patientName: 'Anna Schmidt',
    patientEmail: 'anna@example.org',
    appointment: {
      bookingId: 'bk_123',
      startsAt: afterSwitch,
      endsAt: new Date(afterSwitch.getTime() + 30 * 60_000),
      serviceName: 'Dental cleaning',
      practitionerName: 'Dr. Jana Weber',
      locationName: 'Praxis Mitte',
      locationAddress: 'Hauptstraße 1, 10115 Berlin',
      revision: 0,
    },
    manageUrl,
    intakeUrl,
    reason: null,
    ...changes,
  }
}

const everyMessage = MESSAGE_KINDS.flatMap((kind) => MESSAGE_CHANNELS.map((channel) => ({ kind, channel })))

describe('composeMessage', () => {
  it.each(everyMessage)(
    '$kind by $channel names the visit, the clinic and the manage link',
    ({ kind, channel }) => {
      const message = composeMessage(factsFor(kind), channel)
      for (const shown of [
        '09:00',
        'Dental cleaning',
        'Dr. Jana Weber',
        'Praxis Mitte',
        'Hauptstraße 1, 10115 Berlin',
        'Praxis Müller',
        manageUrl,
      ]) {
        expect(message.text).toContain(shown)
      }
      if (channel === 'email') {
        expect(message.subject).toContain('Praxis Müller')
        expect(message.html).toContain(`href="${manageUrl.replace('&', '&amp;')}"`)
      } else {
        expect(message.subject).toBeUndefined()
        expect(message.html).toBeUndefined()
        expect(message.calendar).toBeUndefined()
      }
    },
  )

  it("shows the clinic's wall time on both sides of the end of summer time, with the zone", () => {
    const after = composeMessage(factsFor('confirmation'), 'email')
    const before = composeMessage(
      factsFor('confirmation', {
        appointment: { ...factsFor('confirmation').appointment, startsAt: beforeSwitch },
      }),
      'email',
    )
    // The zone's own abbreviation, winter and summer, in the subject and the body; never Intl's "GMT+1".
    expect(after.subject).toContain('Mon, Oct 26, 09:00 CET')
    expect(after.text).toContain('Monday, October 26, 2026 at 09:00 CET')
    expect(before.subject).toContain('Fri, Oct 23, 09:00 CEST')
    expect(before.text).toContain('Friday, October 23, 2026 at 09:00 CEST')
    expect(after.text).not.toMatch(/0[78]:00|10:00/)
    expect(`${after.subject} ${after.text} ${after.html}`).not.toContain('GMT+')

    // German names the zone the same way: CET, not MEZ, so a patient abroad can look it up.
    const german = composeMessage(factsFor('reminder', { language: 'de' }), 'sms')
    expect(german.text).toContain('26. Okt., 09:00 CET')
    const germanBefore = composeMessage(
      factsFor('confirmation', {
        language: 'de',
        appointment: { ...factsFor('confirmation').appointment, startsAt: beforeSwitch },
      }),
      'email',
    )
    expect(germanBefore.subject).toContain('Fr., 23. Okt., 09:00 CEST')
    expect(germanBefore.text).toContain('Freitag, 23. Oktober 2026 um 09:00 CEST')
  })

  it.each([
    // London: GMT in winter, BST in summer; New York: EST and EDT; India all year: IST.
    ['Europe/London', '2027-01-11T09:00', 'GMT', 'GMT'],
    ['Europe/London', '2027-07-12T09:00', 'BST', 'BST'],
    ['America/New_York', '2027-01-11T09:00', 'EST', 'EST'],
    ['America/New_York', '2027-07-12T09:00', 'EDT', 'EDT'],
    ['Asia/Kolkata', '2027-01-11T09:00', 'IST', 'IST'],
    // No abbreviation in common use: the offset, written the same in both languages.
    ['Asia/Dubai', '2027-01-11T09:00', 'GMT+4', 'GMT+4'],
    ['America/St_Johns', '2027-01-11T09:00', 'NST', 'NST'],
    ['Asia/Kathmandu', '2027-01-11T09:00', 'GMT+5:45', 'GMT+5:45'],
  ])('names %s at %s as %s in English and %s in German', (timeZone, wallTime, en, de) => {
    const startsAt = DateTime.fromISO(wallTime, { zone: timeZone }).toJSDate()
    for (const [language, abbreviation] of [
      ['en', en],
      ['de', de],
    ] as const) {
      const base = factsFor('confirmation', { language })
      const message = composeMessage(
        { ...base, clinic: { ...base.clinic, timeZone }, appointment: { ...base.appointment, startsAt } },
        'email',
      )
      expect(message.subject).toMatch(new RegExp(`09:00 ${abbreviation.replace('+', '\\+')}( |$)`))
      expect(message.text).toContain(`09:00 ${abbreviation}`)
    }
  })

  it("shows a clinic's own zone, not the server's or UTC", () => {
    const newYork = factsFor('reminder', {
      clinic: { name: 'Hudson Dental', timeZone: 'America/New_York', mailFrom: 'no-reply@frontdesk.test' },
    })
    // The same instant as 09:00 in Berlin is 04:00 in New York, still on daylight time that week.
    expect(composeMessage(newYork, 'sms').text).toContain('Mon, Oct 26, 04:00 EDT')
  })

  it('speaks formal German for a German patient, in every part of an email', () => {
    const message = composeMessage(factsFor('confirmation', { language: 'de' }), 'email')
    expect(message.subject).toBe('Praxis Müller: Ihr Termin am Mo., 26. Okt., 09:00 CET ist gebucht')
    expect(message.text).toMatch(/^Guten Tag Anna Schmidt,/)
    expect(message.text).toContain('Wann: Montag, 26. Oktober 2026 um 09:00 CET')
    expect(message.text).toContain('Termin ansehen oder ändern')
    expect(message.html).toContain('<html lang="de">')
    expect(`${message.subject} ${message.text}`).not.toMatch(/\b(Hello|appointment|your|du|dein)\b/i)
  })

  it('says a cancelled appointment is cancelled and offers to book again', () => {
    const en = composeMessage(factsFor('cancelled'), 'email')
    expect(en.subject).toMatch(/cancelled/)
    expect(en.text).toContain('Your appointment has been cancelled.')
    expect(en.text).toContain(`See details or book again:\n${manageUrl}`)
    expect(en.calendar?.contentType).toContain('method=CANCEL')

    const de = composeMessage(factsFor('cancelled', { language: 'de' }), 'whatsapp')
    expect(de.text).toContain('Ihr Termin wurde abgesagt')
    expect(de.text).toContain(`Details oder neu buchen: ${manageUrl}`)
  })

  it('puts the reason in an email only, and only when there is one', () => {
    const reason = 'Toothache on the left side'
    const withReason = factsFor('confirmation', { reason })
    const email = composeMessage(withReason, 'email')
    expect(email.text).toContain(`Reason for your visit: ${reason}`)
    expect(email.html).toContain(reason)
    expect(email.calendar?.content).not.toContain('Toothache')

    for (const channel of ['sms', 'whatsapp'] as const) {
      expect(composeMessage(withReason, channel).text).not.toContain('Toothache')
    }
    for (const empty of [null, undefined, '', '   ']) {
      const message = composeMessage(factsFor('confirmation', { reason: empty }), 'email')
      expect(message.text).not.toContain('Reason for your visit')
      expect(message.html).not.toContain('Reason for your visit')
    }
  })

  it('escapes every value in the HTML, so a hostile name stays text', () => {
    const facts = factsFor('reminder', {
      patientName: '<script>alert("hi")</script>',
      clinic: { name: 'Müller & Partner', timeZone: 'Europe/Berlin', mailFrom: 'no-reply@frontdesk.test' },
      reason: '<img src=x onerror=alert(1)>',
    })
    const { html, text } = composeMessage(facts, 'email')
    expect(html).not.toMatch(/<script|<img/i)
    expect(html).toContain('&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).toContain('Müller &amp; Partner')
    expect(html).toMatch(/<html lang="en">/)
    // The plain text part is not HTML: the name reads as the patient wrote it.
    expect(text).toContain('Hello <script>alert("hi")</script>,')
  })

  it('keeps SMS and WhatsApp plain and short, ending with how to opt out', () => {
    for (const language of ['en', 'de'] as const) {
      const stop = language === 'en' ? 'Reply STOP to opt out.' : 'Antworten Sie STOP zum Abbestellen.'
      for (const kind of MESSAGE_KINDS) {
        for (const channel of ['sms', 'whatsapp'] as const) {
          const { text } = composeMessage(factsFor(kind, { language }), channel)
          expect(text.endsWith(`\n${stop}`)).toBe(true)
          expect(text).not.toMatch(/<[a-z/]/i)
          // The forms nudge carries two links and so runs to a third SMS segment.
          if (kind !== 'intake_nudge') expect(text.length).toBeLessThanOrEqual(320)
        }
      }
    }
  })

  it('puts the time in bold on WhatsApp only', () => {
    expect(composeMessage(factsFor('reminder'), 'whatsapp').text).toContain('\n*Mon, Oct 26, 09:00 CET*\n')
    expect(composeMessage(factsFor('reminder'), 'sms').text).not.toContain('*')
  })

  it('carries a calendar invitation in emails about the appointment itself, not in the forms nudge', () => {
    const method = (kind: MessageKind) => composeMessage(factsFor(kind), 'email').calendar?.contentType
    expect(method('confirmation')).toBe('text/calendar; charset=utf-8; method=REQUEST')
    expect(method('rescheduled')).toBe('text/calendar; charset=utf-8; method=REQUEST')
    expect(method('reminder')).toBe('text/calendar; charset=utf-8; method=REQUEST')
    expect(method('cancelled')).toBe('text/calendar; charset=utf-8; method=CANCEL')
    expect(method('intake_nudge')).toBeUndefined()
  })

  it('links the forms in the nudge, and only there', () => {
    for (const channel of MESSAGE_CHANNELS) {
      expect(composeMessage(factsFor('intake_nudge'), channel).text).toContain(intakeUrl)
      expect(composeMessage(factsFor('confirmation'), channel).text).not.toContain(intakeUrl)
    }
    expect(() => composeMessage(factsFor('intake_nudge', { intakeUrl: null }), 'sms')).toThrow(/intakeUrl/)
  })

  it('refuses a link that is not a web address', () => {
    const facts = factsFor('confirmation', { manageUrl: 'javascript:alert(1)' })
    expect(() => composeMessage(facts, 'email')).toThrow(/http/)
  })
})
