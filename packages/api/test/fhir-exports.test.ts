// Every FHIR export as a strict R4 server takes it: valid by HL7's R4 JSON schema and by FHIR.js, ids R4
// allows, and Bundles whose every reference resolves inside them, the same fullUrl for a record in each.
import { NEW_PATIENT_HISTORY } from '@frontdesk/contracts/demo'
import { describe, expect, it } from 'vitest'
import { fhirErrors, schemaErrors, unresolvedReferences, validatorErrors } from './fhir-check.js'
import { createTestClinic, type Harness, type TestClinic, useHarness } from './harness.js'
import { patientWithHistory } from './patient-history.js'

const harness = useHarness()
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/

interface Entry {
  fullUrl: string
  resource: { resourceType: string; id?: string; [key: string]: unknown }
  request?: { method: string; url: string }
}

async function fhirGet(h: Harness, clinic: TestClinic, path: string) {
  const answer = await h.call('GET', path, { token: clinic.sk })
  expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  expect(answer.headers.get('content-type')).toMatch(/^application\/fhir\+json/)
  return answer.body
}

/** What a strict server checks of a Bundle, beside the tools: ids, one fullUrl each, and references. */
function expectStrictBundle(bundle: { entry: Entry[] }) {
  expect(fhirErrors(bundle as never)).toEqual([])
  expect(unresolvedReferences(bundle)).toEqual([])
  const fullUrls = bundle.entry.map((entry) => entry.fullUrl)
  expect(new Set(fullUrls).size).toBe(fullUrls.length)
  for (const entry of bundle.entry) {
    expect(entry.fullUrl).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    if (entry.resource.id !== undefined) expect(entry.resource.id).toMatch(FHIR_ID)
  }
}

const byType = (bundle: { entry: Entry[] }, type: string) =>
  bundle.entry.filter((entry) => entry.resource.resourceType === type)

describe('the tools that judge the exports', () => {
  it('find what a strict server refuses', () => {
    const consent = {
      resourceType: 'Consent',
      id: 'cons_Ab12',
      status: 'activ',
      scope: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'treatment' }],
      },
      category: [{ text: 'Patient Consent' }],
      patient: { reference: 'Patient/pat-Ab12' },
    }
    expect(schemaErrors(consent).join('\n')).toMatch(/\/id must match pattern/)
    expect(validatorErrors(consent)).toEqual(['Consent.status: Code "activ" not found in value set'])
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: 'urn:frontdesk:consent:cons_Ab12', resource: consent },
        { fullUrl: 'urn:frontdesk:patient:pat_Ab12', resource: { resourceType: 'Patient', id: 'pat-Ab12' } },
      ],
    }
    expect(unresolvedReferences(bundle)).toEqual(['urn:frontdesk:consent:cons_Ab12 → Patient/pat-Ab12'])
    // Against RESTful fullUrls the same relative reference resolves.
    bundle.entry[0]!.fullUrl = 'https://ehr.example/fhir/Consent/cons-Ab12'
    bundle.entry[1]!.fullUrl = 'https://ehr.example/fhir/Patient/pat-Ab12'
    expect(unresolvedReferences(bundle)).toEqual([])
  })
})

describe('FHIR exports', () => {
  it('a form version as a Questionnaire, and answers as a QuestionnaireResponse', async () => {
    const clinic = await createTestClinic(harness)
    const form = await harness.call('POST', '/v1/intake/forms', {
      token: clinic.sk,
      body: { name: 'New patient history', definition: NEW_PATIENT_HISTORY },
    })
    const questionnaire = await fhirGet(harness, clinic, `/v1/intake/forms/${form.body.id}/versions/1/fhir`)
    expect(fhirErrors(questionnaire)).toEqual([])
    const mine = await patientWithHistory(harness, clinic, 'Answers')
    const exported = await harness.call('GET', `/v1/patients/${mine.patientId}/export`, { token: clinic.sk })
    const responseId = exported.body.intakeResponses[0].id
    const response = await fhirGet(harness, clinic, `/v1/intake/responses/${responseId}/fhir`)
    expect(fhirErrors(response)).toEqual([])
  })

  it('consent: a withdrawn Consent reads inactive, the withdrawal is its own, the Bundle resolves', async () => {
    const clinic = await createTestClinic(harness)
    const mine = await patientWithHistory(harness, clinic, 'Withdraws')
    const withdrawal = await harness.call('POST', `/v1/consent/records/${mine.recordId}/withdraw`, {
      token: clinic.sk,
      body: {},
    })
    expect(withdrawal.status, JSON.stringify(withdrawal.body)).toBe(201)
    const original = await fhirGet(harness, clinic, `/v1/consent/records/${mine.recordId}/fhir`)
    expect(fhirErrors(original)).toEqual([])
    expect(original).toMatchObject({
      id: mine.recordId.replace('_', '-'),
      status: 'inactive',
      provision: { type: 'permit', period: { end: withdrawal.body.recordedAt } },
    })
    const withdrawn = await fhirGet(harness, clinic, `/v1/consent/records/${withdrawal.body.id}/fhir`)
    expect(fhirErrors(withdrawn)).toEqual([])
    expect(withdrawn).toMatchObject({ status: 'inactive', provision: { type: 'deny' } })

    const bundle = await fhirGet(harness, clinic, `/v1/consent/bundle?patientId=${mine.patientId}`)
    expect(bundle.type).toBe('collection')
    expectStrictBundle(bundle)
    const consents = byType(bundle, 'Consent')
    expect(consents.map((entry) => entry.resource.status)).toEqual(['inactive', 'inactive'])
    // The text signed travels with it, and the Consent points at it.
    const [text] = byType(bundle, 'DocumentReference')
    expect(consents[0]!.resource.sourceReference).toEqual({ reference: text!.fullUrl })
    expect(byType(bundle, 'Patient').map((entry) => entry.resource)).toEqual([
      {
        resourceType: 'Patient',
        id: mine.patientId.replace('_', '-'),
        identifier: [{ system: 'https://frontdesk.dev/fhir/patient', value: mine.patientId }],
      },
    ])
    expect(byType(bundle, 'Organization')).toHaveLength(1)

    const transaction = await fhirGet(
      harness,
      clinic,
      `/v1/consent/bundle?patientId=${mine.patientId}&type=transaction`,
    )
    expect(transaction.type).toBe('transaction')
    expectStrictBundle(transaction)
    // A patient named only by id is created if missing, never overwritten; the rest are PUT by id.
    expect(byType(transaction, 'Patient')[0]!.request).toEqual({
      method: 'POST',
      url: 'Patient',
      ifNoneExist: `identifier=https://frontdesk.dev/fhir/patient|${mine.patientId}`,
    })
    expect(byType(transaction, 'Consent')[0]!.request).toEqual({
      method: 'PUT',
      url: `Consent/${mine.recordId.replace('_', '-')}`,
    })
  })

  it('the patient export as a collection and a transaction, naming each record by one fullUrl', async () => {
    const clinic = await createTestClinic(harness)
    const mine = await patientWithHistory(harness, clinic, 'Exported')
    const path = `/v1/patients/${mine.patientId}/export?format=fhir`
    const bundle = await fhirGet(harness, clinic, path)
    expectStrictBundle(bundle)
    const types = new Set(bundle.entry.map((entry: Entry) => entry.resource.resourceType))
    expect(types).toEqual(
      new Set([
        'Patient',
        'Organization',
        'Practitioner',
        'Location',
        'DocumentReference',
        'Appointment',
        'QuestionnaireResponse',
        'Consent',
        'AuditEvent',
      ]),
    )
    const [appointment] = byType(bundle, 'Appointment')
    const [practitioner] = byType(bundle, 'Practitioner')
    expect(JSON.stringify(appointment!.resource.participant)).toContain(practitioner!.fullUrl)

    const ledger = await fhirGet(harness, clinic, `/v1/consent/bundle?patientId=${mine.patientId}`)
    const fullUrl = (b: { entry: Entry[] }, type: string) => byType(b, type)[0]!.fullUrl
    for (const type of ['Consent', 'Patient', 'Organization', 'DocumentReference'])
      expect(fullUrl(ledger, type), type).toBe(fullUrl(bundle, type))

    const transaction = await fhirGet(harness, clinic, `${path}&type=transaction`)
    expect(transaction.type).toBe('transaction')
    expectStrictBundle(transaction)
    for (const entry of transaction.entry as Entry[])
      expect(entry.request).toEqual({
        method: 'PUT',
        url: `${entry.resource.resourceType}/${entry.resource.id}`,
      })

    const json = await harness.call('GET', `/v1/patients/${mine.patientId}/export?type=transaction`, {
      token: clinic.sk,
    })
    expect(json.status).toBe(422)
    expect(json.body.error.issues.map((issue: { path: string }) => issue.path)).toEqual(['type'])
  })
})
