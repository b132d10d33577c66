// The patient's export as a FHIR R4 Bundle: Patient, Appointment, QuestionnaireResponse, Consent and
// AuditEvent, with the clinic, practitioners, locations and consent texts they name, so every reference
// resolves inside the Bundle; as a `collection` to read, or a `transaction` to POST to a FHIR server.
import { type ExportQuery, fhir } from '@frontdesk/contracts'
import type { Kysely } from 'kysely'
import { toFhirConsent, withdrawalsOf } from '../consent/fhir-consent.js'
import type { Database } from '../db/schema.js'
import { type FhirResource, toBundle } from '../fhir/bundle.js'
import { consentTextsOf, locationsOf, organizationOf, practitionersOf } from '../fhir/clinic-resources.js'
import { identifierFor, referenceTo, toFhirId } from '../fhir/ids.js'
import type { PatientExport } from './export.js'

/** The export in the format asked for: the JSON as it is, or a FHIR Bundle of the type asked for. */
export async function exportAs(db: Kysely<Database>, data: PatientExport, query: ExportQuery) {
  return query.format === 'fhir' ? toFhirBundle(db, data, query.type) : data
}

export async function toFhirBundle(
  db: Kysely<Database>,
  data: PatientExport,
  type: 'collection' | 'transaction',
): Promise<Record<string, unknown>> {
  const { clinicSide, patientSide } = await fhirResourcesOf(db, data)
  return toBundle([patientSide[0]!, ...clinicSide, ...patientSide.slice(1)], {
    type,
    timestamp: data.exportedAt,
  })
}

/**
 * The export as FHIR resources with plain `Type/id` references: the patient's own (Patient first, then
 * Appointment, QuestionnaireResponse, Consent, AuditEvent) and the clinic's they name. A Bundle gathers
 * them (above); the clinic's archive writes them as NDJSON, the clinic's side once for all patients.
 */
export async function fhirResourcesOf(
  db: Kysely<Database>,
  data: PatientExport,
): Promise<{ clinicSide: FhirResource[]; patientSide: FhirResource[] }> {
  const clinicId = data.clinic.id
  const patientRef = referenceTo('Patient', data.patient.id)
  const [practitioners, locations, consentTexts, withdrawals] = await Promise.all([
    practitionersOf(
      db,
      clinicId,
      data.bookings.map((booking) => booking.practitionerId),
    ),
    locationsOf(
      db,
      clinicId,
      data.bookings.flatMap((booking) => (booking.locationId ? [booking.locationId] : [])),
    ),
    consentTextsOf(db, clinicId, data.consentRecords),
    withdrawalsOf(
      db,
      clinicId,
      data.consentRecords.map((record) => record.id),
    ),
  ])
  const patient: FhirResource = {
    resourceType: 'Patient',
    id: toFhirId(data.patient.id),
    identifier: [identifierFor('Patient', data.patient.id)],
    ...(data.patient.name && { name: [{ text: data.patient.name }] }),
    telecom: [
      ...(data.patient.email ? [{ system: 'email', value: data.patient.email }] : []),
      ...(data.patient.phone ? [{ system: 'phone', value: data.patient.phone }] : []),
    ],
    ...(data.patient.dateOfBirth && { birthDate: data.patient.dateOfBirth }),
    managingOrganization: referenceTo('Organization', clinicId),
  }
  if (!(patient.telecom as unknown[]).length) delete patient.telecom
  const appointments = data.bookings.map((booking) => ({
    resourceType: 'Appointment',
    id: toFhirId(booking.id),
    identifier: [identifierFor('Appointment', booking.id)],
    status: booking.status === 'cancelled' ? 'cancelled' : 'booked',
    start: booking.startsAt,
    end: booking.endsAt,
    ...(booking.notes && { comment: booking.notes }),
    serviceType: [{ coding: [{ system: 'urn:frontdesk:service', code: booking.serviceId }] }],
    participant: [
      { actor: patientRef, status: 'accepted' },
      { actor: referenceTo('Practitioner', booking.practitionerId), status: 'accepted' },
      ...(booking.locationId
        ? [{ actor: referenceTo('Location', booking.locationId), status: 'accepted' }]
        : []),
    ],
  }))
  const questionnaireResponses = data.intakeResponses.map((response) => ({
    ...(fhir.toQuestionnaireResponse(response.definition, response.answers, {
      questionnaire: `urn:frontdesk:intake-form:${response.formId}|${response.version}`,
      status: response.status === 'submitted' ? 'completed' : 'in-progress',
      ...(response.submittedAt && { authored: response.submittedAt }),
    }) as unknown as Record<string, unknown>),
    id: toFhirId(response.id),
    identifier: identifierFor('QuestionnaireResponse', response.id),
    subject: patientRef,
  }))
  const consents = data.consentRecords.map((record) => ({
    ...toFhirConsent(record, { clinicId, withdrawnAt: withdrawals.get(record.id) }),
    patient: patientRef,
  }))
  const auditEvents = data.access.map((event, index) => ({
    resourceType: 'AuditEvent',
    // Derived, not a Frontdesk id: the patient's, then the event's place in the export.
    id: `${toFhirId(data.patient.id)}.${index + 1}`,
    type: { system: 'urn:frontdesk:audit-action', code: event.action },
    recorded: event.at,
    agent: [
      {
        who: { identifier: { system: `urn:frontdesk:${event.actor.type}`, value: event.actor.id } },
        requestor: true,
      },
    ],
    source: { observer: { display: 'Frontdesk' } },
    entity: [
      { what: { identifier: { system: `urn:frontdesk:${event.object.type}`, value: event.object.id } } },
    ],
  }))
  return {
    clinicSide: [organizationOf(data.clinic), ...practitioners, ...locations, ...consentTexts],
    patientSide: [
      patient,
      ...appointments,
      ...questionnaireResponses,
      ...consents,
      ...auditEvents,
    ] as FhirResource[],
  }
}
