// From the time step to a held time: the calendar opened on the first free day, the chosen time held (or
// the hold moved) and counted down, let go when the patient leaves the page, and, when the time is gone,
// said so with what is free now. The element's actions call these; its state stays on the element.
import { WidgetApiError } from '../client.js'
import { addDays } from '../dates.js'
import type { FrontdeskBooking } from './frontdesk-booking.js'
import { releaseOnLeave } from './release-on-leave.js'
import { type FreeTime, freeDayOf, SlotCalendar } from './slot-calendar.js'

/** Opens the time step on the first day with free times. */
export async function openCalendar(host: FrontdeskBooking, moveFocus: boolean): Promise<void> {
  const query = {
    serviceId: host.serviceId as string,
    ...(host.practitionerId && { practitionerId: host.practitionerId }),
    ...(host.location && { locationId: host.location }),
  }
  const today = host.today
  host.calendar = new SlotCalendar(
    async (from, to) => (await host.client.availabilityTimes({ ...query, from, to })).days.map(freeDayOf),
    today,
    addDays(today, host.chosenService?.bookingWindowDays ?? 60),
  )
  host.go('time', moveFocus)
  await withCalendar(host, (calendar) => calendar.openOnFirstFreeDay())
}

/** Runs a calendar change while showing the time step as busy; a failure becomes the alert. */
export async function withCalendar(
  host: FrontdeskBooking,
  change: (calendar: SlotCalendar) => Promise<void> | void,
): Promise<boolean> {
  if (!host.calendar) return false
  host._busy = true
  try {
    await change(host.calendar)
    return true
  } catch (error) {
    host._alert = host.explain(error)
    return false
  } finally {
    host._busy = false
  }
}

/** Holds the time (or moves the hold already made), then asks for details. */
export async function holdTime(host: FrontdeskBooking, slot: FreeTime): Promise<void> {
  if (host._busy) return
  host._busy = true
  host._alert = ''
  const request = {
    serviceId: host.serviceId as string,
    startsAt: slot.startsAt,
    ...(host.practitionerId && { practitionerId: host.practitionerId }),
    ...(host.location && { locationId: host.location }),
  }
  try {
    const policyMs = (host.clinic?.policy.holdMinutes ?? 10) * 60_000
    if (host.hold) {
      try {
        const moved = await host.client.moveHold(host.hold.id, host.hold.visitToken, request)
        host.hold = { ...host.hold, slot, practitionerId: moved.practitionerId }
      } catch (error) {
        // A visit token that no longer works (revoked, too old): start over with a new hold.
        if (!(error instanceof WidgetApiError) || (error.status !== 401 && error.status !== 404)) throw error
        host.hold = undefined
      }
    }
    if (!host.hold) {
      const created = await host.client.hold(request)
      host.hold = {
        id: created.hold.id,
        visitToken: created.visitToken,
        slot,
        practitionerId: created.hold.practitionerId,
      }
    }
    host.timer.start(policyMs)
    host.attempt = undefined
    host.go('details')
  } catch (error) {
    await timeGone(host, error)
  } finally {
    host._busy = false
  }
}

/** The time went to someone else (or is no longer offered): say so and show what is free now. */
export async function timeGone(host: FrontdeskBooking, error: unknown): Promise<void> {
  const code = error instanceof WidgetApiError ? error.code : 'INTERNAL'
  if (code !== 'SLOT_TAKEN' && code !== 'SLOT_UNAVAILABLE' && code !== 'HOLD_EXPIRED') {
    host._alert = host.explain(error)
    return
  }
  host.go('time')
  if (!(await withCalendar(host, (calendar) => calendar.reload()))) return
  host._alert =
    code === 'SLOT_TAKEN'
      ? host.messages.errors.taken
      : code === 'HOLD_EXPIRED'
        ? host.messages.holdEnded
        : host.messages.errors.unavailable
}

/** The hold's timer ran out while the patient was still typing their details. */
export function holdEnded(host: FrontdeskBooking): void {
  if (host._step !== 'details') return
  void timeGone(host, new WidgetApiError('HOLD_EXPIRED', 410))
}

/** The patient leaves with a time held and not booked: the beacon lets it go (a booking is never touched). */
export function letGoOnLeave(host: FrontdeskBooking): void {
  const hold = host.hold
  if (!hold) return
  releaseOnLeave(host.apiBase, hold)
  host.hold = undefined
  host.timer.stop()
}

/** Back from the browser's page cache, the released time is gone: offer the times free now. */
export function offerAgainOnReturn(host: FrontdeskBooking, event: PageTransitionEvent): void {
  if (event.persisted && host._step === 'details' && !host.hold)
    void timeGone(host, new WidgetApiError('HOLD_EXPIRED', 410))
}
