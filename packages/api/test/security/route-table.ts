// Every /v1 route: who may call it, a valid request in clinic A, bad inputs, and requests naming another clinic's ids.
import type { Harness } from '../harness.js'
import type { RouteSpec } from './route-spec.js'
import { auditRoutes } from './routes-audit.js'
import { bookingRoutes } from './routes-booking.js'
import { catalogueRoutes } from './routes-catalogue.js'
import { consentRoutes } from './routes-consent.js'
import { intakeRoutes } from './routes-intake.js'
import { intakeResponseRoutes } from './routes-intake-responses.js'
import { keyRoutes } from './routes-keys.js'
import { messageRoutes } from './routes-messages.js'
import { patientRoutes } from './routes-patients.js'
import { rightsRoutes } from './routes-rights.js'
import { scheduleRoutes } from './routes-schedules.js'
import { webhookRoutes } from './routes-webhooks.js'

export type { RouteRequest, RouteSpec } from './route-spec.js'

export function routeTable(harness: Harness): RouteSpec[] {
  return [
    ...catalogueRoutes(harness),
    ...scheduleRoutes(harness),
    ...bookingRoutes(harness),
    ...keyRoutes(harness),
    ...intakeRoutes(harness),
    ...intakeResponseRoutes(harness),
    ...consentRoutes(harness),
    ...auditRoutes(harness),
    ...webhookRoutes(harness),
    ...messageRoutes(harness),
    ...patientRoutes(harness),
    ...rightsRoutes(harness),
  ]
}
