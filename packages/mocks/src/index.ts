// @frontdesk/mocks: msw handlers that answer like the Frontdesk API, and the demo clinic they answer with.
export { createFrontdeskHandlers, type FrontdeskHandlersOptions } from './create-handlers.js'
export type { MockConsentDocument, MockConsentVersion } from './demo-consent-documents.js'
export type { MockIntakeForm } from './demo-intake-forms.js'
export { demoClinic, type MockClinic, type MockWeeklyHours } from './seed.js'
