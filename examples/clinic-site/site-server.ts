// The sample clinic's web server: its pages and stylesheet, the placeholders filled in, under a policy that trusts only the API.
import { readFile } from 'node:fs/promises'
import { createServer, type Server, type ServerResponse } from 'node:http'

export interface SiteServerOptions {
  /** The API's origin, e.g. http://localhost:8787: the one place the page may load scripts from and talk to. */
  apiUrl: string
  /** The publishable key the widget is given; known only once the demo clinic is seeded. */
  publishableKey: () => string
  /** The intake form a booking is followed by, and the intake page shows; known once seeded. */
  intakeFormId: () => string
  /** The form for a child's booking, filled in by a parent. */
  childIntakeFormId: () => string
  /** The consent documents a booking asks for, space-separated. */
  consentDocuments: () => string
}

export interface WidgetManifest {
  url: string
  integrity: string
}

const files = {
  css: new URL('./site.css', import.meta.url),
}

/**
 * The site's pages: the home page with booking, the same booking in isolated mode, the page a patient fills
 * or resumes intake on, and the privacy page, where a patient asks for a copy of their data or to correct, delete or restrict it.
 */
const pages: Record<string, URL> = {
  '/': new URL('./index.html', import.meta.url),
  '/index.html': new URL('./index.html', import.meta.url),
  '/intake.html': new URL('./intake.html', import.meta.url),
  '/isolated.html': new URL('./isolated.html', import.meta.url),
  '/privacy.html': new URL('./privacy.html', import.meta.url),
}

/** What a clinic's page should send: nothing runs or loads unless it comes from this site or the API. */
export function securityHeaders(apiUrl: string): Record<string, string> {
  const policy = [
    "default-src 'none'",
    `script-src 'self' ${apiUrl}`,
    `connect-src ${apiUrl}`,
    "style-src 'self'",
    // blob: for the previews of the photos a patient picks for upload, made in the page from the file.
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // isolated.html shows the booking in a frame the API serves.
    `frame-src ${apiUrl}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
  return {
    'Content-Security-Policy': policy,
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
  }
}

export function escapeAttribute(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!,
  )
}

/** Fills every {{NAME}}; a placeholder without a value is a mistake in the page, so it fails loudly. */
export function fillPlaceholders(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (_, name: string) => {
    const value = values[name]
    if (value === undefined) throw new Error(`index.html names {{${name}}}, which the server does not fill`)
    return escapeAttribute(value)
  })
}

/** Asked at every page view, so the page always names the bundle the API is serving right now. */
async function widgetManifest(apiUrl: string): Promise<WidgetManifest> {
  const response = await fetch(`${apiUrl}/v1/widgets.json`)
  if (!response.ok) {
    const answer = (await response.json().catch(() => null)) as { error?: { message?: string } } | null
    throw new Error(answer?.error?.message ?? `GET /v1/widgets.json answered ${response.status}`)
  }
  return (await response.json()) as WidgetManifest
}

export function createSiteServer(options: SiteServerOptions): Server {
  const { apiUrl, publishableKey, intakeFormId, childIntakeFormId, consentDocuments } = options
  const headers = securityHeaders(apiUrl)

  const send = (response: ServerResponse, status: number, type: string, body: string, extra = {}) => {
    response.writeHead(status, { ...headers, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra })
    response.end(response.req.method === 'HEAD' ? undefined : body)
  }

  return createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed\n', { Allow: 'GET, HEAD' })
    }
    try {
      const template = pages[path]
      if (template) {
        const manifest = await widgetManifest(apiUrl)
        const page = fillPlaceholders(await readFile(template, 'utf8'), {
          WIDGET_URL: `${apiUrl}${manifest.url}`,
          WIDGET_INTEGRITY: manifest.integrity,
          PUBLISHABLE_KEY: publishableKey(),
          API_BASE: apiUrl,
          INTAKE_FORM: intakeFormId(),
          CHILD_INTAKE_FORM: childIntakeFormId(),
          CONSENT_DOCUMENTS: consentDocuments(),
        })
        return send(response, 200, 'text/html; charset=utf-8', page)
      }
      if (path === '/site.css') {
        return send(response, 200, 'text/css; charset=utf-8', await readFile(files.css, 'utf8'))
      }
      return send(response, 404, 'text/plain; charset=utf-8', 'Not found\n')
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      return send(response, 503, 'text/plain; charset=utf-8', `The demo cannot show this page: ${reason}\n`)
    }
  })
}
