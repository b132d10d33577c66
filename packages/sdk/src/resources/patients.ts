// Patients (admin client only): the clinic's record of a patient and the patient's rights over it: read,
// correct, export, erase, restrict processing, and the legal holds that keep records whatever erasure says.
import {
  type ErasureReport,
  endpoints,
  type LegalHold,
  type PatientExport,
  PatientExport as PatientExportSchema,
  type PatientRecord,
  type PatientSearch,
} from '@frontdesk/contracts'
import type * as z from 'zod'
import type { Transport } from '../core/transport.js'
import type { RequestOptions } from '../types/options.js'
import type { CorrectPatientParams, List, PlaceLegalHoldParams } from '../types/params.js'
import { FhirBundle } from '../utils/fhir.js'

export interface PatientsResource {
  /**
   * Finds patients by exactly one of `email`, `phone` (exact matches) or `name` (any part, ignoring case
   * and accents), newest first. The terms travel in the request body, never in the URL.
   */
  search(params: PatientSearch, options?: RequestOptions): Promise<List<PatientRecord>>
  /** The clinic's record: details, and whether processing is restricted or the patient was erased. */
  get(patientId: string, options?: RequestOptions): Promise<PatientRecord>
  /**
   * Corrects the details given (GDPR Art. 16); intake answers and consent records stay as the patient gave
   * them. An erased patient fails with PATIENT_ERASED, details another patient has with PATIENT_CONFLICT.
   */
  correct(patientId: string, params: CorrectPatientParams, options?: RequestOptions): Promise<PatientRecord>
  /** Everything the clinic holds about the patient (GDPR Art. 15, 20), and who accessed it. */
  export(patientId: string, options?: RequestOptions): Promise<PatientExport>
  /** The same as a FHIR R4 Bundle of Patient, Appointment, QuestionnaireResponse, Consent and AuditEvent. */
  exportFhir(patientId: string, options?: RequestOptions): Promise<FhirBundle>
  /**
   * Erases the patient's personal data (GDPR Art. 17). What a legal hold keeps stays, and then the details
   * stay too with processing restricted; the report says what went and what stayed, and why.
   */
  erase(patientId: string, options?: RequestOptions): Promise<ErasureReport>
  /** Restricts processing (GDPR Art. 18, 21): the record is kept, and no message goes out. */
  restrict(patientId: string, params?: { reason?: string }, options?: RequestOptions): Promise<PatientRecord>
  liftRestriction(patientId: string, options?: RequestOptions): Promise<PatientRecord>
  legalHolds: {
    /** The patient's holds, released ones included. */
    list(patientId: string, options?: RequestOptions): Promise<List<LegalHold>>
    /** Keeps the kinds of records named whatever erasure or retention would remove, until released or `until`. */
    place(patientId: string, params: PlaceLegalHoldParams, options?: RequestOptions): Promise<LegalHold>
    /** What the hold kept is subject to erasure and retention again. */
    release(holdId: string, options?: RequestOptions): Promise<LegalHold>
  }
}

export function patientsResource(transport: Transport): PatientsResource {
  const setRestriction = (
    patientId: string,
    restricted: boolean,
    reason?: string,
    options?: RequestOptions,
  ) =>
    transport.call(endpoints.setPatientRestriction, {
      params: { id: patientId },
      body: { restricted, reason },
      options,
    })
  // The table answers any object, as one operation serves both formats; each method reads its own.
  const exportAs = <S extends z.ZodType<object>>(
    patientId: string,
    format: 'json' | 'fhir',
    schema: S,
    options: RequestOptions | undefined,
  ) =>
    transport.call(endpoints.exportPatient, { params: { id: patientId }, query: { format }, options, schema })
  return {
    search: (params, options) => transport.call(endpoints.searchPatients, { body: params, options }),
    get: (patientId, options) => transport.call(endpoints.getPatient, { params: { id: patientId }, options }),
    correct: (patientId, params, options) =>
      transport.call(endpoints.correctPatient, { params: { id: patientId }, body: params, options }),
    export: (patientId, options) => exportAs(patientId, 'json', PatientExportSchema, options),
    exportFhir: (patientId, options) => exportAs(patientId, 'fhir', FhirBundle, options),
    erase: (patientId, options) =>
      transport.call(endpoints.erasePatient, { params: { id: patientId }, options }),
    restrict: (patientId, params = {}, options) => setRestriction(patientId, true, params.reason, options),
    liftRestriction: (patientId, options) => setRestriction(patientId, false, undefined, options),
    legalHolds: {
      list: (patientId, options) =>
        transport.call(endpoints.listLegalHolds, { params: { id: patientId }, options }),
      place: (patientId, params, options) =>
        transport.call(endpoints.placeLegalHold, { params: { id: patientId }, body: params, options }),
      release: (holdId, options) =>
        transport.call(endpoints.releaseLegalHold, { params: { id: holdId }, options }),
    },
  }
}
