// Security headers on every answer (JSON, errors, scripts, pages), from one place: Hono's secure-headers
// with Frontdesk's one Content-Security-Policy. Routes set none of these themselves, except to differ on
// purpose: the widgets' script is loadable from any site (Cross-Origin-Resource-Policy: cross-origin)
// and an intake file is sandboxed; the handler's header is kept then. Isolated mode's frame page sets its
// own policy, whose frame-ancestors names the clinic's origins, and goes without X-Frame-Options.
import type { MiddlewareHandler } from 'hono'
import { NONCE, secureHeaders } from 'hono/secure-headers'

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
 * anywhere; an inline `<style>` only with this answer's nonce (the reference page has one); no plugin,
 * no `<base>`, no native form post (a password never ends up in a URL) and no frame may hold a page.
 */
export const PAGE_CSP = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", NONCE],
  connectSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
}

export function securityHeaders(options: SecurityHeadersOptions = {}): MiddlewareHandler {
  const { publicUrl } = options
  const secure = secureHeaders({
    contentSecurityPolicy: PAGE_CSP,
    // Links in patients' messages carry tokens (in the fragment, but a path may be enough to tell):
    // no page of this API tells another site where the browser came from.
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    strictTransportSecurity: isHttps(publicUrl) ? 'max-age=31536000; includeSubDomains' : false,
    // Same-origin unless a route says otherwise (the widgets' script). A clinic page's fetch() of the JSON
    // routes is a CORS request, which this header does not govern: CORS does.
    crossOriginResourcePolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
    overwrite: false,
  })
  return async function securityHeaders(c, next) {
    await secure(c, next)
    // Isolated mode's frame names the clinic's origins in its own frame-ancestors; a DENY beside it would
    // contradict it (browsers let frame-ancestors win, but older ones and scanners read DENY).
    // Only a policy that names its ancestors loses DENY: one without frame-ancestors keeps it (fails closed).
    const policy = c.res.headers.get('Content-Security-Policy') ?? ''
    if (/(^|;)\s*frame-ancestors\s+(?!'none')/.test(policy)) c.res.headers.delete('X-Frame-Options')
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
