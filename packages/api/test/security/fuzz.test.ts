// A property-based fuzz over real HTTP, with fast-check: every route of the route table with its valid
// request varied in one hostile way per case (bodies, fields, raw text, media types, path segments, query
// parameters, headers), and every operation of the endpoint table and better-auth's endpoints with no
// credential or a forged one. Cases come from a fixed seed and from a new one each run. Whatever comes in,
// no answer is a 5xx, every error is in the one shape with the request id of its X-Request-Id header, and
// a refused request writes nothing (the route's own read, and every row of the clinic's in every table).
// A failure prints the case and the seed that replays it (docs/security.md, "Hostile input"):
// FUZZ_SEED=<seed> npx vitest run --project api:pglite packages/api/test/security/fuzz.test.ts
import type { AddressInfo } from 'node:net'
import { ErrorBody, endpointList } from '@frontdesk/contracts'
import { type ServerType, serve } from '@hono/node-server'
import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as z from 'zod'
import { useHarness } from '../harness.js'
import { createWorld, type World } from './fixtures.js'
import { applyCase, type FuzzCase, fuzzCase, type WireRequest } from './fuzz-cases.js'
import type { Method, RouteRequest, RouteSpec } from './route-spec.js'
import { routeTable } from './route-table.js'

const FIXED_SEED = 20_261_207
const RANDOM_SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31))
/**
 * Cases per keyed route and seed (a third of it for the unkeyed tries): about 2,300 cases per storage, so
 * over 4,500 a CI run, which fuzzes PGlite and PostgreSQL.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 8)

// Limits off: thousands of requests from one key would be refused with 429 before they reach the route.
const harness = useHarness({ rateLimits: 'off' })
const routes = routeTable(harness)
let world: World
let server: ServerType
let origin: string
let tables: string[]

/** The one error shape, with nothing beside it. */
const OneShape = z.object({ error: ErrorBody.shape.error.strict() }).strict()

beforeAll(async () => {
  world = await createWorld(harness)
  server = serve({ fetch: harness.app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const rows = await sql<{ table_name: string }>`
    SELECT c.table_name FROM information_schema.columns c
      JOIN information_schema.tables t USING (table_schema, table_name)
     WHERE c.table_schema = 'public' AND c.column_name = 'clinic_id' AND t.table_type = 'BASE TABLE'
     ORDER BY c.table_name`.execute(harness.deps.system)
  // Seals and chain heads record the sealer's runs over audit events already written (the test's own audited
  // reads among them), whenever its timer fires; an event a refused request wrote would show in audit_events.
  const sealing = new Set(['audit_seals', 'chain_heads'])
  tables = rows.rows.map((row) => row.table_name).filter((table) => !sealing.has(table))
}, 120_000)

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve))
})

/**
 * A digest of every row clinic A has, in every table: any write by a refused request changes it. Only
 * audited reads are left out, since the test's own checks read patient data, and every read is audited.
 */
async function clinicDigest(): Promise<Record<string, string>> {
  const parts = tables.map((table) => {
    const reads = table === 'audit_events' ? sql`AND t.action !~ '[.](read|list|export|state)$'` : sql``
    return sql`(SELECT ${table}::text || '=' || count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') FROM ${sql.table(table)} t WHERE t.clinic_id = ${world.a.clinicId} ${reads})`
  })
  const result = await sql<{ digest: string[] }>`SELECT ARRAY[${sql.join(parts)}] AS digest`.execute(
    harness.deps.system,
  )
  return Object.fromEntries(result.rows[0]!.digest.map((part) => part.split('=') as [string, string]))
}

/** The tables whose rows differ, and whether the route's own read differs. */
function written(before: Snapshot, after: Snapshot): string[] {
  const tablesChanged = tables.filter((table) => before.rows[table] !== after.rows[table])
  const own = JSON.stringify(before.own) === JSON.stringify(after.own) ? [] : ['(its own read)']
  return [...tablesChanged, ...own]
}

interface Snapshot {
  own: unknown
  rows: Record<string, string>
}

async function send(method: string, wire: WireRequest) {
  const response = await fetch(`${origin}${wire.path}`, {
    method,
    headers: wire.headers,
    ...(wire.body !== undefined && method !== 'GET' && { body: wire.body }),
  }).catch((error) => {
    throw new Error(`${error.message}: ${error.cause?.code ?? ''} ${error.cause?.message ?? ''}`)
  })
  const text = await response.text()
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    body = text
  }
  return {
    status: response.status,
    body,
    requestId: response.headers.get('X-Request-Id'),
    html: (response.headers.get('Content-Type') ?? '').startsWith('text/html'),
  }
}

function principalFor(spec: Pick<RouteSpec, 'allowed'>) {
  return spec.allowed.includes('secret') ? 'secret' : spec.allowed[0]!
}

/**
 * A new valid request after a varied one succeeded. That one may have taken the slot the world hands out
 * next (a reschedule that dropped its practitioner keeps the booking's own): then the next slot is tried.
 */
async function renewed(spec: Pick<RouteSpec, 'valid' | 'allowed'>): Promise<RouteRequest> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await spec.valid(world, principalFor(spec))
    } catch (error) {
      if (attempt === 3) throw error
    }
  }
}

/** One route under fuzz: a valid request to vary, renewed whenever a varied one happened to succeed. */
async function fuzzRoute(
  spec: Pick<RouteSpec, 'method' | 'valid' | 'allowed'> & { page?: boolean },
  seed: number,
  numRuns = RUNS,
) {
  let base: RouteRequest = await spec.valid(world, principalFor(spec))
  let before: Snapshot = { own: await base.observe?.(), rows: await clinicDigest() }
  const property = fc.asyncProperty(fuzzCase, async (fuzz: FuzzCase) => {
    const wire = applyCase(base, fuzz)
    const answer = await send(spec.method, wire)
    const seen = `${spec.method} ${wire.path.slice(0, 120)} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`
    const logged = harness.logs.filter((line) => answer.requestId && line.includes(answer.requestId))
    expect(answer.status, `${seen}\n${logged.join('\n')}`).toBeLessThan(500)
    if (answer.status >= 400) {
      // A page for a browser answers its refusals as a page; everything else in the one shape.
      if (!(spec.page && answer.html)) {
        expect(OneShape.safeParse(answer.body).success, seen).toBe(true)
        expect((answer.body as ErrorBody).error.requestId, seen).toBe(answer.requestId)
      }
      // A read writes nothing but its audit entry, which the digest leaves out: only changes are compared.
      if (spec.method !== 'GET') {
        const after = { own: await base.observe?.(), rows: await clinicDigest() }
        expect(written(before, after), `${seen}: a refused request wrote`).toEqual([])
      }
    } else {
      base = await renewed(spec)
      before = { own: await base.observe?.(), rows: await clinicDigest() }
    }
  })
  // No shrinking: each case varies the request the previous ones left, so a replayed smaller case would
  // run against another state and report something else.
  const result = await fc.check(property, { seed, numRuns, endOnFailure: true })
  if (result.failed) {
    const reason =
      result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)
    throw new Error(
      `seed ${seed}, path ${result.counterexamplePath}: ${JSON.stringify(result.counterexample).slice(0, 300)}\n${reason}`,
    )
  }
}

// Last: a varied PATCH /v1/clinic that succeeds may move the clinic's origins or time zone under the others.
const ordered = [
  ...routes.filter((spec) => !(spec.method === 'PATCH' && spec.path === '/v1/clinic')),
  ...routes.filter((spec) => spec.method === 'PATCH' && spec.path === '/v1/clinic'),
]

describe(`every route under fuzz (seeds ${FIXED_SEED} and ${RANDOM_SEED}, ${RUNS} cases each)`, () => {
  for (const spec of ordered) {
    it(`${spec.method} ${spec.path}`, async () => {
      for (const seed of [FIXED_SEED, RANDOM_SEED]) await fuzzRoute(spec, seed)
    }, 120_000)
  }
})

/** A token of every kind's shape that no clinic issued, and none at all. */
const FORGED_TOKENS = ['', `sk_test_${'A'.repeat(40)}`, `pk_test_${'A'.repeat(40)}`, 'vt_forged', 'null']

/** better-auth's endpoints, which the table leaves to it: the ones the console calls. */
const STAFF_AUTH_ROUTES = [
  ['POST', '/api/auth/sign-in/email', { email: 'ada@clinic.example', password: 'not the password' }],
  [
    'POST',
    '/api/auth/sign-up/email',
    { email: 'new@clinic.example', password: 'a long enough password', name: 'N' },
  ],
  ['POST', '/api/auth/request-password-reset', { email: 'ada@clinic.example', redirectTo: '/admin/reset' }],
  ['POST', '/api/auth/reset-password', { newPassword: 'a long enough password', token: 'forged' }],
  ['POST', '/api/auth/two-factor/verify-totp', { code: '000000' }],
  ['POST', '/api/auth/sign-out', {}],
  ['GET', '/api/auth/get-session', undefined],
] as const

// Every operation of the endpoint table (public pages, provider webhooks and downloads included) and
// better-auth's, called without a valid credential: refused in the one shape, or served as a page, and
// nothing written.
describe('every endpoint, with no credential or a forged one', () => {
  const unauthenticated = [
    ...endpointList.map((endpoint) => ({
      name: `${endpoint.method.toUpperCase()} ${endpoint.path}`,
      method: endpoint.method.toUpperCase() as Method,
      page: Object.values(endpoint.responses).some((response) => 'text/html' in (response.content ?? {})),
      path: endpoint.path.replace(/\{[^}]+\}/g, 'x_Ghost0000000000000000'),
      body: endpoint.request?.body ? {} : undefined,
    })),
    ...STAFF_AUTH_ROUTES.map(([method, path, body]) => ({
      name: `${method} ${path}`,
      method: method as Method,
      page: false,
      path,
      body,
    })),
  ]
  for (const route of unauthenticated) {
    it(route.name, async () => {
      let token = 0
      const spec = {
        method: route.method,
        page: route.page,
        allowed: ['secret' as const],
        valid: async () => ({
          path: route.path,
          token: FORGED_TOKENS[token++ % FORGED_TOKENS.length]!,
          ...(route.body !== undefined && { body: route.body }),
          observe: async () => null,
        }),
      }
      for (const seed of [FIXED_SEED, RANDOM_SEED]) await fuzzRoute(spec, seed, Math.ceil(RUNS / 3))
    }, 120_000)
  }
})
