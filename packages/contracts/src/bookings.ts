// Holds and bookings: the slot a patient picks, the booking made from it, and the patient details it carries.
import * as z from 'zod'
import { Id, Instant, LocalDate, LocalTime } from './common.js'
import { MessagePreferences } from './messages.js'
import {
  DATE_OF_BIRTH_MIN,
  EMAIL_MAX,
  NAME_MAX,
  NAME_PATTERN,
  NOTES_MAX,
  PHONE_MAX,
  PHONE_MIN,
  PHONE_PATTERN,
} from './rules.js'

export const SlotChoice = z
  .object({
    serviceId: Id,
    practitionerId: Id.optional().meta({
      description: 'Leave out to let the clinic pick any free practitioner',
    }),
    locationId: Id.optional(),
    startsAt: Instant,
  })
  .strict()
export type SlotChoice = z.infer<typeof SlotChoice>

export const Hold = z
  .object({
    id: Id,
    serviceId: Id,
    practitionerId: Id,
    locationId: Id.nullable(),
    startsAt: Instant,
    endsAt: Instant,
    expiresAt: Instant,
  })
  .meta({ id: 'Hold' })
export type Hold = z.infer<typeof Hold>

export const HoldCreated = z
  .object({
    hold: Hold,
    visitToken: z.string().meta({ description: 'Acts on this hold and the booking made from it only' }),
  })
  .meta({ id: 'HoldCreated' })
export type HoldCreated = z.infer<typeof HoldCreated>

/** A person's name as patients and signers type it: the rules browsers check too (`@frontdesk/contracts/rules`). */
export const PersonName = z
  .string()
  .trim()
  .min(1, 'Enter a name')
  .max(NAME_MAX)
  .regex(NAME_PATTERN, 'Use letters, spaces, apostrophes and hyphens')
  // The spec's generator writes a regex with flags as `source/flags`, which no JSON Schema validator reads
  // as meant (every name would have to end in "/u"); patterns there are Unicode already.
  .meta({ pattern: NAME_PATTERN.source })

export const Phone = z
  .string()
  .trim()
  .min(PHONE_MIN, 'Enter a phone number')
  .max(PHONE_MAX)
  .regex(PHONE_PATTERN, 'Use digits, spaces and an optional leading +')

export const PatientDetails = z
  .object({
    name: PersonName,
    email: z.email('Enter an email address such as name@example.com').max(EMAIL_MAX).optional(),
    phone: Phone.optional(),
    dateOfBirth: LocalDate.refine((value) => value >= DATE_OF_BIRTH_MIN && Date.parse(value) <= Date.now(), {
      message: 'Enter a date of birth in the past',
    }),
  })
  .strict()
  .refine((patient) => patient.email !== undefined || patient.phone !== undefined, {
    message: 'Give an email address or a phone number',
    path: ['email'],
  })
export type PatientDetails = z.infer<typeof PatientDetails>

const BookingExtras = {
  patient: PatientDetails,
  notes: z
    .string()
    .trim()
    .max(NOTES_MAX)
    .optional()
    .meta({ description: 'What the patient tells the clinic' }),
  messages: MessagePreferences.optional().meta({
    description: 'The language and channels for confirmations and reminders',
  }),
  phoneRegion: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional()
    .meta({ description: 'ISO country used to read a phone number without +, e.g. DE' }),
}

/** Either `holdId` (booking the held slot, with its visit token) or a slot: `serviceId` and `startsAt`. */
export const CreateBooking = z
  .object({
    holdId: Id.optional(),
    serviceId: Id.optional(),
    practitionerId: SlotChoice.shape.practitionerId,
    locationId: Id.optional(),
    startsAt: Instant.optional(),
    ...BookingExtras,
  })
  .strict()
  .superRefine((booking, ctx) => {
    if (booking.holdId !== undefined) {
      for (const field of ['serviceId', 'practitionerId', 'locationId', 'startsAt'] as const) {
        if (booking[field] !== undefined) {
          ctx.addIssue({ code: 'custom', path: [field], message: 'Leave this out when booking a hold' })
        }
      }
      return
    }
    if (booking.serviceId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['serviceId'],
        message: 'Give serviceId and startsAt, or a holdId',
      })
    }
    if (booking.startsAt === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['startsAt'],
        message: 'Give serviceId and startsAt, or a holdId',
      })
    }
  })
export type CreateBooking = z.infer<typeof CreateBooking>

export const BookingStatus = z.enum(['confirmed', 'cancelled'])
export type BookingStatus = z.infer<typeof BookingStatus>

export const Booking = z
  .object({
    id: Id,
    status: BookingStatus,
    serviceId: Id,
    practitionerId: Id,
    locationId: Id.nullable(),
    startsAt: Instant,
    endsAt: Instant,
    localDate: LocalDate,
    localTime: LocalTime,
    timeZone: z.string(),
    createdAt: Instant,
    cancelledAt: Instant.nullable(),
  })
  .meta({ id: 'Booking' })
export type Booking = z.infer<typeof Booking>

export const BookingCreated = z
  .object({
    booking: Booking,
    visitToken: z.string(),
    manageToken: z.string().meta({ description: 'For the patient only: cancel or reschedule this booking' }),
  })
  .meta({ id: 'BookingCreated' })
export type BookingCreated = z.infer<typeof BookingCreated>

export const Patient = z
  .object({
    id: Id,
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable().meta({ description: 'E.164' }),
    dateOfBirth: LocalDate.nullable().meta({ description: 'Null once the patient is erased' }),
  })
  .meta({ id: 'Patient' })
export type Patient = z.infer<typeof Patient>

/** A booking as the clinic's own systems see it, patient included. */
export const BookingRecord = Booking.extend({
  patient: Patient,
  notes: z.string().nullable(),
  cancelReason: z.string().nullable(),
}).meta({ id: 'BookingRecord' })
export type BookingRecord = z.infer<typeof BookingRecord>

export const CancelBooking = z.object({ reason: z.string().trim().max(500).optional() }).strict()
export type CancelBooking = z.infer<typeof CancelBooking>

export const RescheduleBooking = z
  .object({
    startsAt: Instant,
    practitionerId: Id.optional().meta({ description: 'Defaults to the booked practitioner' }),
  })
  .strict()
export type RescheduleBooking = z.infer<typeof RescheduleBooking>

export const BookingListQuery = z.object({
  from: Instant.optional(),
  to: Instant.optional(),
  status: BookingStatus.optional(),
  practitionerId: Id.optional(),
  patientId: Id.optional().meta({ description: "One patient's bookings: the console's patient page" }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
})
export type BookingListQuery = z.infer<typeof BookingListQuery>
