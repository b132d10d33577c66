// FHIR R4 Questionnaire / QuestionnaireResponse import and export, gathered for `fhir.*` in the main
// entry: FHIR's general names (Address, Extension, Reference…) stay out of the package's top level.
export * from './fhir.js'
export * from './fhir-questionnaire.js'
export * from './fhir-questionnaire-import.js'
export * from './fhir-response.js'
export * from './fhir-schema.js'
