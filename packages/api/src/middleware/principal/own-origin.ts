// Whether a request comes from a page this API serves itself: the console, the patient pages, hosted pages and frames.
import type { Context } from 'hono'
import type { AppEnv } from '../../env.js'

/**
 * The Origin header against this API's own origins: the one the request reached, the public URL patients
 * are sent to (FRONTDESK_PUBLIC_URL) and the staff console's base URL. Only a browser sets Origin for a
 * page, so this says "one of our own pages", never "a trusted caller": a server may send any Origin it likes.
 */
export function isOwnOrigin(c: Context<AppEnv>, origin: string | undefined): boolean {
  if (origin === undefined || origin === 'null') return false
  if (origin === new URL(c.req.url).origin) return true
  const deps = c.get('deps')
  const own = [deps.messaging?.publicUrl, deps.staff?.options.baseURL]
  return own.some((url) => typeof url === 'string' && originOf(url) === origin)
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

/**
 * A request from a page of this very origin that carries no Origin header: browsers leave it out of a
 * same-origin GET (the hosted booking page's widgets reading the catalogue) but always send
 * Sec-Fetch-Site, which no script in the page can set. Like Origin, it says "a page", never "trusted".
 */
export function isSameOriginPage(c: Context<AppEnv>, origin: string | undefined): boolean {
  return origin === undefined && c.req.header('Sec-Fetch-Site') === 'same-origin'
}
