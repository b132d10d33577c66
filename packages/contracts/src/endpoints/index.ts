// The endpoint table: every operation the API answers, in one place. The API declares its routes from it,
// /openapi.json is generated from it, the SDK's methods are typed from it and the mocks answer from it.
import { auditEndpoints } from './audit.js'
import { bookingEndpoints } from './booking.js'
import { catalogueEndpoints } from './catalogue.js'
import { clinicLeaveEndpoints } from './clinic-leave.js'
import { consentEndpoints } from './consent.js'
import type { Endpoint } from './define.js'
import { frameEndpoints } from './frames.js'
import { hostedPageEndpoints } from './hosted-pages.js'
import { intakeEndpoints } from './intake.js'
import { intakeResponsesEndpoints } from './intake-responses.js'
import { keysEndpoints } from './keys.js'
import { messagesEndpoints } from './messages.js'
import { patientPageEndpoints } from './patient-pages.js'
import { patientsEndpoints } from './patients.js'
import { platformEndpoints } from './platform.js'
import { rightsEndpoints } from './rights.js'
import { schedulesEndpoints } from './schedules.js'
import { staffEndpoints } from './staff.js'
import { webhooksEndpoints } from './webhooks.js'

export * from './body-limits.js'
export * from './define.js'
export { FRAME_ELEMENT_NAMES, WidgetFrameParams, WidgetFrameQuery } from './frames.js'
export * from './params.js'
export {
  Health,
  Readiness,
  WIDGET_SCRIPT_NAMES,
  WidgetManifest,
  WidgetScript,
  type WidgetScriptName,
} from './platform.js'

export const endpoints = {
  ...platformEndpoints,
  ...frameEndpoints,
  ...patientPageEndpoints,
  ...hostedPageEndpoints,
  ...bookingEndpoints,
  ...catalogueEndpoints,
  ...schedulesEndpoints,
  ...keysEndpoints,
  ...intakeEndpoints,
  ...intakeResponsesEndpoints,
  ...consentEndpoints,
  ...auditEndpoints,
  ...webhooksEndpoints,
  ...messagesEndpoints,
  ...patientsEndpoints,
  ...rightsEndpoints,
  ...staffEndpoints,
  ...clinicLeaveEndpoints,
}

export type Endpoints = typeof endpoints
export type OperationId = keyof Endpoints

/**
 * An operation's method and path as the table writes them, for code that names an operation without loading
 * the table (the widgets' bundle, which would carry every zod schema with it): a literal that is not the
 * table's fails to compile.
 */
export type EndpointMethod<Id extends OperationId> = Endpoints[Id]['method']
export type EndpointPath<Id extends OperationId> = Endpoints[Id]['path']

/** Every row, for code that walks the table (the API's start-up check, the spec, coverage tests). */
export const endpointList: readonly Endpoint[] = Object.values(endpoints)
