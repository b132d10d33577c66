// The calendar invitation, read back with ical.js (the parser Thunderbird uses), not with our own code.
import ICAL from 'ical.js'
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
    clinic: { name: 'Praxis Müller, Dr. Weber', timeZone: 'Europe/Berlin', mailFrom: 'termine@praxis.test' },
    patientName: 'Anna Schmidt',
    patientEmail: 'anna@example.org',
    appointment: {
      bookingId: 'bk_123',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 45 * 60_000),
      serviceName: 'Dental cleaning',
      practitionerName: 'Dr. Jana Weber',
      locationName: 'Praxis Mitte',
      locationAddress: 'Hauptstraße 1, 10115 Berlin',
      // Confirmed, never moved.
      revision: 1,
      ...changes,
    },
    manageUrl,
    reason: 'Toothache',
  } satisfies MessageFacts
}

/** The calendar as a calendar program sees it: the method and the one event. */
function read(content: string) {
  expect(content.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/) // every line ends in CRLF
  const calendar = new ICAL.Component(ICAL.parse(content))
  const events = calendar.getAllSubcomponents('vevent')
  expect(events).toHaveLength(1)
  const vevent = events[0]!
  const contact = (name: 'organizer' | 'attendee') => {
    const properties = vevent.getAllProperties(name)
    expect(properties).toHaveLength(1)
    const property = properties[0]!
    return {
      address: String(property.getFirstValue()).replace(/^mailto:/i, ''),
      cn: property.getParameter('cn'),
      role: property.getParameter('role'),
      partstat: property.getParameter('partstat'),
      rsvp: property.getParameter('rsvp'),
    }
  }
  return {
    method: calendar.getFirstPropertyValue('method'),
    event: new ICAL.Event(vevent),
    text: (name: string) => vevent.getFirstPropertyValue(name)?.toString(),
    organizer: contact('organizer'),
    attendee: contact('attendee'),
    stamped: vevent.getFirstPropertyValue('dtstamp') !== null,
  }
}

describe('calendarFile', () => {
  it('puts the appointment at its real instant, written in UTC', () => {
    const calendar = read(calendarFile(factsFor(), 'REQUEST').content)
    expect(calendar.event.startDate.toJSDate().getTime()).toBe(startsAt.getTime())
    expect(calendar.event.endDate.toJSDate().getTime()).toBe(startsAt.getTime() + 45 * 60_000)
    // 09:00 Berlin winter time is 08:00 UTC, an hour less than the week before.
    expect(calendar.event.startDate.toString()).toBe('2026-10-26T08:00:00Z')
    expect(calendar.stamped).toBe(true)
  })

  it('is an invitation from the clinic to the patient, as RFC 5546 asks', () => {
    const { organizer, attendee, method } = read(calendarFile(factsFor(), 'REQUEST').content)
    expect(method).toBe('REQUEST')
    expect(organizer).toMatchObject({ address: 'termine@praxis.test', cn: 'Praxis Müller, Dr. Weber' })
    expect(attendee).toEqual({
      address: 'anna@example.org',
      cn: 'Anna Schmidt',
      role: 'REQ-PARTICIPANT',
      partstat: 'ACCEPTED',
      rsvp: 'FALSE',
    })
  })

  it('is one event per booking: the same UID on every revision, SEQUENCE 0 when booked and rising', () => {
    const booked = read(calendarFile(factsFor(), 'REQUEST').content)
    const later = new Date(startsAt.getTime() + 2 * 3_600_000)
    const moved = read(calendarFile(factsFor({ startsAt: later, revision: 2 }), 'REQUEST').content)
    const cancelled = read(calendarFile(factsFor({ startsAt: later, revision: 3 }), 'CANCEL').content)
    expect(booked.event.uid).toBe('bk_123@frontdesk')
    expect(moved.event.uid).toBe(booked.event.uid)
    expect(cancelled.event.uid).toBe(booked.event.uid)
    expect([booked, moved, cancelled].map((c) => c.event.sequence)).toEqual([0, 1, 2])
    expect(moved.event.startDate.toJSDate().getTime()).toBe(later.getTime())
    const other = read(calendarFile(factsFor({ bookingId: 'bk_999' }), 'REQUEST').content)
    expect(other.event.uid).not.toBe(booked.event.uid)
  })

  it('asks a calendar to add the event, or to cancel it', () => {
    const request = calendarFile(factsFor(), 'REQUEST')
    expect(request.contentType).toBe('text/calendar; charset=utf-8; method=REQUEST')
    expect(read(request.content).text('status')).toBe('CONFIRMED')

    const cancel = calendarFile(factsFor({ revision: 2 }), 'CANCEL')
    expect(cancel.contentType).toBe('text/calendar; charset=utf-8; method=CANCEL')
    const cancelled = read(cancel.content)
    expect(cancelled.method).toBe('CANCEL')
    expect(cancelled.text('status')).toBe('CANCELLED')
    expect(cancelled.organizer.address).toBe('termine@praxis.test')
    expect(cancelled.attendee.address).toBe('anna@example.org')
  })

  it('names the visit, the place and the manage link, in the patient’s language', () => {
    const en = read(calendarFile(factsFor(), 'REQUEST').content)
    expect(en.event.summary).toBe('Dental cleaning – Praxis Müller, Dr. Weber')
    expect(en.event.location).toBe('Praxis Mitte, Hauptstraße 1, 10115 Berlin')
    expect(en.text('url')).toBe(manageUrl)
    expect(en.event.description).toContain(manageUrl)
    expect(en.event.description).toContain('Dr. Jana Weber')

    const de = read(calendarFile(factsFor({ revision: 2 }, 'de'), 'CANCEL').content)
    expect(de.event.summary).toBe('Abgesagt: Dental cleaning – Praxis Müller, Dr. Weber')
    expect(de.event.description).toContain(`Details ansehen oder neu buchen: ${manageUrl}`)
  })

  it('keeps a name with quotes a valid parameter, and the reason and empty places out', () => {
    const facts = {
      ...factsFor({ locationName: null, locationAddress: null }),
      patientName: 'Anna "Ani" Schmidt',
    }
    const content = calendarFile(facts, 'REQUEST').content
    expect(content).not.toContain('Toothache')
    const calendar = read(content)
    expect(calendar.attendee.cn).toBe('Anna ’Ani’ Schmidt')
    expect(calendar.event.location).toBeNull()
  })

  it('needs the address it invites', () => {
    expect(() => calendarFile({ ...factsFor(), patientEmail: null }, 'REQUEST')).toThrow(/patientEmail/)
  })
})
