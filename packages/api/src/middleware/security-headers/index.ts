// Security headers on every answer (JSON, errors, scripts, pages), from one place: Hono's secure-headers
// with Frontdesk's one Content-Security-Policy. Routes set none of these themselves, except to differ on
// purpose: the widgets' script is loadable from any site (Cross-Origin-Resource-Policy: cross-origin)
// and an intake file is sandboxed; the handler's header is kept then. Isolated mode's frame page sets its
// own policy, whose frame-ancestors names the clinic's origins, and goes without X-Frame-Options.
import { randomBytes } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'

export interface SecurityHeadersOptions {
  /**
   * This API as browsers reach it (FRONTDESK_PUBLIC_URL): Strict-Transport-Security is sent only when it
   * is https, so a development server on http://localhost never pins a browser to https.
   */
  publicUrl?: string | undefined
}

/**
 * The policy of every page (the API reference, the staff console, the patient's pages) and of every
 * other answer: scripts, styles, calls and images from this origin only; no inline script and no eval
 * anywhere; an inline `<style>` only with its answer's nonce (the reference page has one: see
 * `withStyleNonce`); no plugin, no `<base>`, no native form post (a password never ends up in a URL) and
 * no frame may hold a page.
 */
export const PAGE_CSP = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  connectSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
} as const

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)

/** A Content-Security-Policy header value from directives written as PAGE_CSP is. */
export function cspValue(directives: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${kebab(name)} ${sources.join(' ')}`)
    .join('; ')
}

/**
 * A page with an inline `<style>`: a fresh nonce for this answer, and the page's policy allowing styles
 * with it. The route sets the header itself; the middleware keeps a route's own policy.
 */
export function withStyleNonce(c: Context): string {
  const nonce = randomBytes(16).toString('base64')
  c.header(
    'Content-Security-Policy',
    cspValue({ ...PAGE_CSP, styleSrc: [...PAGE_CSP.styleSrc, `'nonce-${nonce}'`] }),
  )
  return nonce
}

/**
 * The same headers on every answer, worked out once: only the ones a route did not set itself are added
 * (a route differs on purpose, as the widgets' script and an intake file do).
 */
function answerHeaders(publicUrl: string | undefined): [string, string][] {
  const headers: [string, string][] = [
    ['Content-Security-Policy', cspValue(PAGE_CSP)],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    // Same-origin unless a route says otherwise (the widgets' script). A clinic page's fetch() of the JSON
    // routes is a CORS request, which this header does not govern: CORS does.
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['Origin-Agent-Cluster', '?1'],
    // Links in patients' messages carry tokens (in the fragment, but a path may be enough to tell):
    // no page of this API tells another site where the browser came from.
    ['Referrer-Policy', 'no-referrer'],
    ['X-Content-Type-Options', 'nosniff'],
    ['X-DNS-Prefetch-Control', 'off'],
    ['X-Download-Options', 'noopen'],
    ['X-Frame-Options', 'DENY'],
    ['X-Permitted-Cross-Domain-Policies', 'none'],
    ['X-XSS-Protection', '0'],
  ]
  if (isHttps(publicUrl)) headers.push(['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'])
  return headers
}

export function securityHeaders(options: SecurityHeadersOptions = {}): MiddlewareHandler {
  const headers = answerHeaders(options.publicUrl)
  return async function securityHeaders(c, next) {
    await next()
    const answer = c.res.headers
    for (const [name, value] of headers) if (!answer.has(name)) answer.set(name, value)
    // Isolated mode's frame names the clinic's origins in its own frame-ancestors; a DENY beside it would
    // contradict it (browsers let frame-ancestors win, but older ones and scanners read DENY).
    // Only a policy that names its ancestors loses DENY: one without frame-ancestors keeps it (fails closed).
    const policy = answer.get('Content-Security-Policy') ?? ''
    if (/(^|;)\s*frame-ancestors\s+(?!'none')/.test(policy)) answer.delete('X-Frame-Options')
  }
}

function isHttps(url: string | undefined): boolean {
  if (!url) return false
  try {
    return new URL(url).protocol === 'https:'
  } catch {
    return false
  }
}
