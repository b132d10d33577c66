// Availability for clients on slow links: the same free times as `Availability`, grouped per day as
// wall-clock times with their UTC offset, practitioners listed once and referenced by index, only when asked.
import * as z from 'zod'
import { AvailabilityQuery } from './availability.js'
import { Id, LocalDate } from './common.js'

// safeExtend keeps the range's refinements (from ≤ to, at most 62 days).
export const AvailabilityTimesQuery = AvailabilityQuery.safeExtend({
  practitioners: z
    .enum(['true', 'false'])
    .optional()
    .meta({ description: '`true` lists who is free at each time; left out, only the times are sent' }),
})
export type AvailabilityTimesQuery = z.infer<typeof AvailabilityTimesQuery>

/** `09:30+01:00`: a start as wall-clock time in the clinic zone with its UTC offset, exact on DST days. */
export const OffsetTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d[+-]([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM±HH:MM')
  .meta({ description: 'Start as `HH:MM±HH:MM`: wall-clock time in the clinic zone and its UTC offset' })

export const AvailabilityTimesDay = z
  .object({
    date: LocalDate,
    times: z.array(OffsetTime).meta({ description: 'Free start times, earliest first' }),
    practitioners: z
      .array(z.array(z.number().int().min(0)))
      .optional()
      .meta({
        description:
          'With `practitioners=true`: per time (same order), who is free, as indexes into `practitionerIds`',
      }),
  })
  .meta({ id: 'AvailabilityTimesDay' })
export type AvailabilityTimesDay = z.infer<typeof AvailabilityTimesDay>

export const AvailabilityTimes = z
  .object({
    serviceId: Id,
    timeZone: z.string(),
    durationMinutes: z
      .number()
      .int()
      .meta({ description: 'Each time ends this many minutes after it starts' }),
    practitionerIds: z
      .array(Id)
      .optional()
      .meta({ description: 'With `practitioners=true`: everyone free at some time in the range, by id' }),
    days: z.array(AvailabilityTimesDay),
  })
  .meta({ id: 'AvailabilityTimes' })
export type AvailabilityTimes = z.infer<typeof AvailabilityTimes>
