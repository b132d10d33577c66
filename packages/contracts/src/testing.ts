// Test data other packages check themselves against: the intake cases every validator (the browser's, the
// server's) must judge alike. Published so tests outside this package need not reach into its source.

export { LIFELINES_QUESTIONNAIRE } from './intake/fhir-examples.js'
export { INTAKE_CASES, type IntakeCase, TODAY } from './intake/validate.cases.js'
