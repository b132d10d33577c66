// Isolated mode's frame page: the real widget on this API's origin, for one clinic's page to show in an
// iframe. Served only for a live publishable key whose clinic allows the claimed host origin, under a
// policy whose frame-ancestors names the clinic's allowed origins alone: a page elsewhere claiming to be
// the clinic's gets a page its browser refuses to show.
import { endpoints, WidgetFrameParams, WidgetFrameQuery } from '@frontdesk/contracts'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../env.js'
import { ApiError, validationError } from '../errors.js'
import { publishableKeyClinic } from '../middleware/principal/index.js'
import { serve } from '../routes/define.js'

/** What an allowed origin must look like to be written into a header: nothing that could end a directive. */
const ORIGIN = /^https?:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/

/** The element's attributes the query may set, in the names the element reads. */
const ATTRIBUTES = [
  'locale',
  'theme',
  'service',
  'practitioner',
  'location',
  'intake-form',
  'intake-form-minor',
  'consent-documents',
  'form',
  'draft',
  'documents',
  'signer',
] as const satisfies readonly (keyof WidgetFrameQuery)[]

/**
 * The app's page policy with two differences: no inline style at all (the frame has none), and the
 * clinic's allowed origins, and only those, may hold it in a frame.
 */
export function frameCsp(ancestors: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${ancestors.length ? ancestors.join(' ') : "'none'"}`,
  ].join('; ')
}

export function frameRoutes(
  app: OpenAPIHono<AppEnv>,
  frameScript: (c: Context<AppEnv>) => Promise<Response>,
) {
  // Before the page's route: frame.js is no element's name.
  serve(app, endpoints.getWidgetFrameScript, frameScript)

  serve(app, endpoints.getWidgetFrame, async (c) => {
    const params = WidgetFrameParams.safeParse(c.req.param())
    if (!params.success) throw validationError(params.error)
    const query = WidgetFrameQuery.safeParse(c.req.query())
    if (!query.success) throw validationError(query.error)
    const { key, origin } = query.data
    const clinic = await publishableKeyClinic(c.get('deps'), key)
    if (!clinic)
      throw new ApiError('UNAUTHENTICATED', 'This publishable key is not valid, revoked or expired')
    const ancestors = clinic.allowedOrigins.filter((allowed) => ORIGIN.test(allowed))
    if (!ancestors.includes(origin)) {
      throw new ApiError(
        'ORIGIN_NOT_ALLOWED',
        "This page's origin is not among the clinic's allowed origins; add it to show the widget there",
      )
    }
    return c.body(framePage(params.data.element, query.data, new URL(c.req.url).origin), 200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': frameCsp(ancestors),
      // The page names its host: a shared cache must not hand one clinic's frame to another's page.
      'Cache-Control': 'no-store',
    })
  })
}

/** The frame document: its own script first (it hands the element what the fragment carries), then the widgets. */
function framePage(element: string, query: WidgetFrameQuery, apiOrigin: string): string {
  const attributes = [
    'data-frontdesk-frame',
    `publishable-key="${escapeHtml(query.key)}"`,
    `api-base="${escapeHtml(apiOrigin)}"`,
    ...ATTRIBUTES.flatMap((name) => (query[name] ? [`${name}="${escapeHtml(query[name])}"`] : [])),
  ].join(' ')
  const lang = escapeHtml(query.locale ?? 'en')
  return `<!doctype html>
<html lang="${lang}" data-host-origin="${escapeHtml(query.origin)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Frontdesk</title>
<script type="module" src="/v1/frames/frame.js"></script>
<script type="module" src="/v1/widgets.js"></script>
</head>
<body>
<frontdesk-${element} ${attributes}></frontdesk-${element}>
</body>
</html>
`
}

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!,
  )
}
