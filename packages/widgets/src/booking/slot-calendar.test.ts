// The time step's calendar: opens on the first free day, pages by week, stops at the booking window.
import { describe, expect, it } from 'vitest'
import { addDays } from '../dates.js'
import { type FreeDay, freeDayOf, SlotCalendar } from './slot-calendar.js'

const TODAY = '2027-03-01' // a Monday

/** Availability as the API answers it: every date in the range, free times only on `freeDates`. */
function availability(freeDates: string[]) {
  const requests: [string, string][] = []
  const fetchDays = async (from: string, to: string): Promise<FreeDay[]> => {
    requests.push([from, to])
    const days: FreeDay[] = []
    for (let date = from; date <= to; date = addDays(date, 1)) {
      const slots = freeDates.includes(date)
        ? [{ startsAt: `${date}T08:00:00.000Z`, localTime: '09:00' }]
        : []
      days.push({ date, slots })
    }
    return days
  }
  return { fetchDays, requests }
}

describe('SlotCalendar', () => {
  it('opens on the week of the first free day, asking for the first week alone, then a few at a time', async () => {
    const { fetchDays, requests } = availability(['2027-04-08'])
    const calendar = new SlotCalendar(fetchDays, TODAY, addDays(TODAY, 60))
    await calendar.openOnFirstFreeDay()
    expect(calendar.selectedDate).toBe('2027-04-08')
    expect(calendar.page).toContain('2027-04-08')
    expect(calendar.page[0]).toBe('2027-04-05')
    expect(requests).toEqual([
      ['2027-03-01', '2027-03-07'],
      ['2027-03-08', '2027-03-28'],
      ['2027-03-29', '2027-04-18'],
    ])
  })

  it('asks for no more than the week it shows when the first week has a free time, and each week as paged to', async () => {
    const { fetchDays, requests } = availability(['2027-03-03', '2027-03-10', '2027-03-16'])
    const calendar = new SlotCalendar(fetchDays, TODAY, addDays(TODAY, 60))
    await calendar.openOnFirstFreeDay()
    expect(requests).toEqual([['2027-03-01', '2027-03-07']])
    await calendar.turnPage(1)
    await calendar.turnPage(1)
    expect(calendar.selectedDate).toBe('2027-03-16')
    expect(requests).toEqual([
      ['2027-03-01', '2027-03-07'],
      ['2027-03-08', '2027-03-14'],
      ['2027-03-15', '2027-03-21'],
    ])
  })

  it('never asks past the booking window, and says when nothing is free in it', async () => {
    const { fetchDays, requests } = availability([])
    const calendar = new SlotCalendar(fetchDays, TODAY, addDays(TODAY, 30))
    await calendar.openOnFirstFreeDay()
    expect(calendar.selectedDate).toBeUndefined()
    expect(calendar.everythingLoaded).toBe(true)
    expect(requests.at(-1)?.[1]).toBe('2027-03-31')
    expect(calendar.pageStart).toBe(TODAY)
  })

  it('pages a week at a time, not before today nor past the window, selecting the first free day', async () => {
    const { fetchDays } = availability(['2027-03-02', '2027-03-11', '2027-03-12'])
    const calendar = new SlotCalendar(fetchDays, TODAY, addDays(TODAY, 13))
    await calendar.openOnFirstFreeDay()
    expect(calendar.canGoBack).toBe(false)
    await calendar.turnPage(-1)
    expect(calendar.pageStart).toBe(TODAY)
    await calendar.turnPage(1)
    expect(calendar.pageStart).toBe('2027-03-08')
    expect(calendar.selectedDate).toBe('2027-03-11')
    expect(calendar.canGoOn).toBe(false)
    await calendar.turnPage(1)
    expect(calendar.pageStart).toBe('2027-03-08')
  })

  it('looks ahead from a week with nothing free, so the next free day can be offered', async () => {
    const { fetchDays, requests } = availability(['2027-03-02', '2027-03-24'])
    const calendar = new SlotCalendar(fetchDays, TODAY, addDays(TODAY, 60))
    await calendar.openOnFirstFreeDay()
    await calendar.turnPage(1)
    expect(calendar.pageStart).toBe('2027-03-08')
    expect(calendar.selectedDate).toBeUndefined()
    expect(calendar.firstFreeDate('2027-03-15')).toBe('2027-03-24')
    expect(requests).toEqual([
      ['2027-03-01', '2027-03-07'],
      ['2027-03-08', '2027-03-14'],
      ['2027-03-15', '2027-04-04'],
    ])
  })

  it('keeps the chosen day after a reload if it still has free times, else moves to the next free one', async () => {
    const free = ['2027-03-02', '2027-03-03']
    const calendar = new SlotCalendar(availability(free).fetchDays, TODAY, addDays(TODAY, 30))
    await calendar.openOnFirstFreeDay()
    calendar.select('2027-03-03')
    await calendar.reload()
    expect(calendar.selectedDate).toBe('2027-03-03')
    // Someone took the last time on the 3rd.
    const after = new SlotCalendar(availability(['2027-03-05']).fetchDays, TODAY, addDays(TODAY, 30))
    after.select('2027-03-03')
    await after.reload()
    expect(after.selectedDate).toBe('2027-03-05')
  })

  it('reads a compact day as exact instants, the hour that happens twice included', () => {
    const day = freeDayOf({ date: '2026-11-01', times: ['01:30-04:00', '01:30-05:00'] })
    expect(day.slots).toEqual([
      { startsAt: '2026-11-01T05:30:00.000Z', localTime: '01:30' },
      { startsAt: '2026-11-01T06:30:00.000Z', localTime: '01:30' },
    ])
  })
})
