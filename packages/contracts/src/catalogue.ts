// The public catalogue a clinic offers (clinic, locations, practitioners, services) and its admin inputs.
import * as z from 'zod'
import { Id, LocalDate, LocalTime, Minutes, TimeZone } from './common.js'
import { MessageChannel } from './messages.js'

export const BookingPolicy = z.object({
  holdMinutes: z.number().int().min(1).max(60),
  cancellationNoticeMinutes: Minutes.meta({
    description: 'Patients may cancel or reschedule with a manage token until this long before the start',
  }),
  intakeDraftIdleDays: z.number().int().min(1).max(90).meta({
    description: 'An intake draft nobody saves for this many days expires, with its resume token',
  }),
})
export type BookingPolicy = z.infer<typeof BookingPolicy>

export const Clinic = z
  .object({
    id: Id,
    name: z.string(),
    timeZone: TimeZone,
    policy: BookingPolicy,
    messageChannels: z.array(MessageChannel).meta({
      description: 'The channels confirmations and reminders go on; a patient picks among them when booking',
    }),
  })
  .meta({ id: 'Clinic' })
export type Clinic = z.infer<typeof Clinic>

/** A deployment's region: a short lowercase code such as `eu`, `us`, `in` or `eu-central`. */
export const Region = z
  .string()
  .max(32)
  .regex(/^[a-z]{2}(-[a-z0-9]+)*$/, 'A region is a short lowercase code such as eu, us, in or eu-central')
export type Region = z.infer<typeof Region>

export const ClinicSettings = Clinic.extend({
  allowedOrigins: z.array(z.url()),
  region: Region.nullable().meta({
    description:
      "The region whose deployment holds the clinic's data, set when the clinic is created and never changed here; null for a clinic made without one",
  }),
}).meta({ id: 'ClinicSettings' })
export type ClinicSettings = z.infer<typeof ClinicSettings>

const Origin = z
  .url()
  .refine(
    (value) => new URL(value).origin === value.replace(/\/$/, ''),
    'An origin is scheme://host[:port] only',
  )
  .transform((value) => new URL(value).origin)

export const UpdateClinic = z
  .object({
    name: z.string().trim().min(1).max(200),
    timeZone: TimeZone,
    policy: BookingPolicy.partial(),
    allowedOrigins: z.array(Origin).max(50),
  })
  .partial()
  .strict()
export type UpdateClinic = z.infer<typeof UpdateClinic>

export const Location = z
  .object({
    id: Id,
    name: z.string(),
    address: z.string().nullable(),
  })
  .meta({ id: 'Location' })
export type Location = z.infer<typeof Location>

export const CreateLocation = z
  .object({
    name: z.string().trim().min(1).max(200),
    address: z.string().trim().max(500).nullable().default(null),
  })
  .strict()
export const UpdateLocation = CreateLocation.partial().strict()

export const Practitioner = z
  .object({
    id: Id,
    name: z.string(),
    title: z.string().nullable(),
    serviceIds: z.array(Id),
    active: z.boolean(),
  })
  .meta({ id: 'Practitioner' })
export type Practitioner = z.infer<typeof Practitioner>

export const CreatePractitioner = z
  .object({
    name: z.string().trim().min(1).max(200),
    title: z.string().trim().max(200).nullable().default(null),
    serviceIds: z.array(Id).max(200).default([]),
    active: z.boolean().default(true),
  })
  .strict()
export const UpdatePractitioner = z
  .object({
    name: z.string().trim().min(1).max(200),
    title: z.string().trim().max(200).nullable(),
    serviceIds: z.array(Id).max(200),
    active: z.boolean(),
  })
  .partial()
  .strict()

/** Consent documents the patient is asked for after booking the service (or filling the form). */
export const ConsentDocumentIds = z
  .array(Id)
  .max(20)
  .refine((ids) => new Set(ids).size === ids.length, 'Each document once')
  .meta({ description: 'Consent documents asked for, in this order, after it' })

const ServiceFields = {
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).nullable(),
  durationMinutes: z
    .number()
    .int()
    .min(5)
    .max(12 * 60),
  bufferBeforeMinutes: z.number().int().min(0).max(240),
  bufferAfterMinutes: z.number().int().min(0).max(240),
  minNoticeMinutes: Minutes,
  bookingWindowDays: z.number().int().min(1).max(730),
  slotIntervalMinutes: z
    .number()
    .int()
    .min(5)
    .max(12 * 60),
  active: z.boolean(),
  consentDocumentIds: ConsentDocumentIds,
}

export const Service = z
  .object({ id: Id, ...ServiceFields, name: z.string(), description: z.string().nullable() })
  .meta({ id: 'Service' })
export type Service = z.infer<typeof Service>

export const CreateService = z
  .object({
    ...ServiceFields,
    description: ServiceFields.description.default(null),
    bufferBeforeMinutes: ServiceFields.bufferBeforeMinutes.default(0),
    bufferAfterMinutes: ServiceFields.bufferAfterMinutes.default(0),
    minNoticeMinutes: ServiceFields.minNoticeMinutes.default(120),
    bookingWindowDays: ServiceFields.bookingWindowDays.default(60),
    slotIntervalMinutes: ServiceFields.slotIntervalMinutes.default(15),
    active: ServiceFields.active.default(true),
    consentDocumentIds: ServiceFields.consentDocumentIds.default([]),
  })
  .strict()
export type CreateService = z.infer<typeof CreateService>
export const UpdateService = z.object(ServiceFields).partial().strict()

const Window = z
  .object({ start: LocalTime, end: LocalTime, locationId: Id.nullable().default(null) })
  .refine((window) => window.end > window.start, { message: 'end must be after start', path: ['end'] })

export const WeeklyHours = z
  .object({
    weekday: z.number().int().min(1).max(7).meta({ description: 'ISO weekday, 1 = Monday' }),
    start: LocalTime,
    end: LocalTime,
    locationId: Id.nullable(),
  })
  .meta({ id: 'WeeklyHours' })
export type WeeklyHours = z.infer<typeof WeeklyHours>

export const SetWeeklyHours = z
  .object({
    hours: z
      .array(
        z
          .object({
            weekday: z.number().int().min(1).max(7),
            start: LocalTime,
            end: LocalTime,
            locationId: Id.nullable().default(null),
          })
          .refine((row) => row.end > row.start, { message: 'end must be after start', path: ['end'] }),
      )
      .max(100),
  })
  .strict()

export const DateOverride = z
  .object({
    id: Id,
    practitionerId: Id,
    date: LocalDate,
    windows: z.array(z.object({ start: LocalTime, end: LocalTime, locationId: Id.nullable() })),
  })
  .meta({ id: 'DateOverride' })
export type DateOverride = z.infer<typeof DateOverride>

export const CreateDateOverride = z
  .object({
    date: LocalDate,
    windows: z
      .array(Window)
      .max(10)
      .meta({ description: 'Working hours that replace the weekly hours; [] closes the day' }),
  })
  .strict()

export const TimeOff = z
  .object({
    id: Id,
    practitionerId: Id.nullable().meta({ description: 'null when the whole clinic is closed' }),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'TimeOff' })
export type TimeOff = z.infer<typeof TimeOff>

export const CreateTimeOff = z
  .object({
    practitionerId: Id.nullable().default(null),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    reason: z.string().trim().max(200).nullable().default(null),
  })
  .strict()
  .refine((row) => Date.parse(row.endsAt) > Date.parse(row.startsAt), {
    message: 'endsAt must be after startsAt',
    path: ['endsAt'],
  })
