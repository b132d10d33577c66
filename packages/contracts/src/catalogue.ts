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

/**
 * The clinic's address on this API's hosted booking page, `/c/<slug>`: lowercase letters, digits and
 * hyphens, 3 to 63 characters, starting and ending with a letter or digit (a DNS label, so it reads well
 * in a link and on a flyer), unique across the deployment and none of the words the API keeps for itself.
 */
export const RESERVED_SLUGS = [
  'admin',
  'api',
  'app',
  'assets',
  'book',
  'booking',
  'c',
  'clinic',
  'clinics',
  'console',
  'docs',
  'frontdesk',
  'health',
  'help',
  'login',
  'logo',
  'new',
  'openapi',
  'qr',
  'settings',
  'static',
  'support',
  'theme',
  'v1',
  'www',
] as const

export const Slug = z
  .string()
  .min(3)
  .max(63)
  .regex(
    /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
    'A slug is lowercase letters, digits and hyphens, starting and ending with a letter or digit',
  )
  .refine((slug) => !(RESERVED_SLUGS as readonly string[]).includes(slug), 'This slug is reserved')
  .meta({ description: 'The hosted booking page is at `/c/<slug>`; unique across the deployment' })

/** The languages the hosted page (and the widgets in it) speak: the widgets' own locales. */
export const PAGE_LANGUAGES = ['en', 'de'] as const
export const PageLanguage = z.enum(PAGE_LANGUAGES)
export type PageLanguage = z.infer<typeof PageLanguage>

export const AccentColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'A colour is written #rrggbb')
  .transform((value) => value.toLowerCase())

/** The largest logo a clinic may upload: a header image, not a photo. */
export const MAX_LOGO_BYTES = 256 * 1024
export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const

export const Branding = z
  .object({
    accentColor: z.string().nullable().meta({
      description: "The hosted page's accent (`--frontdesk-accent`), `#rrggbb`; null for the default",
    }),
    languages: z.array(PageLanguage).meta({
      description: 'The languages the hosted page offers, the first being the default',
    }),
    logo: z
      .object({
        contentType: z.enum(LOGO_TYPES),
        bytes: z.number().int(),
        url: z.string().nullable().meta({
          description:
            'Where the hosted page loads it from this API (`/c/<slug>/logo?v=…`); null without a slug',
        }),
      })
      .nullable()
      .meta({ description: 'The uploaded logo (PUT /v1/clinic/logo); null without one' }),
  })
  .meta({ id: 'Branding' })
export type Branding = z.infer<typeof Branding>

export const HostedPageSettings = z
  .object({
    intakeFormId: Id.nullable().meta({ description: 'The intake form that follows a booking on the page' }),
    intakeFormMinorId: Id.nullable().meta({ description: 'The form for a patient under 18, when different' }),
  })
  .meta({ id: 'HostedPageSettings' })
export type HostedPageSettings = z.infer<typeof HostedPageSettings>

export const ClinicSettings = Clinic.extend({
  allowedOrigins: z.array(z.url()),
  slug: z.string().nullable().meta({ description: 'Where the hosted booking page is: `/c/<slug>`' }),
  hostedBookingUrl: z.url().nullable().meta({
    description:
      'The hosted booking page, to link to or print as a QR code (`/c/<slug>/qr.svg`); null without a slug',
  }),
  branding: Branding,
  hostedPage: HostedPageSettings,
  region: Region.nullable().meta({
    description:
      "The region whose deployment holds the clinic's data, set when the clinic is created and never changed here; null for a clinic made without one",
  }),
}).meta({ id: 'ClinicSettings' })
export type ClinicSettings = z.infer<typeof ClinicSettings>

const Origin = z
  .url()
  .refine(
    // zod runs this even when `.url()` has refused the value: an unparsable one is refused here, not thrown.
    (value) => URL.canParse(value) && new URL(value).origin === value.replace(/\/$/, ''),
    'An origin is scheme://host[:port] only',
  )
  .transform((value) => new URL(value).origin)

export const UpdateClinic = z
  .object({
    name: z.string().trim().min(1).max(200),
    // Stored by its canonical IANA name (`europe/berlin` becomes `Europe/Berlin`), as choosers list it.
    timeZone: TimeZone.transform(
      (zone) => new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone,
    ),
    policy: BookingPolicy.partial(),
    allowedOrigins: z.array(Origin).max(50),
    slug: Slug.nullable(),
    branding: z
      .object({
        accentColor: AccentColor.nullable(),
        languages: z
          .array(PageLanguage)
          .min(1)
          .max(PAGE_LANGUAGES.length)
          .refine((languages) => new Set(languages).size === languages.length, 'Each language once'),
      })
      .partial()
      .strict(),
    hostedPage: z
      .object({ intakeFormId: Id.nullable(), intakeFormMinorId: Id.nullable() })
      .partial()
      .strict(),
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
    staffUserId: z.string().nullable().optional().meta({
      description:
        "The staff account (a practitioner member's user id) that is this practitioner: that member sees this calendar. Shown to the clinic's own side only (secret key, staff); null when no account is linked",
    }),
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
/** A better-auth user id: URL-safe characters, as better-auth makes them. */
export const StaffUserId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'Not a staff account id')

export const LinkPractitionerAccount = z
  .object({
    userId: StaffUserId.nullable().meta({
      description:
        'A practitioner member of this clinic (their user id, as the members list shows it); null unlinks. An account linked to another practitioner moves to this one',
    }),
  })
  .strict()
  .meta({ id: 'LinkPractitionerAccount' })
export type LinkPractitionerAccount = z.infer<typeof LinkPractitionerAccount>

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
