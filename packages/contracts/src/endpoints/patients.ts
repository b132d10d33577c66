// Patients: the record, correction, export, erasure, restriction and legal holds.
import * as z from 'zod'
import { Id } from '../common.js'
import {
  CreateLegalHold,
  ErasureReport,
  ExportQuery,
  LegalHold,
  PatientRecord,
  PatientSearch,
  PatientSearchResults,
  SetRestriction,
  UpdatePatient,
} from '../patients.js'
import { defineEndpoints, json, jsonBody } from './define.js'
import { IdParam } from './params.js'

export const patientsEndpoints = defineEndpoints({
  searchPatients: {
    principals: ['secret'],
    permission: 'patient:read',
    method: 'post',
    path: '/v1/patients/search',
    tags: ['Patients'],
    summary: "Find the clinic's patients by email, phone or name",
    description:
      "Email and phone match exactly (email ignoring case, phone as E.164) through keyed blind indexes, so the database never holds them in clear. Name matches any part of the name, ignoring case and accents: the clinic's patients are opened in the API to compare. A practitioner finds their own patients only. Each patient found is an audited read. Erased patients are not found.",
    request: { body: jsonBody(PatientSearch) },
    responses: { 200: json(PatientSearchResults, 'The patients found, newest first') },
  },
  getPatient: {
    principals: ['secret'],
    permission: 'patient:read',
    method: 'get',
    path: '/v1/patients/{id}',
    tags: ['Patients'],
    summary: "The clinic's record of a patient",
    request: { params: IdParam },
    responses: { 200: json(PatientRecord, 'The patient') },
  },
  correctPatient: {
    principals: ['secret'],
    permission: 'patient:manage',
    method: 'patch',
    path: '/v1/patients/{id}',
    tags: ['Patients'],
    summary: "Correct a patient's details (GDPR Art. 16)",
    description:
      'The change is audited; intake answers and consent records stay as the patient gave them. An email or phone another patient of the clinic already has with the same date of birth answers 409 PATIENT_CONFLICT.',
    request: { params: IdParam, body: jsonBody(UpdatePatient) },
    responses: {
      200: json(PatientRecord, 'The corrected patient'),
    },
    errors: ['PATIENT_ERASED', 'PATIENT_CONFLICT'],
  },
  exportPatient: {
    principals: ['secret'],
    permission: 'rights:manage',
    method: 'get',
    path: '/v1/patients/{id}/export',
    tags: ['Patients'],
    summary: 'Everything the clinic holds about the patient, as JSON or a FHIR R4 Bundle (GDPR Art. 15, 20)',
    description:
      'The patient, their bookings, intake responses with answers, consent records, the messages sent them, and the audit of who accessed any of it. `format=fhir` answers a Bundle of Patient, Appointment, QuestionnaireResponse, Consent and AuditEvent resources, with the Organization, Practitioners, Locations and consent texts (DocumentReference) they name; `type=transaction` makes it a Bundle to POST to a FHIR server as it is (docs/fhir.md).',
    request: { params: IdParam, query: ExportQuery },
    responses: { 200: json(z.record(z.string(), z.unknown()), 'The export') },
  },
  erasePatient: {
    principals: ['secret'],
    permission: 'rights:manage',
    method: 'post',
    path: '/v1/patients/{id}/erasure',
    tags: ['Patients'],
    summary: "Erase the patient's personal data, keeping what legal holds keep (GDPR Art. 17)",
    description:
      'Details, booking notes, intake answers and files, and consent evidence go; bookings and records stay as anonymous rows so the calendar and the consent chain still add up. With any legal hold on the patient their details stay and processing is restricted instead. The report says what went and what stayed, and why.',
    request: { params: IdParam },
    responses: { 200: json(ErasureReport, 'What was erased and what was kept') },
  },
  setPatientRestriction: {
    principals: ['secret'],
    permission: 'rights:manage',
    method: 'put',
    path: '/v1/patients/{id}/restriction',
    tags: ['Patients'],
    summary: 'Restrict processing (GDPR Art. 18, 21): stored only, no messages; or lift it',
    request: { params: IdParam, body: jsonBody(SetRestriction) },
    responses: { 200: json(PatientRecord, 'The patient') },
  },
  listLegalHolds: {
    principals: ['secret'],
    permission: 'rights:manage',
    method: 'get',
    path: '/v1/patients/{id}/legal-holds',
    tags: ['Patients'],
    summary: "The patient's legal holds, released ones included",
    request: { params: IdParam },
    responses: { 200: json(z.object({ data: z.array(LegalHold) }), 'The holds') },
  },
  placeLegalHold: {
    principals: ['secret'],
    permission: 'rights:manage',
    method: 'post',
    path: '/v1/patients/{id}/legal-holds',
    tags: ['Patients'],
    summary: "Keep kinds of the patient's records whatever erasure or retention would remove",
    request: { params: IdParam, body: jsonBody(CreateLegalHold) },
    responses: { 201: json(LegalHold, 'The hold') },
  },
  releaseLegalHold: {
    principals: ['secret'],
    permission: 'rights:manage',
    method: 'post',
    path: '/v1/legal-holds/{id}/release',
    tags: ['Patients'],
    summary: 'Release a legal hold; what it kept is then subject to erasure and retention again',
    request: { params: z.object({ id: Id }) },
    responses: { 200: json(LegalHold, 'The released hold') },
  },
})
