// @frontdesk/contracts/demo: the demo clinic's content (its intake forms and consent documents), as
// the API's seed creates it and the mocks answer it, written once for both and for the tests.
export * from './consent-documents.js'
export * from './intake-forms.js'
