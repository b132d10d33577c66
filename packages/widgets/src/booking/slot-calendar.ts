// The days and times the time step shows: fetched a week at a time as the patient pages, opening on the
// first day with a free time and never reaching past the service's booking window.
import type { AvailabilityTimesDay, ExpandedTime } from '@frontdesk/contracts'
import { addDays } from '../dates.js'

/** Days shown per page, and fetched per request while paging. */
export const PAGE_DAYS = 7
/** Pages fetched at once while looking for the first free day, after the first page came back empty. */
const SEARCH_PAGES = 3

/** A time the patient can pick: its instant, and its wall-clock time in the clinic zone. */
export type FreeTime = Pick<ExpandedTime, 'startsAt' | 'localTime'>
export interface FreeDay {
  date: string
  slots: FreeTime[]
}

/**
 * A day of the compact answer as times to pick: `{date}T{HH:MM±HH:MM}` is an exact instant. The widget
 * needs no end nor practitioners, so it skips contracts' `expandTimes` and the bytes it would add.
 */
export function freeDayOf(day: AvailabilityTimesDay): FreeDay {
  return {
    date: day.date,
    slots: day.times.map((time) => ({
      startsAt: new Date(`${day.date}T${time}`).toISOString(),
      localTime: time.slice(0, 5),
    })),
  }
}

export class SlotCalendar {
  slotsByDate = new Map<string, FreeTime[]>()
  loadedUntil: string
  pageStart: string
  selectedDate: string | undefined
  /** The time option that takes focus in the list (roving tabindex). */
  activeTime = 0

  constructor(
    private readonly fetchDays: (from: string, to: string) => Promise<FreeDay[]>,
    readonly today: string,
    readonly lastDate: string,
  ) {
    this.loadedUntil = addDays(today, -1)
    this.pageStart = today
  }

  get page(): string[] {
    return Array.from({ length: PAGE_DAYS }, (_, i) => addDays(this.pageStart, i))
  }

  get canGoBack(): boolean {
    return this.pageStart > this.today
  }

  get canGoOn(): boolean {
    return addDays(this.pageStart, PAGE_DAYS) <= this.lastDate
  }

  get everythingLoaded(): boolean {
    return this.loadedUntil >= this.lastDate
  }

  slotsOf(date: string | undefined): FreeTime[] {
    return (date && this.slotsByDate.get(date)) || []
  }

  firstFreeDate(from: string): string | undefined {
    return [...this.slotsByDate.keys()].sort().find((date) => date >= from && this.slotsOf(date).length)
  }

  /**
   * Loads until a free day turns up (or the window ends), then shows its week with it selected: the first
   * week alone, then a few weeks per request, so a clinic booked out for weeks costs few round trips.
   */
  async openOnFirstFreeDay(): Promise<void> {
    if (this.loadedUntil < this.today) await this.#loadMore(1)
    const first = await this.#findFreeFrom(this.today)
    this.jumpTo(first ?? this.today)
    if (!first) this.selectedDate = undefined
  }

  /** Shows the next or previous week; a week with nothing free looks ahead for the day to offer instead. */
  async turnPage(direction: 1 | -1): Promise<void> {
    const start = addDays(this.pageStart, direction * PAGE_DAYS)
    if (start < this.today || start > this.lastDate) return
    await this.#loadThrough(addDays(start, PAGE_DAYS - 1))
    this.pageStart = start
    this.selectedDate = this.page.find((date) => this.slotsOf(date).length)
    this.activeTime = 0
    if (!this.selectedDate) await this.#findFreeFrom(addDays(start, PAGE_DAYS))
  }

  /** The first free day from `date` on, loading a few weeks per request until one turns up or the window ends. */
  async #findFreeFrom(date: string): Promise<string | undefined> {
    let found = this.firstFreeDate(date)
    while (!found && !this.everythingLoaded) {
      await this.#loadMore(SEARCH_PAGES)
      found = this.firstFreeDate(date)
    }
    return found
  }

  jumpTo(date: string): void {
    const offset = Math.floor(dayDiff(this.today, date) / PAGE_DAYS) * PAGE_DAYS
    this.pageStart = addDays(this.today, offset)
    this.select(date)
  }

  select(date: string): void {
    this.selectedDate = date
    this.activeTime = 0
  }

  /** Fetches the shown week again (someone took a time): keeps the day if it still has free times. */
  async reload(): Promise<void> {
    const keep = this.selectedDate
    this.slotsByDate = new Map()
    this.loadedUntil = addDays(this.today, -1)
    await this.#loadThrough(addDays(this.pageStart, PAGE_DAYS - 1))
    this.selectedDate = keep && this.slotsOf(keep).length ? keep : this.firstFreeDate(this.pageStart)
    this.activeTime = 0
  }

  async #loadThrough(date: string): Promise<void> {
    while (this.loadedUntil < date && !this.everythingLoaded) await this.#loadMore(1)
  }

  async #loadMore(pages: number): Promise<void> {
    const from = addDays(this.loadedUntil, 1)
    const end = addDays(from, pages * PAGE_DAYS - 1)
    // biome-ignore lint/complexity/useMathMinMax: ISO dates are compared as strings, Math.min would make NaN
    const to = end < this.lastDate ? end : this.lastDate
    for (const day of await this.fetchDays(from, to)) this.slotsByDate.set(day.date, day.slots)
    this.loadedUntil = to
  }
}

export function dayDiff(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}
