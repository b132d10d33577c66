import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { calendarFile } from './calendar.js'
import type { MessageFacts } from './facts.js'

// 09:00 in Berlin on the Monday after summer time ends (2026-10-25), for 45 minutes.
const startsAt = DateTime.fromISO('2026-10-26T09:00', { zone: 'Europe/Berlin' }).toJSDate()
const manageUrl = 'https://book.example.com/manage/bk_123?token=t0k3n&lang=en'

function factsFor(changes: Partial<MessageFacts['appointment']> = {}, language: 'en' | 'de' = 'en') {
  return {
    kind: 'confirmation',
    language,
    clinic: { name: 'Praxis Müller, Dr. Weber', timeZone: 'Europe/Berlin' },
    patientName: 'Anna Schmidt',
    appointment: {
      bookingId: 'bk_123',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 45 * 60_000),
      serviceName: 'Dental cleaning',
      practitionerName: 'Dr. Jana Weber',
      locationName: 'Praxis Mitte',
      locationAddress: 'Hauptstraße 1, 10115 Berlin',
      revision: 0,
      ...changes,
    },
    manageUrl,
    reason: 'Toothache',
  } satisfies MessageFacts
}

/** Reads an iCalendar text the way a calendar does: unfold lines, then name → unescaped value. */
function readCalendar(content: string) {
  expect(content.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/) // every line ends in CRLF
  const lines = content
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean)
  const properties = new Map<string, string>()
  for (const line of lines) {
    const colon = line.indexOf(':')
    const name = line.slice(0, colon).split(';')[0] as string
    const value = line.slice(colon + 1).replace(/\\([\\;,nN])/g, (_, c: string) => (/n/i.test(c) ? '\n' : c))
    if (!properties.has(name)) properties.set(name, value)
  }
  const utc = (stamp: string | undefined) => {
    const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(stamp ?? '')
    if (!match) throw new Error(`not a UTC date-time: ${stamp}`)
    const [, y, mo, d, h, mi, s] = match.map(Number) as number[]
    return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!))
  }
  return { lines, get: (name: string) => properties.get(name), utc }
}

describe('calendarFile', () => {
  it('puts the appointment at its real instant, written in UTC', () => {
    const file = calendarFile(factsFor(), 'REQUEST')
    const calendar = readCalendar(file.content)
    expect(calendar.get('DTSTART')).toMatch(/Z$/)
    expect(calendar.utc(calendar.get('DTSTART')).getTime()).toBe(startsAt.getTime())
    expect(calendar.utc(calendar.get('DTEND')).getTime()).toBe(startsAt.getTime() + 45 * 60_000)
    // 09:00 Berlin winter time is 08:00 UTC, an hour less than the week before.
    expect(calendar.get('DTSTART')).toBe('20261026T080000Z')
  })

  it('is one event per booking: the same UID on every revision, SEQUENCE counting up', () => {
    const booked = readCalendar(calendarFile(factsFor(), 'REQUEST').content)
    const later = new Date(startsAt.getTime() + 2 * 3_600_000)
    const moved = readCalendar(calendarFile(factsFor({ startsAt: later, revision: 1 }), 'REQUEST').content)
    const cancelled = readCalendar(calendarFile(factsFor({ revision: 2 }), 'CANCEL').content)
    expect(booked.get('UID')).toBe('bk_123@frontdesk')
    expect(moved.get('UID')).toBe(booked.get('UID'))
    expect(cancelled.get('UID')).toBe(booked.get('UID'))
    expect([booked, moved, cancelled].map((c) => Number(c.get('SEQUENCE')))).toEqual([0, 1, 2])
    expect(moved.utc(moved.get('DTSTART')).getTime()).toBe(later.getTime())
    const other = readCalendar(calendarFile(factsFor({ bookingId: 'bk_999' }), 'REQUEST').content)
    expect(other.get('UID')).not.toBe(booked.get('UID'))
  })

  it('asks a calendar to add the event, or to cancel it', () => {
    const request = calendarFile(factsFor(), 'REQUEST')
    expect(request.filename).toBe('appointment.ics')
    expect(request.contentType).toBe('text/calendar; charset=utf-8; method=REQUEST')
    expect(readCalendar(request.content).get('METHOD')).toBe('REQUEST')
    expect(readCalendar(request.content).get('STATUS')).toBe('CONFIRMED')

    const cancel = calendarFile(factsFor({ revision: 1 }), 'CANCEL')
    expect(cancel.contentType).toBe('text/calendar; charset=utf-8; method=CANCEL')
    expect(readCalendar(cancel.content).get('METHOD')).toBe('CANCEL')
    expect(readCalendar(cancel.content).get('STATUS')).toBe('CANCELLED')
  })

  it('names the visit, the place and the manage link, in the patient’s language', () => {
    const en = readCalendar(calendarFile(factsFor(), 'REQUEST').content)
    expect(en.get('SUMMARY')).toBe('Dental cleaning – Praxis Müller, Dr. Weber')
    expect(en.get('LOCATION')).toBe('Praxis Mitte, Hauptstraße 1, 10115 Berlin')
    expect(en.get('URL')).toBe(manageUrl)
    expect(en.get('DESCRIPTION')).toContain(manageUrl)
    expect(en.get('DESCRIPTION')).toContain('Dr. Jana Weber')

    const de = readCalendar(calendarFile(factsFor({ revision: 1 }, 'de'), 'CANCEL').content)
    expect(de.get('SUMMARY')).toBe('Abgesagt: Dental cleaning – Praxis Müller, Dr. Weber')
    expect(de.get('DESCRIPTION')).toContain(`Details ansehen oder neu buchen: ${manageUrl}`)
  })

  it('leaves out what a calendar does not need: no reason, no patient name, no empty location', () => {
    const content = calendarFile(factsFor({ locationName: null, locationAddress: null }), 'REQUEST').content
    expect(content).not.toContain('Toothache')
    expect(content).not.toContain('Anna Schmidt')
    expect(readCalendar(content).get('LOCATION')).toBeUndefined()
  })
})
