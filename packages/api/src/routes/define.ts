// One way to declare a route: who may call it, what it takes and answers, and the errors it shares.

import { ErrorBody } from '@frontdesk/contracts'
import type { Permission } from '@frontdesk/contracts/staff'
import { createRoute, type RouteConfig } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv, PrincipalKind } from '../env.js'
import { allow } from '../middleware/principal/index.js'

const securityScheme: Record<PrincipalKind, string> = {
  publishable: 'publishableKey',
  secret: 'secretKey',
  visit: 'visitToken',
  manage: 'manageToken',
  resume: 'resumeToken',
  receipt: 'receiptToken',
  staff: 'staffSession',
}

export const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorBody } },
})

export const errorResponses = {
  400: error('Malformed request'),
  401: error('No valid key or token'),
  403: error('This key or token may not do this, or the origin is not allowed'),
  404: error('No such object in this clinic'),
  422: error('A field is not valid; `issues` names it'),
} as const

/**
 * A route the clinic itself may call (a secret key) is an admin route: staff sessions may call it too,
 * as far as their role holds `permission`. The permission is part of the OpenAPI document
 * (`x-frontdesk-permission`), so tests and readers see the same table the server checks.
 */
export function route<const R extends Omit<RouteConfig, 'middleware' | 'security'>>(
  principals: PrincipalKind[],
  config: R & { permission?: Permission },
) {
  const { permission, ...rest } = config
  const admin = principals.includes('secret')
  if (admin && !permission)
    throw new Error(`${config.method} ${config.path}: an admin route must name a permission`)
  const kinds: PrincipalKind[] =
    admin && !principals.includes('staff') ? [...principals, 'staff'] : principals
  // Writes only the clinic itself may make are the ones that can change its settings, keys or catalogue:
  // the principal middleware then drops what this process remembers about the clinic.
  const clinicWrite =
    config.method !== 'get' && principals.every((kind) => kind === 'secret' || kind === 'staff')
  const guard = allow(kinds, permission)
  return createRoute({
    ...(rest as unknown as R),
    ...(permission && { 'x-frontdesk-permission': permission }),
    middleware: (clinicWrite ? [guard, markClinicChanged] : [guard]) as [MiddlewareHandler<AppEnv>],
    security: kinds.map((kind) => ({ [securityScheme[kind]]: [] })),
    responses: { ...errorResponses, ...rest.responses },
  })
}

export const json = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})

export const jsonBody = <T>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
})

const markClinicChanged: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('clinicChanged', true)
  await next()
}
