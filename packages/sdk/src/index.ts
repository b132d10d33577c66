// @frontdesk/sdk: a typed client for the Frontdesk API, for browsers and Node.
export type {
  Answers,
  ApiKey,
  ApiKeyCreated,
  ApiKeyRolled,
  Availability,
  AvailabilityDay,
  AvailabilityTimes,
  AvailabilityTimesDay,
  AvailableSlot,
  Booking,
  BookingCreated,
  BookingRecord,
  BookingStatus,
  ChainHead,
  Clinic,
  ClinicSettings,
  ConsentChainCheck,
  ConsentDocument,
  ConsentDocumentVersion,
  ConsentReceipt,
  ConsentRecord,
  ConsentRecorded,
  ConsentRecordPage,
  ConsentState,
  DateOverride,
  ErasureReport,
  ErrorCode,
  FieldIssue,
  FormDefinition,
  FormItem,
  Hold,
  HoldCreated,
  IntakeDraft,
  IntakeDraftCreated,
  IntakeFile,
  IntakeForm,
  IntakeFormVersion,
  IntakeResponse,
  IntakeResponseSummary,
  IntakeSubmitted,
  LegalHold,
  Location,
  Message,
  MessageChannel,
  MessageKind,
  MessageLanguage,
  MessageSettings,
  MessageStatus,
  Patient,
  PatientExport,
  PatientRecord,
  Practitioner,
  RecordKind,
  RetentionDryRun,
  RetentionPolicy,
  RetentionRun,
  RightsRequest,
  RightsRequestKind,
  RightsRequestStarted,
  Service,
  StaffMe,
  TimeOff,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEvent,
  WebhookSecret,
  WeeklyHours,
} from '@frontdesk/contracts'
/** Turns a day of `availability.times()` into instants (and practitioner ids, when asked for). */
export { type ExpandedTime, expandTimes } from '@frontdesk/contracts'
export {
  createFrontdesk,
  createFrontdeskAdmin,
  createFrontdeskStaff,
  type Frontdesk,
  type FrontdeskAdmin,
  type FrontdeskStaff,
} from './client.js'
export * from './errors/index.js'
export type { AuditEventListParams, AuditResource } from './resources/audit.js'
export type { AvailabilityResource } from './resources/availability.js'
export type { AdminBookingsResource, BookingsResource } from './resources/bookings.js'
export type { AdminCatalogueResource, CatalogueResource } from './resources/catalogue.js'
export type { ClinicLeaveResource } from './resources/clinic-leave.js'
export type {
  AdminConsentResource,
  ConsentRecordListParams,
  ConsentResource,
  RecordConsentParams,
} from './resources/consent.js'
export type { AdminHoldsResource, HoldsResource } from './resources/holds.js'
export type { AdminIntakeFormsResource, IntakeFormsResource } from './resources/intake.js'
export type {
  DraftAnswers,
  IntakeDraftsResource,
  IntakeResponseListParams,
  IntakeResponsesResource,
} from './resources/intake-responses.js'
export type { KeysResource } from './resources/keys.js'
export type { MessageListParams, MessagesResource } from './resources/messages.js'
export type { PatientsResource } from './resources/patients.js'
export type { RetentionResource } from './resources/retention.js'
export type {
  AdminRightsRequestsResource,
  RightsRequestsResource,
  RightsRequestVerified,
} from './resources/rights-requests.js'
export type { SchedulesResource } from './resources/schedules.js'
export type { SettingsResource } from './resources/settings.js'
export type { WebhooksResource } from './resources/webhooks.js'
export type {
  FrontdeskAdminOptions,
  FrontdeskOptions,
  FrontdeskStaffOptions,
  ManageTokenOptions,
  ReceiptTokenOptions,
  RequestOptions,
  ResumeTokenOptions,
  VisitTokenOptions,
} from './types/options.js'
export type * from './types/params.js'
export type { FhirBundle, FhirConsent } from './utils/fhir.js'
export * from './utils/type-guards.js'
export { type VerifyWebhookOptions, verifyWebhook, WebhookSignatureError } from './webhooks/verify.js'
