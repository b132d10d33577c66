// Behaviour of the availability engine as a patient would notice it: which slots show, when, and for whom.
import { describe, expect, it } from 'vitest'
import { blockedInterval, computeAvailability, isSlotAvailable } from './engine.js'
import { ALL, hours, input, NY, pr, slotsOf, timesByDay, utc, WEEKDAYS } from './test-fixtures.js'

describe('rules', () => {
  const quarterHours = { durationMinutes: 30, slotIntervalMinutes: 15 }

  it('blockedInterval widens a booking by its buffers', () => {
    expect(
      blockedInterval(utc(6, 15, 8), utc(6, 15, 9), { bufferBeforeMinutes: 10, bufferAfterMinutes: 5 }),
    ).toEqual({ start: utc(6, 15, 7, 50), end: utc(6, 15, 9, 5) })
  })

  it('buffers of the new slot keep it clear of busy time, even outside working hours', () => {
    const busy = [
      { start: utc(6, 15, 8), end: utc(6, 15, 8, 30) }, // 10:00-10:30 local
      { start: utc(6, 15, 6, 50), end: utc(6, 15, 7) }, // 08:50-09:00 local, before opening
    ]
    const r = computeAvailability(
      input({
        service: { ...quarterHours, bufferBeforeMinutes: 15, bufferAfterMinutes: 15 },
        practitioners: [pr('p1', { weekly: hours([1], '09:00', '12:00'), busy })],
      }),
    )
    expect(timesByDay(r)).toEqual([['09:15', '10:45', '11:00', '11:15', '11:30']])
  })

  it('minimum notice: the earliest start is now + notice, inclusive', () => {
    const run = (now: number) =>
      timesByDay(
        computeAvailability(
          input({
            now,
            service: { ...quarterHours, minNoticeMinutes: 60 },
            practitioners: [pr('p1', { weekly: hours([1], '09:00', '12:00') })],
          }),
        ),
      )
    expect(run(utc(6, 15, 8, 15))).toEqual([['11:15', '11:30']])
    expect(run(utc(6, 15, 8, 16))).toEqual([['11:30']])
  })

  it('booking window ends with the local day bookingWindowDays after the local today', () => {
    // 22:00 on Mar 6 in New York, already Mar 7 in UTC: the last bookable day is Mar 8, not Mar 9.
    const r = computeAvailability(
      input({
        timeZone: NY,
        from: '2026-03-07',
        to: '2026-03-10',
        now: utc(3, 7, 3),
        service: { durationMinutes: 30, slotIntervalMinutes: 30, bookingWindowDays: 2 },
        practitioners: [
          pr('p1', { weekly: [...hours(ALL, '00:00', '01:00'), ...hours(ALL, '23:00', '24:00')] }),
        ],
      }),
    )
    expect(timesByDay(r)).toEqual([
      ['00:00', '00:30', '23:00', '23:30'],
      ['00:00', '00:30', '23:00', '23:30'],
      [],
      [],
    ])
    expect(r.days[1]?.slots.at(-1)?.startsAt).toBe(utc(3, 9, 3, 30))
  })

  it('time off removes part of a day and whole days', () => {
    const timeOff = [
      { start: utc(6, 16, 10), end: utc(6, 16, 12) }, // Tue 12:00-14:00
      { start: utc(6, 17, 10), end: utc(6, 19, 8) }, // Wed 12:00 until Fri 10:00
    ]
    const r = computeAvailability(
      input({
        from: '2026-06-16',
        to: '2026-06-20',
        practitioners: [pr('p1', { weekly: hours(WEEKDAYS, '09:00', '17:00'), timeOff })],
      }),
    )
    expect(timesByDay(r)).toEqual([
      ['09:00', '10:00', '11:00', '14:00', '15:00', '16:00'],
      ['09:00', '10:00', '11:00'],
      [],
      ['10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00'],
      [],
    ])
  })

  it('overrides replace weekly hours: closed day, special hours, extra Saturday', () => {
    const overrides = [
      { date: '2026-06-17', windows: [] },
      {
        date: '2026-06-18',
        windows: [
          { start: '10:00', end: '11:00', locationId: null },
          { start: '14:00', end: '16:00', locationId: null },
        ],
      },
      { date: '2026-06-20', windows: [{ start: '10:00', end: '12:00', locationId: null }] },
    ]
    const r = computeAvailability(
      input({
        from: '2026-06-16',
        to: '2026-06-20',
        practitioners: [pr('p1', { weekly: hours(WEEKDAYS, '09:00', '12:00'), overrides })],
      }),
    )
    expect(timesByDay(r)).toEqual([
      ['09:00', '10:00', '11:00'],
      [],
      ['10:00', '14:00', '15:00'],
      ['09:00', '10:00', '11:00'],
      ['10:00', '11:00'],
    ])
  })

  it('overlapping windows of one practitioner give each start once', () => {
    const weekly = [
      ...hours([1], '09:00', '12:00'),
      ...hours([1], '11:00', '13:00'),
      ...hours([1], '12:00', '14:00', 'b'),
    ]
    const r = computeAvailability(input({ practitioners: [pr('p1', { weekly })] }))
    expect(slotsOf(r).map((s) => [s.localTime, s.practitionerIds, s.locationIds])).toEqual([
      ['09:00', ['p1'], [null]],
      ['10:00', ['p1'], [null]],
      ['11:00', ['p1'], [null]],
      ['12:00', ['p1'], [null]],
      ['13:00', ['p1'], ['b']],
    ])
  })

  it('locationId keeps windows at that location plus location-less ones', () => {
    const weekly = [
      ...hours([1], '09:00', '11:00', 'a'),
      ...hours([2], '09:00', '11:00', 'b'),
      ...hours([3], '09:00', '11:00'),
    ]
    const run = (locationId?: string) =>
      computeAvailability(
        input({ from: '2026-06-15', to: '2026-06-17', locationId, practitioners: [pr('p1', { weekly })] }),
      )
    expect(run('a').days.map((d) => d.slots.map((s) => [s.localTime, s.locationIds[0]]))).toEqual([
      [
        ['09:00', 'a'],
        ['10:00', 'a'],
      ],
      [],
      [
        ['09:00', null],
        ['10:00', null],
      ],
    ])
    expect(timesByDay(run()).map((d) => d.length)).toEqual([2, 2, 2])
  })

  it('empty days are present and in order', () => {
    const r = computeAvailability(
      input({
        from: '2026-06-19',
        to: '2026-06-22',
        practitioners: [pr('p1', { weekly: hours(WEEKDAYS, '09:00', '10:00') })],
      }),
    )
    expect(r.days.map((d) => [d.date, d.slots.length])).toEqual([
      ['2026-06-19', 1],
      ['2026-06-20', 0],
      ['2026-06-21', 0],
      ['2026-06-22', 1],
    ])
  })
})

describe('any practitioner', () => {
  const team = input({
    practitioners: [
      pr('p2', { weekly: hours([1], '10:00', '13:00', 'b') }),
      pr('p3', {
        weekly: hours([1], '09:00', '12:00'),
        busy: [{ start: utc(6, 15, 7), end: utc(6, 15, 8) }],
      }),
      pr('p1', { weekly: hours([1], '09:00', '12:00', 'a') }),
    ],
  })

  it('merges equal starts and lists every free practitioner, sorted', () => {
    expect(
      slotsOf(computeAvailability(team)).map((s) => [s.localTime, s.practitionerIds, s.locationIds]),
    ).toEqual([
      ['09:00', ['p1'], ['a']],
      ['10:00', ['p1', 'p2', 'p3'], ['a', 'b', null]],
      ['11:00', ['p1', 'p2', 'p3'], ['a', 'b', null]],
      ['12:00', ['p2'], ['b']],
    ])
  })

  it('isSlotAvailable agrees with computeAvailability, on and off the grid', () => {
    const slots = slotsOf(computeAvailability(team))
    for (const id of ['p1', 'p2', 'p3', 'nobody']) {
      for (let t = utc(6, 15, 5); t <= utc(6, 15, 12); t += 15 * 60_000) {
        const slot = slots.find((s) => s.startsAt === t)
        const i = slot?.practitionerIds.indexOf(id) ?? -1
        const expected =
          i >= 0
            ? { available: true, locationId: slot?.locationIds[i] }
            : { available: false, locationId: null }
        expect(isSlotAvailable(team, id, t)).toEqual(expected)
      }
    }
    expect(isSlotAvailable(team, 'p2', utc(6, 15, 8))).toEqual({ available: true, locationId: 'b' })
    expect(isSlotAvailable(team, 'p1', utc(6, 15, 7, 30))).toEqual({ available: false, locationId: null })
    expect(isSlotAvailable(team, 'p3', utc(6, 15, 7))).toEqual({ available: false, locationId: null })
    expect(isSlotAvailable({ ...team, now: utc(6, 15, 8, 1) }, 'p1', utc(6, 15, 8))).toEqual({
      available: false,
      locationId: null,
    })
  })

  it('isSlotAvailable handles both 01:00 instants of a fall-back night', () => {
    const ny = input({ timeZone: NY, practitioners: [pr('p1', { weekly: hours(ALL, '00:00', '04:00') })] })
    expect(isSlotAvailable(ny, 'p1', utc(11, 1, 5)).available).toBe(true)
    expect(isSlotAvailable(ny, 'p1', utc(11, 1, 6)).available).toBe(true)
    expect(isSlotAvailable(ny, 'p1', utc(11, 1, 6, 30)).available).toBe(false)
    expect(isSlotAvailable(ny, 'p1', utc(11, 1, 9)).available).toBe(false)
  })
})

describe('scale', () => {
  it('50 practitioners x 30 days of weekday 09:00-17:00 at 15-minute steps', () => {
    const weekdays = Array.from({ length: 30 }, (_, i) => i + 1).filter(
      (d) => new Date(utc(6, d, 12)).getUTCDay() % 6 !== 0,
    )
    expect(weekdays).toHaveLength(22)
    const practitioners = Array.from({ length: 50 }, (_, i) => {
      const day = weekdays[i % weekdays.length] ?? 1
      return pr(`p${String(i).padStart(2, '0')}`, {
        weekly: hours(WEEKDAYS, '09:00', '17:00', 'main'),
        busy: [
          { start: utc(6, day, 8), end: utc(6, day, 9) }, // 10:00-11:00 local
          { start: utc(6, day, 12), end: utc(6, day, 12, 30) }, // 14:00-14:30 local
        ],
        timeOff: [{ start: utc(6, day, 16), end: utc(6, day, 18) }], // evening, outside hours
      })
    })
    const r = computeAvailability(
      input({
        from: '2026-06-01',
        to: '2026-06-30',
        now: utc(5, 31, 12),
        service: { durationMinutes: 30, slotIntervalMinutes: 15, bufferAfterMinutes: 15 },
        practitioners,
      }),
    )
    // Starts 09:00..16:30 = 31 a day. With the 15-minute after-buffer the 10:00-11:00 booking blocks
    // 09:30..10:45 (6 starts) and the 14:00-14:30 one blocks 13:30..14:15 (4 starts), once per practitioner.
    expect(r.days).toHaveLength(30)
    expect(r.days.filter((d) => d.slots.length > 0)).toHaveLength(22)
    expect(slotsOf(r)).toHaveLength(22 * 31)
    expect(slotsOf(r).reduce((n, s) => n + s.practitionerIds.length, 0)).toBe(50 * 22 * 31 - 50 * 10)
  })
})
