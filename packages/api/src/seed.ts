// The demo clinic: two practitioners, three services and keys, created once however often `frontdesk seed` runs.

import {
  BOOKING_CONSENT_PURPOSES,
  CHILD_FORM,
  DEMO_CONSENT_DOCUMENTS,
  NEW_PATIENT_HISTORY,
  SERVICE_CONSENT_PURPOSES,
} from '@frontdesk/contracts/demo'
import type { Kysely } from 'kysely'
import { createApp } from './app.js'
import { createClinic } from './catalogue/clinic-store.js'
import { ensureHostedPageKey } from './catalogue/hosted-settings.js'
import type { FieldCipher } from './crypto/field-cipher.js'
import type { OpenedDatabase } from './db/database.js'
import type { Database } from './db/schema.js'
import { createApiKey } from './keys/store.js'
import { createLogger } from './logger.js'
import { seedDemoBookings } from './seed-bookings.js'
import { addStaffMember, newStaffPassword } from './staff/accounts.js'

export const DEMO_SLUG = 'demo'
const DEMO_TIME_ZONE = 'Europe/Berlin'
export const DEMO_OWNER_EMAIL = 'owner@lindenhof.example'
const NEW_PATIENT_FORM_NAME = 'New patient history'
const CHILD_FORM_NAME = "Child's first visit"

export interface SeedResult {
  created: boolean
  clinicId: string
  publishableKey: string
  /** Only when the clinic was created now: a secret key is shown once and stored as a hash. */
  secretKey: string | null
  /** The demo clinic's owner for the staff console; the password only when created now, like the secret key. */
  staff: { email: string; password: string | null }
  serviceIds: string[]
  practitionerIds: string[]
  locationId: string
  /** Where its publishable key works from: the pages (and, for curl, the API's own address) it allows. */
  allowedOrigins: string[]
  /** The demo clinic's hosted booking page (`/c/demo`), under `publicUrl`. */
  hostedBookingUrl: string
  /** The seeded intake forms: the new-patient history follows a booking on the demo site. */
  intakeForms: { newPatient: string; child: string }
  /** What the demo site's booking asks for beyond its services' own consents: email news. */
  bookingConsentDocuments: string[]
}

/** The demo practice's SMS and WhatsApp senders (Berlin numbers from the range reserved for fiction). */
export const DEMO_SMS_NUMBER = '+4930901820'
export const DEMO_WHATSAPP_NUMBER = '+4930901821'

export interface SeedOptions {
  allowedOrigins?: string[]
  /** The clinic site's intake page, which intake reminders link to; without it none are sent. */
  intakePageUrl?: string
  /** FRONTDESK_REGION: the demo clinic is tagged with it. */
  deploymentRegion?: string | null
  /** Where patients reach the API (FRONTDESK_PUBLIC_URL, else the local server): the hosted page's address. */
  publicUrl?: string
}

/** The demo's hosted page speaks both languages and wears the practice's green. */
const DEMO_BRANDING = { accentColor: '#0f6b5c', languages: ['en', 'de'] }

const demoPageUrl = (options: SeedOptions) =>
  new URL(`/c/${DEMO_SLUG}`, options.publicUrl ?? 'http://localhost:8787').href

export interface SeedDeps {
  db: OpenedDatabase['db']
  system: OpenedDatabase['system']
  /** Seals the sample patients' details, as the API that will serve them does. */
  cipher: FieldCipher
}

const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start, end }))

/** Clinic and keys through the system connection (no clinic exists yet); the rest through the API on the app one. */
export async function seedDemoClinic(opened: SeedDeps, options: SeedOptions = {}): Promise<SeedResult> {
  const db = opened.system
  const existing = await db
    .selectFrom('clinics')
    .select('id')
    .where('slug', '=', DEMO_SLUG)
    .executeTakeFirst()
  if (existing) {
    await ensureHostedPageKey(db, existing.id, new Date())
    return describeExisting(db, existing.id, demoPageUrl(options))
  }

  const allowedOrigins = options.allowedOrigins ?? ['http://localhost:8787', 'http://localhost:5173']
  // The slug is set last: a seed cut short leaves an unnamed clinic behind, never a half-made demo.
  const { id: clinicId } = await createClinic(
    db,
    {
      name: 'Lindenhof Family Practice',
      timeZone: DEMO_TIME_ZONE,
      allowedOrigins,
      holdMinutes: 10,
      cancellationNoticeMinutes: 24 * 60,
    },
    { deploymentRegion: options.deploymentRegion ?? null },
  )
  const publishable = await createApiKey(db, clinicId, { kind: 'publishable', label: 'Demo website' })
  const secret = await createApiKey(db, clinicId, { kind: 'secret', label: 'Demo server' })
  const ownerPassword = newStaffPassword()
  await addStaffMember(db, {
    clinicId,
    email: DEMO_OWNER_EMAIL,
    name: 'Dr. Lena Hofmann',
    password: ownerPassword,
    role: 'owner',
  })
  // The catalogue goes in through the API itself, so the demo data passes the same validation as a clinic's.
  const app = createApp({
    db: opened.db,
    system: opened.system,
    cipher: opened.cipher,
    logger: createLogger({ level: 'silent' }),
    now: () => Date.now(),
  })
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await app.request(path, {
      method,
      headers: { Authorization: `Bearer ${secret.token}`, 'Content-Type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    })
    if (!response.ok)
      throw new Error(`seed: ${method} ${path} answered ${response.status}: ${await response.text()}`)
    return (await response.json()) as { id: string }
  }
  // Every visit asks for consent to treatment and the privacy notice; the site adds email news.
  const documents = new Map<string, string>()
  for (const document of DEMO_CONSENT_DOCUMENTS) {
    documents.set(document.purpose, (await admin('POST', '/v1/consent/documents', document)).id)
  }
  const consentDocumentIds = SERVICE_CONSENT_PURPOSES.map((purpose) => documents.get(purpose)!)
  const location = await admin('POST', '/v1/locations', {
    name: 'Lindenhof Practice',
    address: 'Lindenstraße 12, 10969 Berlin',
  })
  const consultation = await admin('POST', '/v1/services', {
    name: 'General consultation',
    description: 'A visit with your family doctor for a new or ongoing concern.',
    durationMinutes: 20,
    bufferAfterMinutes: 5,
    minNoticeMinutes: 60,
    bookingWindowDays: 60,
    slotIntervalMinutes: 15,
    consentDocumentIds,
  })
  const physio = await admin('POST', '/v1/services', {
    name: 'Physiotherapy session',
    description: 'Assessment and treatment of back, joint and sports injuries.',
    durationMinutes: 45,
    bufferAfterMinutes: 15,
    minNoticeMinutes: 12 * 60,
    bookingWindowDays: 90,
    slotIntervalMinutes: 30,
    consentDocumentIds,
  })
  const vaccination = await admin('POST', '/v1/services', {
    name: 'Vaccination',
    description: 'Flu, travel and routine vaccinations.',
    durationMinutes: 10,
    minNoticeMinutes: 30,
    bookingWindowDays: 30,
    slotIntervalMinutes: 10,
    consentDocumentIds,
  })
  const doctor = await admin('POST', '/v1/practitioners', {
    name: 'Dr. Lena Hoffmann',
    title: 'General practitioner',
    serviceIds: [consultation.id, vaccination.id],
  })
  const therapist = await admin('POST', '/v1/practitioners', {
    name: 'Samuel Okafor',
    title: 'Physiotherapist',
    serviceIds: [physio.id, vaccination.id],
  })
  const at = (rows: { weekday: number; start: string; end: string }[]) =>
    rows.map((row) => ({ ...row, locationId: location.id }))
  await admin('PUT', `/v1/practitioners/${doctor.id}/hours`, {
    hours: at([...weekdays('08:00', '12:00'), ...weekdays('13:00', '17:00')]),
  })
  await admin('PUT', `/v1/practitioners/${therapist.id}/hours`, {
    hours: at([...weekdays('09:00', '18:00'), { weekday: 6, start: '09:00', end: '13:00' }]),
  })
  const newPatient = await admin('POST', '/v1/intake/forms', {
    name: NEW_PATIENT_FORM_NAME,
    definition: NEW_PATIENT_HISTORY,
  })
  const child = await admin('POST', '/v1/intake/forms', { name: CHILD_FORM_NAME, definition: CHILD_FORM })
  // The sample bookings are history to look at, not patients to message: made while the clinic sends on
  // no channel, and marked planned, so a planner running meanwhile writes them no messages.
  await admin('PATCH', '/v1/clinic/messaging', { channels: [] })
  await seedDemoBookings(admin, consultation.id, DEMO_TIME_ZONE)
  await db
    .updateTable('bookings')
    .set((eb) => ({ planned_revision: eb.ref('revision') }))
    .where('clinic_id', '=', clinicId)
    .execute()
  // Messages on every channel: email, and SMS and WhatsApp from the practice's (made-up) numbers.
  await admin('PATCH', '/v1/clinic/messaging', {
    channels: ['email', 'sms', 'whatsapp'],
    smsFrom: DEMO_SMS_NUMBER,
    whatsappFrom: DEMO_WHATSAPP_NUMBER,
    replyTo: 'praxis@lindenhof.example',
    reminderOffsetsMinutes: [24 * 60, 2 * 60],
    ...(options.intakePageUrl && { intakeNudgeMinutes: 2 * 24 * 60, intakePageUrl: options.intakePageUrl }),
  })
  // The hosted page: its look, and the new-patient history (the child's form for a minor) after a booking.
  await admin('PATCH', '/v1/clinic', {
    branding: DEMO_BRANDING,
    hostedPage: { intakeFormId: newPatient.id, intakeFormMinorId: child.id },
  })
  await db.updateTable('clinics').set({ slug: DEMO_SLUG }).where('id', '=', clinicId).execute()
  await ensureHostedPageKey(db, clinicId, new Date())
  return {
    created: true,
    hostedBookingUrl: demoPageUrl(options),
    clinicId,
    allowedOrigins,
    publishableKey: publishable.token,
    secretKey: secret.token,
    staff: { email: DEMO_OWNER_EMAIL, password: ownerPassword },
    serviceIds: [consultation.id, physio.id, vaccination.id],
    practitionerIds: [doctor.id, therapist.id],
    locationId: location.id,
    intakeForms: { newPatient: newPatient.id, child: child.id },
    bookingConsentDocuments: await bookingConsentDocuments(db, clinicId),
  }
}

async function describeExisting(
  db: Kysely<Database>,
  clinicId: string,
  hostedBookingUrl: string,
): Promise<SeedResult> {
  const [clinic, key, services, practitioners, location, forms] = await Promise.all([
    db.selectFrom('clinics').select('allowed_origins').where('id', '=', clinicId).executeTakeFirstOrThrow(),
    db
      .selectFrom('api_keys')
      .select('hint')
      .where('clinic_id', '=', clinicId)
      .where('kind', '=', 'publishable')
      // The demo site's key; the hosted page has its own live one.
      .where('mode', '=', 'test')
      .where('revoked_at', 'is', null)
      .orderBy('created_at')
      .executeTakeFirst(),
    db.selectFrom('services').select('id').where('clinic_id', '=', clinicId).orderBy('created_at').execute(),
    db
      .selectFrom('practitioners')
      .select('id')
      .where('clinic_id', '=', clinicId)
      .orderBy('created_at')
      .execute(),
    db.selectFrom('locations').select('id').where('clinic_id', '=', clinicId).executeTakeFirstOrThrow(),
    db
      .selectFrom('intake_forms')
      .select(['id', 'name'])
      .where('clinic_id', '=', clinicId)
      .orderBy('created_at')
      .execute(),
  ])
  const formNamed = (name: string) => forms.find((form) => form.name === name)?.id ?? ''
  let publishableKey = key?.hint
  if (!publishableKey) {
    publishableKey = (await createApiKey(db, clinicId, { kind: 'publishable', label: 'Demo website' })).token
  }
  return {
    created: false,
    hostedBookingUrl,
    clinicId,
    allowedOrigins: clinic.allowed_origins,
    publishableKey,
    secretKey: null,
    staff: { email: DEMO_OWNER_EMAIL, password: null },
    serviceIds: services.map((row) => row.id),
    practitionerIds: practitioners.map((row) => row.id),
    locationId: location.id,
    intakeForms: { newPatient: formNamed(NEW_PATIENT_FORM_NAME), child: formNamed(CHILD_FORM_NAME) },
    bookingConsentDocuments: await bookingConsentDocuments(db, clinicId),
  }
}

/** The first document of each purpose the site's booking asks for itself, in that order. */
async function bookingConsentDocuments(db: Kysely<Database>, clinicId: string): Promise<string[]> {
  const documents = await db
    .selectFrom('consent_documents')
    .select(['id', 'purpose'])
    .where('clinic_id', '=', clinicId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  return BOOKING_CONSENT_PURPOSES.flatMap(
    (purpose) => documents.find((document) => document.purpose === purpose)?.id ?? [],
  )
}
