// Holds the server to the endpoint table: start-up fails for an entry without a handler or a handler
// without an entry, and the public paths (no key, no token) are the table's, not a list of their own.
import { type BodyKind, bodyKindOf, colonPath, type Endpoint, endpointList } from '@frontdesk/contracts'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env.js'

export function assertTableServed(app: OpenAPIHono<AppEnv>, table: readonly Endpoint[] = endpointList) {
  const served = new Map<string, string>()
  for (const definition of app.openAPIRegistry.definitions) {
    if (definition.type !== 'route') continue
    const { operationId, method, path } = definition.route
    served.set(operationId ?? `${method.toUpperCase()} ${path}`, `${method} ${path}`)
  }
  const expected = new Map(table.map((entry) => [entry.operationId, `${entry.method} ${entry.path}`]))
  const problems = [
    ...[...expected]
      .filter(([id, route]) => served.get(id) !== route)
      .map(([id, route]) => `${id} (${route}) has no handler`),
    ...[...served]
      .filter(([id]) => !expected.has(id))
      .map(([id, route]) => `${route} answers but is not in the endpoint table (${id})`),
  ]
  if (problems.length)
    throw new Error(`The routes and the endpoint table disagree:\n  ${problems.join('\n  ')}`)
}

/** Matches the paths anyone may request without a key or token, from the table's public entries. */
export function publicPaths(table: readonly Endpoint[] = endpointList): (path: string) => boolean {
  const patterns = table.filter((entry) => entry.principals.length === 0).map(pathPattern)
  return (path) => patterns.some((pattern) => pattern.test(path))
}

/**
 * The body kind of the table's row for a request, read before any route has matched (a body is limited
 * before it is read); a request no row answers (better-auth's /api/auth/*, a wrong path) takes a small body.
 */
export function bodyKinds(
  table: readonly Endpoint[] = endpointList,
): (method: string, path: string) => BodyKind {
  const rows = table.map((entry) => ({
    method: entry.method.toUpperCase(),
    pattern: pathPattern(entry),
    kind: bodyKindOf(entry),
  }))
  return (method, path) =>
    rows.find((row) => row.method === method && row.pattern.test(path))?.kind ?? 'small'
}

/**
 * Whether a request's row takes a plain-text body (a page's beacon, which can send no JSON type without a
 * preflight): such a body is never parsed as JSON, so its nesting is not counted.
 */
export function plainTextBodies(
  table: readonly Endpoint[] = endpointList,
): (method: string, path: string) => boolean {
  const rows = table
    .filter((entry) => 'text/plain' in (entry.request?.body?.content ?? {}))
    .map((entry) => ({ method: entry.method.toUpperCase(), pattern: pathPattern(entry) }))
  return (method, path) => rows.some((row) => row.method === method && row.pattern.test(path))
}

function pathPattern(entry: Pick<Endpoint, 'path'>): RegExp {
  return new RegExp(`^${colonPath(entry.path).replace(/[.]/g, '\\.').replace(/:\w+/g, '[^/]+')}$`)
}
