// The shape of one row of the route table, and small helpers to derive bad requests from a valid one.
import type { ClinicIds, PrincipalKind, World } from './fixtures.js'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface RouteRequest {
  path: string
  body?: unknown
  token: string
  /** A secret-key read of everything this request would change; absent for reads. */
  observe?: () => Promise<unknown>
}

export interface BadInput {
  /** The `issues[].path` the answer must name. */
  field: string | RegExp
  as?: PrincipalKind
  change: (request: RouteRequest, world: World) => RouteRequest
}

export interface ForeignRequest {
  name: string
  /** 404 for ids in the path; the status a made-up id gets for ids in a body or query. */
  status: 200 | 404 | 422
  field?: string | RegExp
  /** Built once with clinic A's ids and once with made-up ones; the token is always clinic B's. */
  build: (world: World, ids: ClinicIds) => Promise<RouteRequest>
}

export interface RouteSpec {
  method: Method
  /** As the OpenAPI document writes it. */
  path: string
  allowed: PrincipalKind[]
  status: number
  /** A valid request in clinic A for this principal; creates fresh objects, so it can run many times. */
  valid: (world: World, as: PrincipalKind) => Promise<RouteRequest>
  bad?: BadInput[]
  foreign?: ForeignRequest[]
}

export const anyone: PrincipalKind[] = ['publishable', 'secret', 'visit', 'manage']

export const withBody = (body: unknown) => (request: RouteRequest) => ({ ...request, body })
export const withPath = (path: string) => (request: RouteRequest) => ({ ...request, path })

/** A request naming another clinic's object in its path, made with clinic B's secret key: always 404. */
export function pathIdCase(
  name: string,
  path: (ids: ClinicIds) => string,
  observe?: (world: World) => () => Promise<unknown>,
  body?: unknown,
): ForeignRequest {
  return {
    name,
    status: 404,
    build: async (world, ids) => ({
      path: path(ids),
      token: world.b.sk,
      ...(body !== undefined && { body }),
      ...(observe && { observe: observe(world) }),
    }),
  }
}
