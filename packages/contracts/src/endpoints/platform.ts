// The server itself: health, its own description, and the widgets' script that any clinic page loads.
import * as z from 'zod'
import { bytes, defineEndpoints, html, json } from './define.js'

export const Health = z.object({ status: z.literal('ok') }).meta({ id: 'Health' })

export const Readiness = z.object({ status: z.literal('ready') }).meta({ id: 'Readiness' })

/**
 * The script-tag bundles the API serves: `widgets` has every element (`/v1/widgets.js`), each other one
 * element alone (`/v1/widgets/<name>.js`), built from @frontdesk/widgets' tsup.config.ts.
 */
export const WIDGET_SCRIPT_NAMES = ['widgets', 'booking', 'intake', 'consent', 'rights-request'] as const
export type WidgetScriptName = (typeof WIDGET_SCRIPT_NAMES)[number]

export const WidgetScript = z
  .object({
    url: z.string().meta({ description: 'The immutable, hashed URL of the current script' }),
    integrity: z.string().meta({ description: 'Subresource Integrity of that script (`sha384-…`)' }),
    bytes: z.number().int(),
    gzipBytes: z.number().int(),
  })
  .meta({ id: 'WidgetScript' })
export type WidgetScript = z.infer<typeof WidgetScript>

export const WidgetManifest = WidgetScript.extend({
  scripts: z
    .object(
      Object.fromEntries(WIDGET_SCRIPT_NAMES.map((name) => [name, WidgetScript])) as {
        [N in WidgetScriptName]: typeof WidgetScript
      },
    )
    .meta({
      description:
        'Every script by name: `widgets` (all four elements, the same as the top-level fields), `booking`, `intake`, `consent` and `rights-request` (one element each)',
    }),
  isolated: WidgetScript.meta({
    description:
      'The isolated-mode loader (`/v1/widgets/isolated.js`): the four tags as frame hosts, for a page that uses isolated mode alone',
  }),
}).meta({
  id: 'WidgetManifest',
  description:
    'The all-in-one script at the top level (as before per-element scripts existed), and every script in `scripts`',
})
export type WidgetManifest = z.infer<typeof WidgetManifest>

export const WidgetFileParam = z.object({
  file: z.string().meta({
    description:
      "An element's script by name (`booking.js`, `intake.js`, `consent.js`, `rights-request.js`), or any script this API has published by the hash `/v1/widgets.json` names, with `.js`",
    example: 'booking.js',
  }),
})

const browserOnly = { excluded: 'loaded by a browser, not called by an integration' }

export const platformEndpoints = defineEndpoints({
  getHealth: {
    principals: [],
    method: 'get',
    path: '/healthz',
    tags: ['Server'],
    summary: 'Alive: the process serves requests (the database is not asked)',
    description:
      "For a liveness probe: a database outage does not fail it, so an orchestrator does not restart a process that would recover by itself. 503 `UNAVAILABLE` only while the process starts. Before `/readyz` existed this route asked the database; a load balancer's target check belongs on `/readyz` now.",
    responses: { 200: json(Health, 'Alive') },
    errors: ['UNAVAILABLE'],
    sdk: { excluded: 'for load balancers and monitors' },
  },
  getReadiness: {
    principals: [],
    method: 'get',
    path: '/readyz',
    tags: ['Server'],
    summary: 'Ready to serve: started, and the database answers',
    description:
      "For a readiness probe or a load balancer's target check: 503 `UNAVAILABLE` with `Retry-After` while the process starts, or when the database does not answer within 2 seconds.",
    responses: { 200: json(Readiness, 'Ready') },
    errors: ['UNAVAILABLE'],
    sdk: { excluded: 'for load balancers and orchestrators' },
  },
  getOpenApiDocument: {
    principals: [],
    method: 'get',
    path: '/openapi.json',
    tags: ['Server'],
    summary: 'This document: OpenAPI 3.1, generated from the endpoint table',
    responses: { 200: json(z.record(z.string(), z.unknown()), 'The OpenAPI document') },
    sdk: { excluded: 'for code generators' },
    compressed: true,
  },
  getApiReference: {
    principals: [],
    method: 'get',
    path: '/docs',
    tags: ['Server'],
    summary: 'This document as a page to read',
    responses: { 200: html('The reference page') },
    sdk: browserOnly,
  },
  getWidgetScript: {
    principals: [],
    method: 'get',
    path: '/v1/widgets.js',
    tags: ['Widgets'],
    summary: 'The widgets as one script for a `<script>` tag, cached briefly',
    responses: { 200: bytes('The script', 'text/javascript') },
    sdk: browserOnly,
  },
  getWidgetScriptVersion: {
    principals: [],
    method: 'get',
    path: '/v1/widgets/{file}',
    tags: ['Widgets'],
    summary:
      "One element's script by name, cached briefly; or any published version by its hash, cached for good",
    description:
      '`/v1/widgets/booking.js` (and `intake.js`, `consent.js`, `rights-request.js`) is the current script with one element, cached like `/v1/widgets.js`. `/v1/widgets/<hash>.js` is one version of any script, all-in-one or per element, cached for a year: every version the API has served is kept in its database, so a pinned URL keeps working after an upgrade.',
    request: { params: WidgetFileParam },
    responses: { 200: bytes('The script', 'text/javascript') },
    sdk: browserOnly,
  },
  getWidgetManifest: {
    principals: [],
    method: 'get',
    path: '/v1/widgets.json',
    tags: ['Widgets'],
    summary: "The current scripts' hashed URLs and integrity, to pin them",
    responses: { 200: json(WidgetManifest, 'The current scripts') },
    sdk: { excluded: 'read once when a clinic pins the script' },
  },
})
