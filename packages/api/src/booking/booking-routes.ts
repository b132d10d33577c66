// Booking routes: book from a hold or a slot, read, list, cancel and reschedule, each within its
// principal's rights. Every write that takes a time goes through ./claim.ts.
import { endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../env.js'
import { bodyOf, route } from '../routes/define.js'
import { cancelBooking, listBookings, readBooking } from './bookings.js'
import { claim } from './claim.js'

export function bookingRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.createBooking), async (c) => {
    const input = c.req.valid('json')
    const outcome = await claim(c.var.scope, { kind: 'book', input, visitToken: callersVisitToken(c) })
    return c.json(bodyOf(c, outcome), 201)
  })

  app.openapi(route(endpoints.listBookings), async (c) =>
    c.json(await listBookings(c.var.scope, c.req.valid('query')), 200),
  )

  app.openapi(route(endpoints.getBooking), async (c) =>
    c.json(await readBooking(c.var.scope, c.req.valid('param').id), 200),
  )

  app.openapi(route(endpoints.cancelBooking), async (c) => {
    const { reason } = c.req.valid('json')
    return c.json(bodyOf(c, await cancelBooking(c.var.scope, c.req.valid('param').id, reason)), 200)
  })

  app.openapi(route(endpoints.rescheduleBooking), async (c) => {
    const bookingId = c.req.valid('param').id
    const outcome = await claim(c.var.scope, { kind: 'reschedule', bookingId, change: c.req.valid('json') })
    return c.json(bodyOf(c, outcome), 200)
  })

  return app
}

/** The visit token a patient books their hold with: the booking keeps it (see ClaimRequest). */
function callersVisitToken(c: Context<AppEnv>): string | undefined {
  if (c.var.scope.principal.kind !== 'visit') return undefined
  return c.req.header('Authorization')?.replace(/^Bearer\s+/i, '')
}
