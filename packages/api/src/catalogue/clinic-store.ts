// The clinic row: created with its staff organization (by the CLI, the seed and the tests), its settings
// changed by the clinic, and shown on the wire.
import type { Clinic, ClinicSettings, UpdateClinic } from '@frontdesk/contracts'
import type { Kysely } from 'kysely'
import { audit } from '../audit/trail.js'
import type { Database } from '../db/schema.js'
import type { ClinicContext, RequestScope } from '../env.js'
import { newId } from '../tokens.js'
import {
  ensureHostedPageKey,
  hostedBookingUrl,
  hostedChanges,
  isSlugTaken,
  readHostedSettings,
  slugTaken,
  withHosted,
} from './hosted-settings.js'
import { newClinicRegion } from './region.js'

export interface CreateClinicInput {
  name: string
  timeZone: string
  slug?: string
  allowedOrigins?: string[]
  holdMinutes?: number
  cancellationNoticeMinutes?: number
  /** The region whose deployment holds the clinic; the deployment's own when left out. */
  region?: string
}

export interface CreateClinicOptions {
  /** FRONTDESK_REGION: tags the clinic unless it names its region, and refuses any other region. */
  deploymentRegion?: string | null
}

export async function createClinic(
  db: Kysely<Database>,
  input: CreateClinicInput,
  options: CreateClinicOptions = {},
): Promise<{ id: string }> {
  // First, so a refused region writes nothing.
  const region = newClinicRegion(input.region, options.deploymentRegion ?? null)
  const id = newId('clinic')
  await db
    .insertInto('clinics')
    .values({
      id,
      name: input.name,
      slug: input.slug ?? null,
      time_zone: input.timeZone,
      allowed_origins: input.allowedOrigins ?? [],
      region,
      ...(input.holdMinutes !== undefined && { hold_minutes: input.holdMinutes }),
      ...(input.cancellationNoticeMinutes !== undefined && {
        cancellation_notice_minutes: input.cancellationNoticeMinutes,
      }),
    })
    .execute()
  // The clinic is also an organization for staff accounts (better-auth), under the same id.
  await db
    .insertInto('staff.organization')
    .values({ id, name: input.name, slug: id, logo: null, metadata: null, createdAt: new Date() })
    .execute()
  return { id }
}

export function toClinic(clinic: ClinicContext): Clinic {
  return {
    id: clinic.id,
    name: clinic.name,
    timeZone: clinic.timeZone,
    policy: {
      holdMinutes: clinic.holdMinutes,
      cancellationNoticeMinutes: clinic.cancellationNoticeMinutes,
      intakeDraftIdleDays: clinic.intakeDraftIdleDays,
    },
    messageChannels: clinic.messaging.channels,
  }
}

/** The settings, the hosted page's included; `origin` is where the request came, for the page's address. */
export async function clinicSettings(
  scope: RequestScope,
  origin: string,
  clinic: ClinicContext = scope.clinic,
): Promise<ClinicSettings> {
  const hosted = await readHostedSettings(scope.db, clinic.id)
  return withHosted(
    { ...toClinic(clinic), allowedOrigins: clinic.allowedOrigins, region: clinic.region },
    hosted,
    hostedBookingUrl(scope, origin, hosted.slug),
  )
}

/** The clinic's own settings changed; the principal cache drops the clinic once this commits. */
export async function updateClinic(
  scope: RequestScope,
  input: UpdateClinic,
  origin: string,
): Promise<ClinicSettings> {
  const { clinic } = scope
  const hosted = await hostedChanges(scope, input)
  const next = {
    ...clinic,
    ...(input.name !== undefined && { name: input.name }),
    ...(input.timeZone !== undefined && { timeZone: input.timeZone }),
    ...(input.allowedOrigins !== undefined && { allowedOrigins: [...new Set(input.allowedOrigins)] }),
    holdMinutes: input.policy?.holdMinutes ?? clinic.holdMinutes,
    cancellationNoticeMinutes: input.policy?.cancellationNoticeMinutes ?? clinic.cancellationNoticeMinutes,
    intakeDraftIdleDays: input.policy?.intakeDraftIdleDays ?? clinic.intakeDraftIdleDays,
  }
  await scope.db
    .updateTable('clinics')
    .set({
      name: next.name,
      time_zone: next.timeZone,
      allowed_origins: next.allowedOrigins,
      hold_minutes: next.holdMinutes,
      cancellation_notice_minutes: next.cancellationNoticeMinutes,
      intake_draft_idle_days: next.intakeDraftIdleDays,
      ...hosted,
    })
    .where('id', '=', clinic.id)
    .execute()
    .catch((error: unknown) => {
      throw isSlugTaken(error) ? slugTaken() : error
    })
  // A page that opens has a key to book with.
  if (hosted.slug) await ensureHostedPageKey(scope.db, clinic.id, new Date(scope.now()))
  await audit(scope.db, scope, [{ action: 'clinic.update', objectType: 'clinic', objectId: clinic.id }])
  return clinicSettings(scope, origin, next)
}
