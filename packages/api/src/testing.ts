// @frontdesk/api/testing: what tests, benchmarks and the demo need beyond the library entry (storage
// internals, the engine, the signature Twilio puts on its webhooks), so that nothing outside this package
// reaches into its source. Not a stable API: it moves with the package's insides.

export { catalogueFor } from './availability/catalogue-cache.js'
export { computeAvailability } from './availability/engine.js'
export { serviceRules } from './availability/offering.js'
export { loadSchedules, spanForDates } from './availability/schedule-store.js'
export { findService } from './catalogue/services.js'
export { sealText, textPurpose } from './crypto/sealed-text.js'
export { type ChangeFeed, listenOnServer } from './db/change-feed.js'
export type { Database } from './db/schema.js'
export { APP_ROLE, scopedPool, withClinic } from './db/tenant-scope.js'
export type { MessagingDeps } from './env.js'
export * from './index.js'
export { messageSettings } from './messages/settings.js'
export type { OutgoingEmail } from './messages/transports.js'
export { twilioSignature } from './messages/twilio-signature.js'
export { sealPatient } from './patients/sealed-identity.js'
export { RATE_POLICIES, rateLimitsFromEnv } from './rate-limit/policies.js'
export { openRateLimits } from './rate-limit/rate-limits.js'
export { addStaffMember } from './staff/accounts.js'
