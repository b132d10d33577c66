// The bench calendar: working days from next week on, and their 30-minute starts as UTC instants.
import { DateTime } from 'luxon'

/** Practitioners work Monday to Friday, 09:00–17:00 local time. */
export const WORKING_HOURS = [1, 2, 3, 4, 5].map((weekday) => ({
  weekday,
  start: '09:00',
  end: '17:00',
  locationId: null,
}))

/** A 30-minute service offered every 15 minutes, bookable a year ahead. */
export const BENCH_SERVICE = {
  name: 'Consultation',
  durationMinutes: 30,
  minNoticeMinutes: 60,
  bookingWindowDays: 365,
  slotIntervalMinutes: 15,
}

/** Non-overlapping 30-minute starts in a 09:00–17:00 day: 09:00, 09:30 … 16:30. */
export const STARTS_PER_DAY = 16

export interface WorkingDay {
  date: string
  /** 09:00 local as epoch ms; the day's starts follow every 30 minutes (no DST switch lies in 9–17). */
  nineAm: number
}

export class Calendar {
  readonly days: WorkingDay[] = []

  /** Working days from `firstOffset` to `lastOffset` days after today in `timeZone`. */
  constructor(
    readonly timeZone: string,
    firstOffset = 7,
    lastOffset = 360,
  ) {
    const today = DateTime.now().setZone(timeZone).startOf('day')
    for (let offset = firstOffset; offset <= lastOffset; offset++) {
      const day = today.plus({ days: offset })
      if (day.weekday > 5) continue
      this.days.push({ date: day.toISODate() ?? '', nineAm: day.set({ hour: 9 }).toMillis() })
    }
  }

  get firstDate(): string {
    return this.days[0]?.date ?? ''
  }

  /** The local date `days` calendar days after the first working day. */
  dateAfter(days: number): string {
    return DateTime.fromISO(this.firstDate, { zone: this.timeZone }).plus({ days }).toISODate() ?? ''
  }

  startsAt(dayIndex: number, startIndex: number): string {
    const day = this.days[dayIndex]
    if (!day || startIndex < 0 || startIndex >= STARTS_PER_DAY) {
      throw new RangeError(`No start ${startIndex} on working day ${dayIndex}`)
    }
    return new Date(day.nineAm + startIndex * 30 * 60_000).toISOString()
  }
}

export interface SlotChoice {
  practitionerId: string
  startsAt: string
}

/**
 * Distinct free (practitioner, start) pairs: round-robin over practitioners first, so concurrent
 * requests rarely wait on the same practitioner's lock, then start by start, day by day.
 */
export class SlotSequence {
  private issued = 0

  constructor(
    private readonly calendar: Calendar,
    private readonly practitionerIds: string[],
    private readonly firstDayIndex = 0,
  ) {}

  get capacity(): number {
    return (this.calendar.days.length - this.firstDayIndex) * STARTS_PER_DAY * this.practitionerIds.length
  }

  get used(): number {
    return this.issued
  }

  next(): SlotChoice {
    const n = this.issued++
    const practitioners = this.practitionerIds.length
    const k = Math.floor(n / practitioners)
    const practitionerId = this.practitionerIds[n % practitioners] ?? ''
    const dayIndex = this.firstDayIndex + Math.floor(k / STARTS_PER_DAY)
    if (dayIndex >= this.calendar.days.length)
      throw new RangeError('The bench calendar has no free slot left')
    return { practitionerId, startsAt: this.calendar.startsAt(dayIndex, k % STARTS_PER_DAY) }
  }
}

/** Patients differ by email so each booking creates its own patient record. */
export function bookingBody(serviceId: string, choice: SlotChoice, patientKey: string) {
  return {
    serviceId,
    practitionerId: choice.practitionerId,
    startsAt: choice.startsAt,
    patient: {
      name: 'Bench Patient',
      email: `patient-${patientKey}@bench.example`,
      dateOfBirth: '1980-05-17',
    },
  }
}
