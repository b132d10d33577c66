// The clients: createFrontdesk for browsers (publishable key), createFrontdeskAdmin for servers (secret key)
// and createFrontdeskStaff for the staff console (the signed-in member's session cookie).
import { endpoints, type Practitioner, type StaffMe } from '@frontdesk/contracts'
import { createTransport, type Transport } from './core/transport.js'
import { type AuditResource, auditResource } from './resources/audit.js'
import { type AvailabilityResource, availabilityResource } from './resources/availability.js'
import {
  type AdminBookingsResource,
  adminBookingsResource,
  type BookingsResource,
  bookingsResource,
} from './resources/bookings.js'
import {
  type AdminCatalogueResource,
  adminCatalogueResource,
  type CatalogueResource,
  catalogueResource,
} from './resources/catalogue.js'
import { type ClinicLeaveResource, clinicLeaveResource } from './resources/clinic-leave.js'
import {
  type AdminConsentResource,
  adminConsentResource,
  type ConsentResource,
  consentResource,
} from './resources/consent.js'
import { type AdminHoldsResource, type HoldsResource, holdsResource } from './resources/holds.js'
import {
  type AdminIntakeFormsResource,
  adminIntakeFormsResource,
  type IntakeFormsResource,
  intakeFormsResource,
} from './resources/intake.js'
import {
  type IntakeDraftsResource,
  type IntakeResponsesResource,
  intakeDraftsResource,
  intakeResponsesResource,
} from './resources/intake-responses.js'
import { type KeysResource, keysResource } from './resources/keys.js'
import { type MessagesResource, messagesResource } from './resources/messages.js'
import { type PatientsResource, patientsResource } from './resources/patients.js'
import { type RetentionResource, retentionResource } from './resources/retention.js'
import {
  type AdminRightsRequestsResource,
  adminRightsRequestsResource,
  type RightsRequestsResource,
  rightsRequestsResource,
} from './resources/rights-requests.js'
import { type SchedulesResource, schedulesResource } from './resources/schedules.js'
import { type SettingsResource, settingsResource } from './resources/settings.js'
import { type WebhooksResource, webhooksResource } from './resources/webhooks.js'
import type {
  FrontdeskAdminOptions,
  FrontdeskOptions,
  FrontdeskStaffOptions,
  RequestOptions,
} from './types/options.js'

export interface Frontdesk {
  catalogue: CatalogueResource
  availability: AvailabilityResource
  holds: HoldsResource
  bookings: BookingsResource
  intake: { forms: IntakeFormsResource; drafts: IntakeDraftsResource }
  consent: ConsentResource
  /** A patient's own requests about their data, confirmed by a code sent to them. */
  rightsRequests: RightsRequestsResource
}

export interface FrontdeskAdmin {
  catalogue: AdminCatalogueResource
  availability: AvailabilityResource
  holds: AdminHoldsResource
  bookings: AdminBookingsResource
  schedules: SchedulesResource
  keys: KeysResource
  settings: SettingsResource
  intake: { forms: AdminIntakeFormsResource; responses: IntakeResponsesResource }
  consent: AdminConsentResource
  audit: AuditResource
  webhooks: WebhooksResource
  messages: MessagesResource
  patients: PatientsResource
  rightsRequests: AdminRightsRequestsResource
  retention: RetentionResource
}

export interface FrontdeskStaff extends FrontdeskAdmin {
  /** The signed-in staff member, their clinic, role and permissions; 401 without a session. */
  me(options?: RequestOptions): Promise<StaffMe>
  /** The owner's way out: the clinic's whole archive, and closing the clinic. */
  leave: ClinicLeaveResource
  /** Which staff account is each practitioner (`staff:manage`; sessions only, as secret keys manage no staff). */
  practitionerAccounts: {
    /**
     * Links a practitioner member (their user id) to the practitioner, whose calendar is then the only one
     * that member reads; null unlinks. The account leaves any practitioner it was linked to before.
     */
    link(practitionerId: string, userId: string | null, options?: RequestOptions): Promise<Practitioner>
  }
}

/**
 * For the patient's side, in a browser (or Node with `origin`): catalogue, availability, holds, bookings,
 * intake, consent and rights requests, with the patient's tokens where a call needs one.
 */
export function createFrontdesk(options: FrontdeskOptions): Frontdesk {
  const { publishableKey } = options
  if (typeof publishableKey !== 'string' || !/^pk_(test|live)_/.test(publishableKey)) {
    throw new TypeError(
      typeof publishableKey === 'string' && publishableKey.startsWith('sk_')
        ? 'createFrontdesk takes a publishable key (pk_…). A secret key must never reach a browser: revoke this one, and use createFrontdeskAdmin on your server'
        : 'publishableKey must be a Frontdesk publishable key starting with pk_test_ or pk_live_',
    )
  }
  const transport = createTransport({
    baseUrl: options.baseUrl,
    token: publishableKey,
    fetch: options.fetch,
    // The API compares origins exactly; `http://localhost:5173/` should still mean the origin.
    origin: options.origin === undefined ? undefined : new URL(options.origin).origin,
    maxRetries: options.maxRetries,
    timeout: options.timeout,
  })
  return {
    catalogue: catalogueResource(transport),
    availability: availabilityResource(transport),
    holds: holdsResource(transport),
    bookings: bookingsResource(transport),
    intake: { forms: intakeFormsResource(transport), drafts: intakeDraftsResource(transport) },
    consent: consentResource(transport),
    rightsRequests: rightsRequestsResource(transport),
  }
}

/** For the clinic's own servers: everything the publishable client does, plus patient data and configuration. */
export function createFrontdeskAdmin(options: FrontdeskAdminOptions): FrontdeskAdmin {
  const { secretKey } = options
  if (typeof secretKey !== 'string' || !/^sk_(test|live)_/.test(secretKey)) {
    throw new TypeError(
      typeof secretKey === 'string' && secretKey.startsWith('pk_')
        ? 'createFrontdeskAdmin takes a secret key (sk_…); for a publishable key use createFrontdesk'
        : 'secretKey must be a Frontdesk secret key starting with sk_test_ or sk_live_',
    )
  }
  const transport = createTransport({
    baseUrl: options.baseUrl,
    token: secretKey,
    fetch: options.fetch,
    maxRetries: options.maxRetries,
    timeout: options.timeout,
  })
  return adminResources(transport)
}

/**
 * For the staff console, on the API's own origin: what the admin client does, as the signed-in staff member
 * and within what their role allows. It sends no key; the session cookie (httpOnly, set by `/api/auth`)
 * travels with each request.
 */
export function createFrontdeskStaff(options: FrontdeskStaffOptions): FrontdeskStaff {
  const transport = createTransport({
    baseUrl: options.baseUrl,
    credentials: 'include',
    fetch: options.fetch,
    maxRetries: options.maxRetries,
    timeout: options.timeout,
  })
  return {
    ...adminResources(transport),
    me: (requestOptions) => transport.call(endpoints.getStaffMe, { options: requestOptions }),
    leave: clinicLeaveResource(transport),
    practitionerAccounts: {
      link: (practitionerId, userId, requestOptions) =>
        transport.call(endpoints.linkPractitionerAccount, {
          params: { id: practitionerId },
          body: { userId },
          options: requestOptions,
        }),
    },
  }
}

function adminResources(transport: Transport): FrontdeskAdmin {
  return {
    catalogue: adminCatalogueResource(transport),
    availability: availabilityResource(transport),
    holds: holdsResource(transport),
    bookings: adminBookingsResource(transport),
    schedules: schedulesResource(transport),
    keys: keysResource(transport),
    settings: settingsResource(transport),
    intake: { forms: adminIntakeFormsResource(transport), responses: intakeResponsesResource(transport) },
    consent: adminConsentResource(transport),
    audit: auditResource(transport),
    webhooks: webhooksResource(transport),
    messages: messagesResource(transport),
    patients: patientsResource(transport),
    rightsRequests: adminRightsRequestsResource(transport),
    retention: retentionResource(transport),
  }
}
