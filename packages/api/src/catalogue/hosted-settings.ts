// The clinic's hosted booking page in its settings: the slug that names the page, its look (accent colour,
// languages, logo) and the intake form that follows a booking there, read and changed with the clinic.
import type {
  Branding,
  ClinicSettings,
  HostedPageSettings,
  LOGO_TYPES,
  PageLanguage,
  UpdateClinic,
} from '@frontdesk/contracts'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.js'
import type { RequestScope } from '../env.js'
import { ApiError } from '../errors.js'
import { createApiKey } from '../keys/store.js'

export interface HostedSettings {
  slug: string | null
  branding: Branding
  hostedPage: HostedPageSettings
}

/** The page's address: under FRONTDESK_PUBLIC_URL when set (what patients reach), else where this request came. */
export function hostedBookingUrl(
  scope: Pick<RequestScope, 'messaging'>,
  origin: string,
  slug: string | null,
) {
  if (!slug) return null
  return new URL(`/c/${slug}`, scope.messaging?.publicUrl ?? origin).href
}

/** The logo's path: its version in the query, so a new upload is never hidden by a cached old one. */
export const logoPath = (slug: string, version: string) => `/c/${slug}/logo?v=${version}`

export async function readHostedSettings(db: Kysely<Database>, clinicId: string): Promise<HostedSettings> {
  const row = await db
    .selectFrom('clinics')
    .leftJoin('clinic_logos', 'clinic_logos.clinic_id', 'clinics.id')
    .select([
      'clinics.slug',
      'clinics.accent_color',
      'clinics.page_languages',
      'clinics.hosted_intake_form_id',
      'clinics.hosted_intake_form_minor_id',
      'clinic_logos.version as logo_version',
      'clinic_logos.content_type as logo_type',
      sql<number | null>`octet_length(clinic_logos.bytes)`.as('logo_bytes'),
    ])
    .where('clinics.id', '=', clinicId)
    .executeTakeFirstOrThrow()
  return {
    slug: row.slug,
    branding: {
      accentColor: row.accent_color,
      languages: row.page_languages as PageLanguage[],
      logo:
        row.logo_version && row.logo_type
          ? {
              contentType: row.logo_type as (typeof LOGO_TYPES)[number],
              bytes: Number(row.logo_bytes),
              url: row.slug ? logoPath(row.slug, row.logo_version) : null,
            }
          : null,
    },
    hostedPage: {
      intakeFormId: row.hosted_intake_form_id,
      intakeFormMinorId: row.hosted_intake_form_minor_id,
    },
  }
}

/** The columns an UpdateClinic changes of the hosted page, checked: a taken slug, another clinic's form. */
export async function hostedChanges(scope: RequestScope, input: UpdateClinic) {
  const changes: Partial<{
    slug: string | null
    accent_color: string | null
    page_languages: string[]
    hosted_intake_form_id: string | null
    hosted_intake_form_minor_id: string | null
  }> = {}
  if (input.slug !== undefined) {
    if (input.slug !== null) await assertSlugFree(scope, input.slug)
    changes.slug = input.slug
  }
  const { branding, hostedPage } = input
  if (branding?.accentColor !== undefined) changes.accent_color = branding.accentColor
  if (branding?.languages !== undefined) changes.page_languages = branding.languages
  for (const [field, column] of [
    ['intakeFormId', 'hosted_intake_form_id'],
    ['intakeFormMinorId', 'hosted_intake_form_minor_id'],
  ] as const) {
    const formId = hostedPage?.[field]
    if (formId === undefined) continue
    if (formId !== null) await assertOwnForm(scope, formId, `hostedPage.${field}`)
    changes[column] = formId
  }
  return changes
}

/**
 * On the system connection: the app connection sees this clinic's row only, so it would call every slug
 * free. The unique index still settles two clinics asking at once (see isSlugTaken).
 */
async function assertSlugFree(scope: RequestScope, slug: string) {
  const taken = await scope.system
    .selectFrom('clinics')
    .select('id')
    .where('slug', '=', slug)
    .where('id', '!=', scope.clinic.id)
    .executeTakeFirst()
  if (taken) throw slugTaken()
}

export const slugTaken = () =>
  new ApiError('SLUG_TAKEN', 'slug: another clinic already has this address; choose another slug')

/** The unique index on clinics.slug, hit by a clinic that took the slug between the check and the write. */
export function isSlugTaken(error: unknown): boolean {
  const { code, constraint } = (error ?? {}) as { code?: string; constraint?: string }
  return code === '23505' && (constraint === undefined || constraint.includes('slug'))
}

async function assertOwnForm(scope: RequestScope, formId: string, path: string) {
  const form = await scope.db
    .selectFrom('intake_forms')
    .select('id')
    .where('clinic_id', '=', scope.clinic.id)
    .where('id', '=', formId)
    .executeTakeFirst()
  if (form) return
  throw new ApiError('VALIDATION_FAILED', `${path}: no such intake form in this clinic`, {
    issues: [{ path, message: 'No such intake form in this clinic' }],
  })
}

/**
 * The key the hosted page books with: the clinic's newest live publishable key that works now. Opening the
 * page (setting a slug) issues one when there is none, so a clinic never has to make a key for its link.
 */
export async function hostedPageKey(
  db: Kysely<Database>,
  clinicId: string,
  now: Date,
): Promise<string | null> {
  const row = await db
    .selectFrom('api_keys')
    .select('hint')
    .where('clinic_id', '=', clinicId)
    .where('kind', '=', 'publishable')
    .where('mode', '=', 'live')
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  // A publishable key's hint is the whole key: it is public by design (keys/store.ts).
  return row?.hint ?? null
}

export async function ensureHostedPageKey(db: Kysely<Database>, clinicId: string, now: Date) {
  if (await hostedPageKey(db, clinicId, now)) return
  await createApiKey(db, clinicId, { kind: 'publishable', mode: 'live', label: 'Hosted booking page' })
}

export function withHosted(
  settings: Omit<ClinicSettings, keyof HostedSettings | 'hostedBookingUrl'>,
  hosted: HostedSettings,
  url: string | null,
): ClinicSettings {
  return { ...settings, ...hosted, hostedBookingUrl: url }
}
