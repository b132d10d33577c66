// Resolves the one principal of a request and its clinic, and answers CORS for that clinic's origins.
import { type Permission, roleAllows } from '@frontdesk/contracts/staff'
import type { MiddlewareHandler } from 'hono'
import { withClinic } from '../../db/tenant-scope.js'
import type { AppEnv, Principal, PrincipalKind } from '../../env.js'
import { ApiError } from '../../errors.js'
import { requestScope } from '../../request-scope.js'
import { hashToken } from '../../tokens.js'
import type { PrincipalCache, ResolvedPrincipal } from './cache.js'
import { clinicColumns, toClinic } from './clinic-row.js'
import { isOwnOrigin, isSameOriginPage } from './own-origin.js'
import { resolveStaffSession } from './staff-session.js'

export interface PrincipalOptions {
  /** Paths served without a principal (health, docs, the widget bundle). */
  isPublic?: (path: string) => boolean
  /** How long a visit token lives after its hold was made. */
  visitTokenTtlMs?: number
  /** Remembers API keys while the database's change notices flow; without it every request looks up. */
  cache?: PrincipalCache | undefined
}

/** How long a visit token works after its hold was made, unless the app is told otherwise. */
export const VISIT_TOKEN_TTL_MS = 24 * 60 * 60 * 1000

const CORS_ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key, X-Request-Id'
const CORS_EXPOSE_HEADERS = 'X-Request-Id, Retry-After, Idempotent-Replayed'
const TOKEN_SHAPE = /^(pk_test|pk_live|sk_test|sk_live|vt|mt|rt|ct)_[A-Za-z0-9_-]{20,80}$/

export function principal(options: PrincipalOptions = {}): MiddlewareHandler<AppEnv> {
  const { isPublic = () => false, visitTokenTtlMs = VISIT_TOKEN_TTL_MS, cache } = options

  return async function resolvePrincipal(c, next) {
    const origin = c.req.header('Origin')

    // A preflight carries no credentials, so it cannot name a clinic: it says which headers and
    // methods exist and nothing else. The real request is then checked against the clinic's origins.
    if (c.req.method === 'OPTIONS') {
      if (!origin) return c.body(null, 204)
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE',
        'Access-Control-Allow-Headers': CORS_ALLOW_HEADERS,
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      })
    }
    if (isPublic(c.req.path)) return next()

    // Failures below still let the calling page read the error, so a widget can explain it.
    const allowOriginForError = () => {
      if (origin) {
        c.header('Access-Control-Allow-Origin', origin)
        c.header('Access-Control-Expose-Headers', CORS_EXPOSE_HEADERS)
        c.header('Vary', 'Origin')
      }
    }

    /** A bearer key or token, with the origin rules of its kind. */
    async function resolveToken(token: string | null): Promise<ResolvedPrincipal> {
      if (!token) {
        allowOriginForError()
        throw new ApiError('UNAUTHENTICATED', 'Send a key or token as "Authorization: Bearer <token>"')
      }
      // c.get, not c.var, on hot paths: c.var builds a fresh object of every variable on each access.
      const resolved = await resolve(c.get('deps'), token, visitTokenTtlMs, cache)
      if (!resolved) {
        allowOriginForError()
        throw new ApiError('UNAUTHENTICATED', 'This key or token is not valid, revoked or expired')
      }
      const { principal, clinic } = resolved

      // A page of this origin sends no Origin on a GET; Sec-Fetch-Site still says it is a page.
      const sameOriginPage = isSameOriginPage(c, origin)
      if (principal.kind === 'secret' && (origin || sameOriginPage)) {
        throw new ApiError('FORBIDDEN', 'Secret keys are for servers; a browser must use a publishable key')
      }
      // The clinic's own pages, and this API's hosted pages and isolated-mode frames, which serve every clinic.
      const originAllowed =
        sameOriginPage ||
        (origin !== undefined && (clinic.allowedOrigins.includes(origin) || isOwnOrigin(c, origin)))
      if (principal.kind === 'publishable' && !originAllowed) {
        allowOriginForError()
        throw new ApiError(
          'ORIGIN_NOT_ALLOWED',
          origin
            ? "This publishable key may not be used from this origin; add it to the clinic's allowed origins"
            : "A publishable key works only from a web page on one of the clinic's allowed origins",
        )
      }
      if (originAllowed && origin !== undefined) {
        c.header('Access-Control-Allow-Origin', origin)
        c.header('Access-Control-Expose-Headers', CORS_EXPOSE_HEADERS)
        c.header('Vary', 'Origin')
      }
      return resolved
    }

    const token = bearerToken(c.req.header('Authorization'))
    // No Authorization at all: a staff member's session cookie, from the console on this API's own origin
    // (resolveStaffSession enforces that for changes; the console needs no CORS headers).
    const staff =
      !token && c.req.header('Authorization') === undefined && c.get('deps').staff
        ? await resolveStaffSession(c)
        : null
    const resolved = staff ?? (await resolveToken(token))
    const { principal, clinic } = resolved

    c.set('principal', principal)
    c.set('clinic', clinic)
    c.set(
      'scope',
      requestScope(c.get('deps'), principal, clinic, {
        requestId: c.get('requestId'),
        clientIp: c.get('clientIp'),
        idempotencyKey: c.req.header('Idempotency-Key'),
      }),
    )
    // From here on the app connection sees this clinic's rows only (row-level security, migration 0013).
    await withClinic(clinic.id, next)
    // This process hears its own change notices a moment later; its next request must not wait for them.
    if (c.get('clinicChanged')) cache?.forget(clinic.id)
  }
}

/** Lets a route through only for the principals it names, and staff only as far as their role allows; others get 403. */
export function allow(kinds: PrincipalKind[], permission?: Permission): MiddlewareHandler<AppEnv> {
  return async function allowPrincipals(c, next) {
    const principal = c.get('principal')
    if (!principal)
      throw new ApiError('UNAUTHENTICATED', 'Send a key or token as "Authorization: Bearer <token>"')
    const { kind } = principal
    if (!kinds.includes(kind)) {
      const noun =
        kind === 'staff'
          ? 'staff session'
          : kind === 'publishable' || kind === 'secret'
            ? `${kind} key`
            : `${kind} token`
      throw new ApiError('FORBIDDEN', `A ${noun} cannot do this`)
    }
    // Every admin route names a permission (routes/define.ts); a route only staff may call needs none.
    if (kind === 'staff' && permission && !roleAllows(principal.role, permission)) {
      throw new ApiError('FORBIDDEN', `The ${principal.role} role may not do this (it needs ${permission})`)
    }
    await next()
  }
}

/**
 * A visit token sent where no Authorization header can go (a page's beacon as it closes): its principal
 * and clinic, resolved exactly as the middleware resolves one from the header, or null.
 */
export async function resolveVisitToken(
  deps: AppEnv['Variables']['deps'],
  token: string,
): Promise<ResolvedPrincipal | null> {
  if (!token.startsWith('vt_')) return null
  return resolve(deps, token, VISIT_TOKEN_TTL_MS, undefined)
}

function bearerToken(header: string | undefined): string | null {
  if (!header) return null
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  return match?.[1] ?? null
}

/**
 * The clinic of a live publishable key, for a public route that checks the key itself: isolated mode's
 * frame page, which a browser loads as a document, without an Authorization header.
 */
export async function publishableKeyClinic(
  deps: AppEnv['Variables']['deps'],
  token: string,
): Promise<ResolvedPrincipal['clinic'] | null> {
  const resolved = await resolve(deps, token, 0, undefined)
  return resolved?.principal.kind === 'publishable' ? resolved.clinic : null
}

/** API keys come from the cache when it has them; visit and manage tokens, used a few times each, never do. */
async function resolve(
  deps: AppEnv['Variables']['deps'],
  token: string,
  visitTokenTtlMs: number,
  cache: PrincipalCache | undefined,
): Promise<ResolvedPrincipal | null> {
  if (!TOKEN_SHAPE.test(token)) return null
  const hash = hashToken(token)
  const isKey = token.startsWith('pk_') || token.startsWith('sk_')
  if (!cache || !isKey) return lookup(deps, token, hash, visitTokenTtlMs)
  const key = Buffer.from(hash).toString('base64')
  const cached = cache.get(key)
  if (cached) return cached
  const generation = cache.generation()
  const resolved = await lookup(deps, token, hash, visitTokenTtlMs)
  if (resolved) cache.remember(key, resolved, generation)
  return resolved
}

/** Runs before the clinic is known, so on the system connection; nothing else in a request may. */
async function lookup(
  deps: AppEnv['Variables']['deps'],
  token: string,
  hash: Uint8Array,
  visitTokenTtlMs: number,
): Promise<ResolvedPrincipal | null> {
  if (token.startsWith('pk_') || token.startsWith('sk_')) {
    const row = await deps.system
      .selectFrom('api_keys')
      .innerJoin('clinics', 'clinics.id', 'api_keys.clinic_id')
      .select(['api_keys.id', 'api_keys.kind', 'api_keys.mode', 'api_keys.expires_at', ...clinicColumns])
      .where('api_keys.token_hash', '=', hash)
      .where('api_keys.revoked_at', 'is', null)
      // A rolled key works until the end of its overlap window (deps.now, so tests can move time).
      .where((eb) =>
        eb.or([eb('api_keys.expires_at', 'is', null), eb('api_keys.expires_at', '>', new Date(deps.now()))]),
      )
      .executeTakeFirst()
    if (!row) return null
    // The prefix must agree with what was issued: a pk_ string never acts as a secret key.
    if ((row.kind === 'secret') !== token.startsWith('sk_')) return null
    return {
      principal: { kind: row.kind, id: row.id, mode: row.mode },
      clinic: toClinic(row),
      expiresAt: row.expires_at ? new Date(row.expires_at).getTime() : null,
    }
  }

  if (token.startsWith('rt_')) {
    // Only a live draft: submitting clears the hash, and an idle draft past its expiry is gone.
    const row = await deps.system
      .selectFrom('intake_responses')
      .innerJoin('clinics', 'clinics.id', 'intake_responses.clinic_id')
      .select(['intake_responses.id', ...clinicColumns])
      .where('intake_responses.resume_token_hash', '=', hash)
      .where('intake_responses.status', '=', 'draft')
      .where('intake_responses.expires_at', '>', new Date(deps.now()))
      .executeTakeFirst()
    if (!row) return null
    return { principal: { kind: 'resume', id: row.id, responseId: row.id }, clinic: toClinic(row) }
  }

  if (token.startsWith('ct_')) {
    const row = await deps.system
      .selectFrom('consent_records')
      .innerJoin('clinics', 'clinics.id', 'consent_records.clinic_id')
      .select(['consent_records.id', ...clinicColumns])
      .where('consent_records.receipt_token_hash', '=', hash)
      .executeTakeFirst()
    if (!row) return null
    return { principal: { kind: 'receipt', id: row.id, recordId: row.id }, clinic: toClinic(row) }
  }

  const column = token.startsWith('vt_') ? 'bookings.visit_token_hash' : 'bookings.manage_token_hash'
  let query = deps.system
    .selectFrom('bookings')
    .innerJoin('clinics', 'clinics.id', 'bookings.clinic_id')
    .select(['bookings.id', ...clinicColumns])
    .where(column, '=', hash)
  if (token.startsWith('vt_'))
    query = query.where('bookings.created_at', '>', new Date(deps.now() - visitTokenTtlMs))
  const row = await query.executeTakeFirst()
  if (!row) return null
  const principal: Principal = token.startsWith('vt_')
    ? { kind: 'visit', id: row.id, bookingId: row.id }
    : { kind: 'manage', id: row.id, bookingId: row.id }
  return { principal, clinic: toClinic(row) }
}
