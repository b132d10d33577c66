// DST behaviour of the availability engine: real-time stepping, gaps, repeated hours and offsets.
import { describe, expect, it } from 'vitest'
import { computeAvailability } from './engine.js'
import { ALL, BERLIN, hours, input, NY, one, pr, slotsOf, utc, view } from './test-fixtures.js'

describe('DST transitions', () => {
  it('New York spring forward: 00:00-04:00 is 3 real hours and 02:xx never appears', () => {
    expect(view(one(NY, '2026-03-08', '00:00', '04:00'))).toEqual([
      ['00:00', utc(3, 8, 5), -300],
      ['01:00', utc(3, 8, 6), -300],
      ['03:00', utc(3, 8, 7), -240],
    ])
  })

  it('New York fall back: 00:00-04:00 is 5 real hours with 01:00 offered twice', () => {
    expect(view(one(NY, '2026-11-01', '00:00', '04:00'))).toEqual([
      ['00:00', utc(11, 1, 4), -240],
      ['01:00', utc(11, 1, 5), -240],
      ['01:00', utc(11, 1, 6), -300],
      ['02:00', utc(11, 1, 7), -300],
      ['03:00', utc(11, 1, 8), -300],
    ])
  })

  it('Berlin spring forward: slots belong to the local date even when UTC is still the day before', () => {
    const r = one(BERLIN, '2026-03-29', '00:00', '04:00')
    expect(view(r)).toEqual([
      ['00:00', utc(3, 28, 23), 60],
      ['01:00', utc(3, 29, 0), 60],
      ['03:00', utc(3, 29, 1), 120],
    ])
    expect(slotsOf(r).map((s) => s.localDate)).toEqual(['2026-03-29', '2026-03-29', '2026-03-29'])
  })

  it('Berlin fall back: 00:00-04:00 is 5 real hours with 02:00 offered twice', () => {
    expect(view(one(BERLIN, '2026-10-25', '00:00', '04:00'))).toEqual([
      ['00:00', utc(10, 24, 22), 120],
      ['01:00', utc(10, 24, 23), 120],
      ['02:00', utc(10, 25, 0), 120],
      ['02:00', utc(10, 25, 1), 60],
      ['03:00', utc(10, 25, 2), 60],
    ])
  })

  it('window edges inside a gap resolve to the instant right after the gap', () => {
    // luxon alone would turn 02:30 into 03:30 and lose the 04:00 slot.
    expect(view(one(NY, '2026-03-08', '02:30', '05:00'))).toEqual([
      ['03:00', utc(3, 8, 7), -240],
      ['04:00', utc(3, 8, 8), -240],
    ])
    const endInGap = one(NY, '2026-03-08', '00:00', '02:30', { durationMinutes: 30, slotIntervalMinutes: 30 })
    expect(slotsOf(endInGap).map((s) => s.localTime)).toEqual(['00:00', '00:30', '01:00', '01:30'])
    expect(view(one(BERLIN, '2026-03-29', '02:15', '04:00'))).toEqual([['03:00', utc(3, 29, 1), 120]])
  })

  it('a repeated wall time as window start means its first occurrence', () => {
    expect(view(one(NY, '2026-11-01', '01:00', '03:00'))).toEqual([
      ['01:00', utc(11, 1, 5), -240],
      ['01:00', utc(11, 1, 6), -300],
      ['02:00', utc(11, 1, 7), -300],
    ])
  })

  it('ordinary 09:00 windows around the changes use the right offset', () => {
    const firstStart = (zone: string, from: string, to: string) =>
      computeAvailability(
        input({
          timeZone: zone,
          from,
          to,
          practitioners: [pr('p1', { weekly: hours(ALL, '09:00', '12:00') })],
        }),
      ).days.map((d) => [d.date, d.slots[0]?.startsAt, d.slots.length])
    expect(firstStart(BERLIN, '2026-03-27', '2026-03-30')).toEqual([
      ['2026-03-27', utc(3, 27, 8), 3],
      ['2026-03-28', utc(3, 28, 8), 3],
      ['2026-03-29', utc(3, 29, 7), 3],
      ['2026-03-30', utc(3, 30, 7), 3],
    ])
    expect(firstStart(BERLIN, '2026-10-26', '2026-10-26')).toEqual([['2026-10-26', utc(10, 26, 8), 3]])
    expect(firstStart(NY, '2026-03-06', '2026-03-09')).toEqual([
      ['2026-03-06', utc(3, 6, 14), 3],
      ['2026-03-07', utc(3, 7, 14), 3],
      ['2026-03-08', utc(3, 8, 13), 3],
      ['2026-03-09', utc(3, 9, 13), 3],
    ])
    expect(firstStart(NY, '2026-10-31', '2026-11-02')).toEqual([
      ['2026-10-31', utc(10, 31, 13), 3],
      ['2026-11-01', utc(11, 1, 14), 3],
      ['2026-11-02', utc(11, 2, 14), 3],
    ])
  })
})
