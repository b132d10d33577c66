// Serves the OpenAPI document generated from the routes, and a self-contained reference page built from it.
import { endpoints } from '@frontdesk/contracts'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'
import { withStyleNonce } from '../middleware/security-headers/index.js'
import { serve } from './define.js'

const info = {
  title: 'Frontdesk API',
  version: '1',
  description:
    'Booking, intake and consent for clinic websites. Every request carries one principal as `Authorization: Bearer <token>`; every error has the shape `{ "error": { "code", "message", "requestId" } }`.\n\n' +
    "Not listed here: `/api/auth/*`, the staff sign-in endpoints of better-auth (email and password, TOTP, invitations, password reset). They are for the staff console in a browser, take and answer better-auth's own shapes (refusals in the one error shape, better-auth's code as `reason`) and set the `frontdesk.session_token` cookie that the `staffSession` scheme names; integrations use a secret key instead.",
  license: { name: 'MIT', identifier: 'MIT' },
}

export function registerDocs(app: OpenAPIHono<AppEnv>) {
  const registry = app.openAPIRegistry
  registry.registerComponent('securitySchemes', 'publishableKey', {
    type: 'http',
    scheme: 'bearer',
    description:
      "`pk_test_…` / `pk_live_…`: safe in a browser, accepted only from the clinic's allowed origins",
  })
  registry.registerComponent('securitySchemes', 'secretKey', {
    type: 'http',
    scheme: 'bearer',
    description: "`sk_test_…` / `sk_live_…`: for the clinic's servers only; refused when sent from a browser",
  })
  registry.registerComponent('securitySchemes', 'visitToken', {
    type: 'http',
    scheme: 'bearer',
    description: '`vt_…`: returned with a hold or booking; acts on that one only, for 24 hours',
  })
  registry.registerComponent('securitySchemes', 'manageToken', {
    type: 'http',
    scheme: 'bearer',
    description: "`mt_…`: the patient's own link to cancel or reschedule one booking",
  })
  registry.registerComponent('securitySchemes', 'resumeToken', {
    type: 'http',
    scheme: 'bearer',
    description:
      '`rt_…`: returned when an intake draft starts; reads, saves and submits that one draft until it is submitted or idle too long',
  })

  registry.registerComponent('securitySchemes', 'receiptToken', {
    type: 'http',
    scheme: 'bearer',
    description: "`ct_…`: the patient's consent receipt link; reads that one record and withdraws it",
  })

  registry.registerComponent('securitySchemes', 'staffSession', {
    type: 'apiKey',
    in: 'cookie',
    name: 'frontdesk.session_token',
    description:
      "A signed-in staff member of the clinic (the console at /admin); what it may do is its role's permissions (`x-frontdesk-permission`)",
  })

  registry.registerComponent('securitySchemes', 'twilioSignature', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Twilio-Signature',
    description: "Twilio's signature over the URL and every parameter, under the account's auth token",
  })
  registry.registerComponent('securitySchemes', 'downloadToken', {
    type: 'http',
    scheme: 'bearer',
    description: "`xt_…`: the patient's download link for their own data, from the clinic's message",
  })
  registry.registerComponent('securitySchemes', 'unsubscribeToken', {
    type: 'apiKey',
    in: 'query',
    name: 'token',
    description:
      "`ut_…`: the unsubscribe link of a clinic's email, sealed under the clinic's key; it holds no personal data",
  })

  let cached: unknown
  let reference: ReturnType<typeof renderReference> | undefined
  const document = () => {
    cached ??= app.getOpenAPI31Document({
      openapi: '3.1.0',
      info,
      servers: [{ url: '/', description: 'This server' }],
    })
    return cached
  }
  serve(app, endpoints.getOpenApiDocument, (c) => c.json(document() as object))
  serve(app, endpoints.getApiReference, (c) => {
    reference ??= renderReference(document() as OpenApiDocument)
    // The page's one inline <style> carries this answer's CSP nonce (middleware/security-headers).
    return c.html(reference(withStyleNonce(c)))
  })
  app.get('/', (c) => c.redirect('/docs'))
}

interface OpenApiOperation {
  summary?: string
  description?: string
  tags?: string[]
  security?: Record<string, string[]>[]
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[]
  requestBody?: { content?: Record<string, { schema?: unknown }> }
  responses?: Record<string, { description?: string }>
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

/** The page, rendered once; each answer puts its own nonce on the stylesheet. */
function renderReference(doc: OpenApiDocument): (nonce: string) => string {
  const byTag = new Map<string, string[]>()
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const tag = operation.tags?.[0] ?? 'Other'
      const who = (operation.security ?? []).flatMap((entry) => Object.keys(entry)).join(', ')
      const params = (operation.parameters ?? [])
        .map(
          (p) =>
            `<code>${escapeHtml(p.name)}</code> <small>${escapeHtml(p.in)}${p.required ? ', required' : ''}</small>`,
        )
        .join(' · ')
      const body = operation.requestBody?.content?.['application/json']?.schema
      const responses = Object.entries(operation.responses ?? {})
        .map(([status, response]) => `<li><b>${status}</b> ${escapeHtml(response.description ?? '')}</li>`)
        .join('')
      const html = `<section id="${escapeHtml(`${method}-${path}`)}">
  <h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
  <p>${escapeHtml(operation.summary ?? '')}</p>${operation.description ? `<p class="d">${escapeHtml(operation.description)}</p>` : ''}
  ${who ? `<p><small>Who: ${escapeHtml(who)}</small></p>` : ''}${params ? `<p>Parameters: ${params}</p>` : ''}
  ${body ? `<details><summary>Request body</summary><pre>${escapeHtml(JSON.stringify(body, null, 2))}</pre></details>` : ''}
  <ul>${responses}</ul>
</section>`
      byTag.set(tag, [...(byTag.get(tag) ?? []), html])
    }
  }
  const nav = [...byTag.keys()]
    .map((tag) => `<a href="#${escapeHtml(tag)}">${escapeHtml(tag)}</a>`)
    .join(' · ')
  const sections = [...byTag.entries()]
    .map(([tag, items]) => `<h2 id="${escapeHtml(tag)}">${escapeHtml(tag)}</h2>${items.join('\n')}`)
    .join('\n')
  const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(info.title)} reference</title>
<style nonce="`
  const page = `">body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
code,pre{font-family:ui-monospace,monospace}pre{background:#f4f5f7;padding:.75rem;overflow:auto;font-size:13px}
section{border-top:1px solid #e3e5e8;padding:.5rem 0}.m{font-size:12px;padding:2px 6px;border-radius:4px;background:#e8eefc}
.post{background:#e6f4ea}.delete{background:#fce8e6}.put,.patch{background:#fef7e0}.d{color:#555}</style></head>
<body><h1>${escapeHtml(info.title)}</h1><p>${escapeHtml(info.description)}</p><p>Machine-readable: <a href="/openapi.json">/openapi.json</a></p>
<nav>${nav}</nav>${sections}</body></html>`
  return (nonce) => `${head}${escapeHtml(nonce)}${page}`
}
