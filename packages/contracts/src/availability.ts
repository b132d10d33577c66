// Availability: the free slots of a service over a range of local dates, for one practitioner or any.
import * as z from 'zod'
import { Id, Instant, LocalDate, LocalTime } from './common.js'

export const MAX_AVAILABILITY_DAYS = 62

export const AvailabilityQuery = z
  .object({
    serviceId: Id,
    from: LocalDate.meta({ description: 'First local date, in the clinic time zone' }),
    to: LocalDate.meta({ description: 'Last local date (inclusive)' }),
    practitionerId: Id.optional().meta({ description: 'Leave out for any practitioner' }),
    locationId: Id.optional(),
  })
  .refine((query) => query.to >= query.from, { message: 'to must not be before from', path: ['to'] })
  .refine((query) => (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000 < MAX_AVAILABILITY_DAYS, {
    message: `At most ${MAX_AVAILABILITY_DAYS} days per request`,
    path: ['to'],
  })
export type AvailabilityQuery = z.infer<typeof AvailabilityQuery>

export const AvailableSlot = z
  .object({
    startsAt: Instant,
    endsAt: Instant,
    localTime: LocalTime.meta({ description: 'Start as wall-clock time in the clinic time zone' }),
    utcOffsetMinutes: z.number().int(),
    practitionerIds: z.array(Id),
  })
  .meta({ id: 'AvailableSlot' })
export type AvailableSlot = z.infer<typeof AvailableSlot>

export const AvailabilityDay = z.object({ date: LocalDate, slots: z.array(AvailableSlot) })
export type AvailabilityDay = z.infer<typeof AvailabilityDay>

export const Availability = z
  .object({
    serviceId: Id,
    timeZone: z.string(),
    days: z.array(AvailabilityDay),
  })
  .meta({ id: 'Availability' })
export type Availability = z.infer<typeof Availability>
