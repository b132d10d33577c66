// Picks real slots from the API's availability instead of hard-coding times.
import type { AvailableSlot, Frontdesk, FrontdeskAdmin } from '../../src/index.js'
import { daysAhead } from './dates.js'

/** The free slots of `serviceId` on the local date `days` from today, requiring at least `atLeast` of them. */
export async function slotsOn(
  client: Frontdesk | FrontdeskAdmin,
  serviceId: string,
  days: number,
  atLeast = 1,
): Promise<AvailableSlot[]> {
  const date = daysAhead(days)
  const availability = await client.availability.get({ serviceId, from: date, to: date })
  const slots = availability.days[0]?.slots ?? []
  if (slots.length < atLeast)
    throw new Error(`Expected ${atLeast} free slots on ${date}, found ${slots.length}`)
  return slots
}
