// Primitive wire types shared by every resource: ids, instants, local dates and times, lists.
import * as z from 'zod'

export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z]+_[A-Za-z0-9]+$/, 'Not a Frontdesk id')

/** An instant on the wire: ISO 8601 with an offset, always answered in UTC (`Z`). */
export const Instant = z.iso.datetime({ offset: true })

/** A calendar date in the clinic's time zone. */
export const LocalDate = z.iso.date()

/** A wall-clock time `HH:MM` in the clinic's time zone; `24:00` closes a day. */
export const LocalTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'Use HH:MM, 00:00 to 24:00')

export const TimeZone = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone })
      return true
    } catch {
      return false
    }
  },
  { message: 'Not an IANA time zone such as Europe/Berlin' },
)

export const Minutes = z
  .number()
  .int()
  .min(0)
  .max(60 * 24 * 366)

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    nextCursor: z.string().nullable(),
  })
}

/** A list the API answers whole, unpaged (a practitioner's hours, the clinic's time off). */
export function dataOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item) })
}

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
})
