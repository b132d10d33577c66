// The availability route: free slots of a service over local dates, for one practitioner or any.

import { endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import { computeAvailability } from '../availability/engine.js'
import type { AppEnv } from '../env.js'
import { notFound } from '../errors.js'
import { catalogueFor } from '../services/catalogue-cache.js'
import { findOffering } from '../services/catalogue-store.js'
import { loadSchedules, spanForDates } from '../services/schedule-store.js'
import { serviceRules } from '../services/slots.js'
import { route } from './define.js'

export function availabilityRoutes() {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(route(endpoints.getAvailability), async (c) => {
    const query = c.req.valid('query')
    const { db, now } = c.var.deps
    const clinic = c.var.clinic
    const at = now()
    const catalogue = await catalogueFor(db, clinic, at)
    const offering = findOffering(catalogue, {
      serviceId: query.serviceId,
      practitionerId: query.practitionerId,
      locationId: query.locationId,
    })
    if (!offering) throw notFound('service')
    if (query.practitionerId && offering.practitionerIds.length === 0) {
      throw notFound('practitioner offering this service')
    }
    if (!offering.locationFound) throw notFound('location')
    const { service } = offering
    const schedules = await loadSchedules(
      db,
      clinic.id,
      catalogue,
      offering.practitionerIds,
      spanForDates(query.from, query.to),
      new Date(at),
    )
    const result = computeAvailability({
      timeZone: clinic.timeZone,
      from: query.from,
      to: query.to,
      now: at,
      service: serviceRules(service),
      practitioners: schedules,
      ...(query.locationId ? { locationId: query.locationId } : {}),
    })
    return c.json(
      {
        serviceId: service.id,
        timeZone: clinic.timeZone,
        days: result.days.map((day) => ({
          date: day.date,
          slots: day.slots.map((slot) => ({
            startsAt: new Date(slot.startsAt).toISOString(),
            endsAt: new Date(slot.endsAt).toISOString(),
            localTime: slot.localTime,
            utcOffsetMinutes: slot.utcOffsetMinutes,
            practitionerIds: slot.practitionerIds,
          })),
        })),
      },
      200,
    )
  })

  return app
}
