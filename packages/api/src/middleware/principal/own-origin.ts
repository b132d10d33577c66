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

/**
 * The page a request comes from: its Origin header, or for a same-origin GET (which browsers send without
 * Origin) this API's own origin, by the browser's Sec-Fetch-Site. Both headers only a browser sets for a
 * page; a server may send either, as it may any Origin, which is why a publishable key is no secret.
 */
export function requestOrigin(c: Context<AppEnv>): string | undefined {
  const origin = c.req.header('Origin')
  if (origin !== undefined) return origin
  return c.req.header('Sec-Fetch-Site') === 'same-origin' ? new URL(c.req.url).origin : undefined
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}
