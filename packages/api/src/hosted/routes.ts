// The hosted booking page per clinic (`/c/<slug>`) and what it loads from this origin: its stylesheet, the
// clinic's theme and logo, and the QR code of its address. Public routes: the slug names the clinic on the
// system connection (as a key does), and what is read after runs in that clinic's scope.
import { readFile } from 'node:fs/promises'
import { endpoints, type PageLanguage, Slug } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import QRCode from 'qrcode'
import { hostedPageKey } from '../catalogue/hosted-settings.js'
import { withClinic } from '../db/tenant-scope.js'
import type { AppEnv } from '../env.js'
import { ApiError } from '../errors.js'
import { serve } from '../routes/define.js'
import { assetsDir } from '../routes/patient-pages.js'
import { type HostedClinic, renderHostedPage, renderNotFoundPage, renderTheme } from './page.js'
import { pickLanguage } from './texts.js'

/** Short: a clinic's change of name, colour or key shows within a minute; `?v=` changes with the colour. */
const PAGE_CACHE = 'public, max-age=60'

export function hostedPageRoutes() {
  const app = new OpenAPIHono<AppEnv>()
  let styles: Promise<string> | undefined

  serve(app, endpoints.getHostedPageStyles, async (c) => {
    styles ??= readFile(`${assetsDir}hosted-page/page.css`, 'utf8')
    return c.body(await styles, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'no-cache',
    })
  })

  serve(app, endpoints.getHostedBookingPage, async (c) => {
    const clinic = await clinicBySlug(c)
    if (!clinic) {
      const language = pickLanguage(['en', 'de'], c.req.query('lang'), c.req.header('Accept-Language'))
      return c.html(renderNotFoundPage(language), 404, { 'Cache-Control': 'no-cache' })
    }
    // One address per page: `/c/Demo` is sent on to `/c/demo` (slugs are stored in lower case).
    if (c.req.param('slug') !== clinic.slug) {
      const search = new URL(c.req.url).search
      return c.redirect(`/c/${clinic.slug}${search}`, 301)
    }
    const language = pickLanguage(clinic.languages, c.req.query('lang'), c.req.header('Accept-Language'))
    const { db, now } = c.get('deps')
    const key = await withClinic(clinic.id, () => hostedPageKey(db, clinic.id, new Date(now())))
    return c.html(renderHostedPage(clinic, language, key, publicOrigin(c)), 200, {
      'Cache-Control': PAGE_CACHE,
      // The language follows Accept-Language when the link names none.
      Vary: 'Accept-Language',
      'Content-Language': language,
    })
  })

  serve(app, endpoints.getHostedPageTheme, async (c) => {
    const clinic = await knownClinic(c)
    return c.body(renderTheme(clinic.accentColor), 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': PAGE_CACHE,
    })
  })

  serve(app, endpoints.getHostedPageLogo, async (c) => {
    const clinic = await knownClinic(c)
    const { db } = c.get('deps')
    const logo = await withClinic(clinic.id, () =>
      db
        .selectFrom('clinic_logos')
        .select(['content_type', 'bytes', 'version'])
        .where('clinic_id', '=', clinic.id)
        .executeTakeFirst(),
    )
    if (!logo) throw new ApiError('NOT_FOUND', 'This clinic has no logo')
    const immutable = c.req.query('v') === logo.version
    return c.body(new Uint8Array(logo.bytes), 200, {
      'Content-Type': logo.content_type,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : PAGE_CACHE,
    })
  })

  serve(app, endpoints.getHostedBookingQrCode, async (c) => {
    const clinic = await knownClinic(c)
    const url = new URL(`/c/${clinic.slug}`, publicOrigin(c)).href
    // Medium error correction survives a smudged print; the quiet zone is part of the image.
    const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 })
    return c.body(svg, 200, {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Cache-Control': PAGE_CACHE,
      // Clinics put the code on their own sites and flyers' print tools.
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Content-Disposition': `inline; filename="${clinic.slug}-booking-qr.svg"`,
    })
  })

  return app
}

/** This API as patients reach it: FRONTDESK_PUBLIC_URL behind a proxy, else the address this request reached. */
function publicOrigin(c: Context<AppEnv>): string {
  const publicUrl = c.get('deps').messaging?.publicUrl
  return new URL(publicUrl ?? c.req.url).origin
}

async function knownClinic(c: Context<AppEnv>): Promise<HostedClinic> {
  const clinic = await clinicBySlug(c)
  if (!clinic) throw new ApiError('NOT_FOUND', 'No hosted page has this address')
  return clinic
}

/** The clinic a slug names, on the system connection: no clinic is known before this. */
async function clinicBySlug(c: Context<AppEnv>): Promise<HostedClinic | null> {
  // What cannot be a slug names no clinic, and never reaches the database (a NUL there is an error, not a miss).
  const parsed = Slug.safeParse((c.req.param('slug') ?? '').toLowerCase())
  if (!parsed.success) return null
  const slug = parsed.data
  const row = await c
    .get('deps')
    .system.selectFrom('clinics')
    .leftJoin('clinic_logos', 'clinic_logos.clinic_id', 'clinics.id')
    .select([
      'clinics.id',
      'clinics.name',
      'clinics.slug',
      'clinics.accent_color',
      'clinics.page_languages',
      'clinics.hosted_intake_form_id',
      'clinics.hosted_intake_form_minor_id',
      'clinic_logos.version as logo_version',
    ])
    .where('clinics.slug', '=', slug)
    .executeTakeFirst()
  if (!row?.slug) return null
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    accentColor: row.accent_color,
    languages: row.page_languages as PageLanguage[],
    logoVersion: row.logo_version,
    intakeFormId: row.hosted_intake_form_id,
    intakeFormMinorId: row.hosted_intake_form_minor_id,
  }
}
