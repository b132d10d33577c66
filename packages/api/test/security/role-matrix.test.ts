// Every admin route of the route table against every staff role: each role gets exactly what the
// permission table in @frontdesk/contracts/staff says, and a refusal writes nothing.
import {
  OWN_ONLY,
  type Permission,
  roleAllows,
  STAFF_ROLES,
  type StaffRole,
} from '@frontdesk/contracts/staff'
import { beforeAll, describe, expect, it } from 'vitest'
import { STAFF_ORIGIN, useHarness } from '../harness.js'
import { staffMember } from '../staff-session.js'
import { createWorld, type World } from './fixtures.js'
import { routeTable } from './route-table.js'

const harness = useHarness()
const routes = routeTable(harness).filter((spec) => spec.allowed.includes('secret'))
let world: World
let permissions: Map<string, Permission>
const cookies = {} as Record<StaffRole, string>

beforeAll(async () => {
  world = await createWorld(harness)
  for (const role of STAFF_ROLES) cookies[role] = (await staffMember(harness, world.a.clinicId, role)).cookie
  const document = await harness.call('GET', '/openapi.json')
  permissions = new Map(
    Object.entries(document.body.paths as Record<string, Record<string, any>>).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => [
        `${method.toUpperCase()} ${path}`,
        operation['x-frontdesk-permission'] as Permission,
      ]),
    ),
  )
})

/** Routes for staff sessions alone: who is signed in, and linking staff accounts (secret keys manage no staff). */
const STAFF_ONLY = ['/v1/staff/me', '/v1/practitioners/{id}/staff-account']

describe('the permission table', () => {
  it('names a permission on every route a secret key may call, and lets staff sessions call exactly those', async () => {
    const document = await harness.call('GET', '/openapi.json')
    for (const [path, operations] of Object.entries(
      document.body.paths as Record<string, Record<string, any>>,
    )) {
      for (const [method, operation] of Object.entries(operations)) {
        const schemes = (operation.security as Record<string, unknown>[]).flatMap((entry) =>
          Object.keys(entry),
        )
        const route = `${method.toUpperCase()} ${path}`
        if (schemes.includes('secretKey')) {
          expect({ route, permission: operation['x-frontdesk-permission'] }).toMatchObject({
            route,
            permission: expect.stringMatching(/^[a-z]+:[a-z]+$/),
          })
        }
        expect({ route, staff: schemes.includes('staffSession') }).toEqual({
          route,
          // Besides the key's routes: the member's own page and practitioner links, and what only the owner may do
          // (leave-clinic.test.ts).
          staff:
            schemes.includes('secretKey') ||
            STAFF_ONLY.includes(path) ||
            operation['x-frontdesk-permission'] === 'clinic:close',
        })
      }
    }
  })
})

for (const spec of routes) {
  const route = `${spec.method} ${spec.path}`
  describe(route, () => {
    for (const role of STAFF_ROLES) {
      it(`as ${role}: exactly what the role's permissions say`, async () => {
        const permission = permissions.get(route)!
        const request = await spec.valid(world, 'secret')
        const before = await request.observe?.()
        const response = await harness.call(spec.method, request.path, {
          cookie: cookies[role],
          origin: STAFF_ORIGIN,
          ...(request.body !== undefined && { body: request.body }),
        })
        if (!roleAllows(role, permission)) {
          expect({ status: response.status, code: response.body?.error?.code }).toEqual({
            status: 403,
            code: 'FORBIDDEN',
          })
          expect(await request.observe?.()).toEqual(before)
        } else if (OWN_ONLY[role]?.includes(permission)) {
          // Limited to the practitioner's own calendar: someone else's object is not there for them.
          expect([spec.status, 404]).toContain(response.status)
        } else {
          expect({ status: response.status, body: response.body }).toMatchObject({ status: spec.status })
        }
      })
    }
  })
}
