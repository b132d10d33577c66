// The compact availability's conversion: offsets written and read back, practitioners by sorted index.
import { describe, expect, it } from 'vitest'
import { compactDays, expandTimes, formatUtcOffset, parseOffsetTime } from './compact-times.js'

describe('compact times', () => {
  it('writes and reads offsets east, west and off the hour', () => {
    for (const minutes of [0, 60, -240, 330, 345, -570]) {
      expect(parseOffsetTime(`09:30${formatUtcOffset(minutes)}`)).toEqual({
        localTime: '09:30',
        utcOffsetMinutes: minutes,
      })
    }
    expect(formatUtcOffset(-240)).toBe('-04:00')
    expect(formatUtcOffset(330)).toBe('+05:30')
  })

  it('lists each practitioner once, sorted, and refers to them by index time by time', () => {
    const days = [
      {
        date: '2027-03-03',
        slots: [
          { localTime: '09:00', utcOffsetMinutes: 60, practitionerIds: ['prc_b', 'prc_a'] },
          { localTime: '09:30', utcOffsetMinutes: 60, practitionerIds: ['prc_c'] },
        ],
      },
      { date: '2027-03-04', slots: [] },
    ]
    expect(compactDays(days, false)).toEqual({
      days: [
        { date: '2027-03-03', times: ['09:00+01:00', '09:30+01:00'] },
        { date: '2027-03-04', times: [] },
      ],
    })
    const compact = compactDays(days, true)
    expect(compact.practitionerIds).toEqual(['prc_a', 'prc_b', 'prc_c'])
    expect(compact.days[0]!.practitioners).toEqual([[0, 1], [2]])
    const answer = { ...compact, durationMinutes: 45 }
    expect(expandTimes(answer, compact.days[0]!)).toEqual([
      {
        startsAt: '2027-03-03T08:00:00.000Z',
        endsAt: '2027-03-03T08:45:00.000Z',
        localTime: '09:00',
        utcOffsetMinutes: 60,
        practitionerIds: ['prc_a', 'prc_b'],
      },
      {
        startsAt: '2027-03-03T08:30:00.000Z',
        endsAt: '2027-03-03T09:15:00.000Z',
        localTime: '09:30',
        utcOffsetMinutes: 60,
        practitionerIds: ['prc_c'],
      },
    ])
  })
})
