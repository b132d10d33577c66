// The consent rows of the route table: documents (the clinic writes, anyone reads), records (tokens of
// the patient's own booking or intake, or the secret key), receipts and withdrawal (the receipt token).
import type { Harness } from '../harness.js'
import {
  type Clinic,
  type ClinicIds,
  consentBody,
  consentDocument,
  consentTestDocument,
  type PrincipalKind,
  read,
  standingToken,
  type World,
} from './fixtures.js'
import type { ForeignRequest, RouteRequest, RouteSpec } from './route-spec.js'
import { anyone, withBody, withPath } from './route-spec.js'

const readers: PrincipalKind[] = [...anyone, 'resume', 'receipt']

export function consentRoutes(harness: Harness): RouteSpec[] {
  const get = (clinic: Clinic, path: string) => () => read(harness, clinic, path)
  const recordsOf = (clinic: Clinic, documentId: string) =>
    get(clinic, `/v1/consent/records?documentId=${documentId}&limit=100`)
  const documentOf = async (w: World) =>
    (await harness.call('GET', `/v1/consent/documents/${w.a.ids.documentId}`, { token: w.a.sk })).body
  /** A consent the clinic records for A's patient: fresh, with its own receipt token. */
  const freshRecord = async (w: World) => {
    const recorded = await harness.call('POST', '/v1/consent/records', {
      token: w.a.sk,
      body: { ...consentBody(await documentOf(w)), patientId: w.a.ids.patientId },
    })
    return { id: recorded.body.record.id as string, receiptToken: recorded.body.receiptToken as string }
  }
  const secretPath = (name: string, path: (ids: ClinicIds) => string): ForeignRequest => ({
    name: `clinic B's secret key on ${name}`,
    status: 404,
    build: async (w, ids) => ({ path: path(ids), token: w.b.sk }),
  })

  return [
    {
      method: 'GET',
      path: '/v1/consent/documents',
      allowed: readers,
      status: 200,
      valid: async (w, as) => ({ path: '/v1/consent/documents', token: standingToken(w.a, as) }),
    },
    {
      method: 'POST',
      path: '/v1/consent/documents',
      allowed: ['secret'],
      status: 201,
      valid: async (w, as) => ({
        path: '/v1/consent/documents',
        body: consentTestDocument(),
        token: standingToken(w.a, as),
        observe: get(w.a, '/v1/consent/documents'),
      }),
      bad: [
        { field: 'purpose', change: withBody({ ...consentTestDocument(), purpose: 'spam' }) },
        {
          field: 'texts',
          change: withBody({
            ...consentTestDocument(),
            texts: [
              { language: 'en', title: 'A', body: 'a' },
              { language: 'en', title: 'B', body: 'b' },
            ],
          }),
        },
        {
          field: 'texts.0.language',
          change: withBody({
            ...consentTestDocument(),
            texts: [{ language: 'English', title: 'A', body: 'a' }],
          }),
        },
      ],
    },
    {
      method: 'GET',
      path: '/v1/consent/documents/{id}',
      allowed: readers,
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/consent/documents/${w.a.ids.documentId}`,
        token: standingToken(w.a, as),
      }),
      foreign: [secretPath("another clinic's document", (ids) => `/v1/consent/documents/${ids.documentId}`)],
    },
    {
      method: 'POST',
      path: '/v1/consent/documents/{id}/versions',
      allowed: ['secret'],
      status: 201,
      valid: async (w, as) => {
        const document = await consentDocument(harness, w.a)
        return {
          path: `/v1/consent/documents/${document.id}/versions`,
          body: { texts: [{ language: 'en', title: 'Consent, revised', body: 'I agree.' }] },
          token: standingToken(w.a, as),
          observe: get(w.a, `/v1/consent/documents/${document.id}`),
        }
      },
      bad: [{ field: 'texts', change: withBody({ texts: [] }) }],
      foreign: [
        {
          name: "clinic B's key publishing to another clinic's document",
          status: 404,
          build: async (w, ids) => ({
            path: `/v1/consent/documents/${ids.documentId}/versions`,
            body: { texts: [{ language: 'en', title: 'Hijacked', body: 'x' }] },
            token: w.b.sk,
            observe: get(w.a, `/v1/consent/documents/${w.a.ids.documentId}`),
          }),
        },
      ],
    },
    {
      method: 'GET',
      path: '/v1/consent/documents/{id}/versions/{version}',
      allowed: readers,
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/consent/documents/${w.a.ids.documentId}/versions/1`,
        token: standingToken(w.a, as),
      }),
      foreign: [
        secretPath(
          "another clinic's document version",
          (ids) => `/v1/consent/documents/${ids.documentId}/versions/1`,
        ),
      ],
    },
    {
      method: 'POST',
      path: '/v1/consent/records',
      allowed: ['visit', 'resume', 'secret'],
      status: 201,
      valid: async (w, as) => ({
        path: '/v1/consent/records',
        body: {
          ...consentBody(await documentOf(w)),
          ...(as === 'secret' && { patientId: w.a.ids.patientId }),
        },
        token: standingToken(w.a, as),
        observe: recordsOf(w.a, w.a.ids.documentId),
      }),
      bad: [
        {
          field: 'textHash',
          as: 'visit',
          change: (r) => ({ ...r, body: { ...(r.body as object), textHash: 'ab'.repeat(32) } }),
        },
        {
          field: 'language',
          as: 'visit',
          change: (r) => ({ ...r, body: { ...(r.body as object), language: 'fr' } }),
        },
        {
          field: 'signer.name',
          as: 'visit',
          change: (r) => ({ ...r, body: { ...(r.body as object), signer: { relation: 'parent' } } }),
        },
        {
          field: 'signature',
          as: 'visit',
          change: (r) => ({ ...r, body: { ...(r.body as object), signature: undefined } }),
        },
        {
          field: 'patientId',
          as: 'visit',
          change: (r, w) => ({ ...r, body: { ...(r.body as object), patientId: w.a.ids.patientId } }),
        },
      ],
      foreign: [
        {
          name: "clinic B's key recording consent to another clinic's document",
          status: 404,
          build: async (w, ids) => {
            const document = await documentOf(w)
            return {
              path: '/v1/consent/records',
              body: { ...consentBody(document), documentId: ids.documentId, patientId: w.b.ids.patientId },
              token: w.b.sk,
              observe: recordsOf(w.a, w.a.ids.documentId),
            }
          },
        },
        {
          name: "clinic B's key recording consent for another clinic's patient",
          status: 404,
          build: async (w, ids) => {
            const own = (
              await harness.call('GET', `/v1/consent/documents/${w.b.ids.documentId}`, { token: w.b.sk })
            ).body
            return {
              path: '/v1/consent/records',
              body: { ...consentBody(own), patientId: ids.patientId },
              token: w.b.sk,
            }
          },
        },
      ],
    },
    {
      method: 'GET',
      path: '/v1/consent/records',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({
        path: '/v1/consent/records?purpose=treatment',
        token: standingToken(w.a, as),
      }),
      bad: [
        { field: 'purpose', change: withPath('/v1/consent/records?purpose=spam') },
        { field: 'cursor', change: withPath('/v1/consent/records?cursor=bm9wZQ') },
      ],
      foreign: [
        {
          name: "another clinic's patient as a filter",
          status: 200,
          build: async (w, ids) => ({
            path: `/v1/consent/records?patientId=${ids.patientId}`,
            token: w.b.sk,
          }),
        },
      ],
    },
    {
      method: 'GET',
      path: '/v1/consent/bundle',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/consent/bundle?documentId=${w.a.ids.documentId}`,
        token: standingToken(w.a, as),
      }),
      bad: [{ field: 'limit', change: withPath('/v1/consent/bundle?limit=0') }],
      foreign: [
        {
          name: "another clinic's document as a filter",
          status: 200,
          build: async (w, ids) => ({
            path: `/v1/consent/bundle?documentId=${ids.documentId}&limit=5`,
            token: w.b.sk,
          }),
        },
      ],
    },
    {
      method: 'GET',
      path: '/v1/consent/records/{id}',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/consent/records/${w.a.ids.recordId}`,
        token: standingToken(w.a, as),
      }),
      foreign: [secretPath("another clinic's record", (ids) => `/v1/consent/records/${ids.recordId}`)],
    },
    {
      method: 'GET',
      path: '/v1/consent/records/{id}/fhir',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/consent/records/${w.a.ids.recordId}/fhir`,
        token: standingToken(w.a, as),
      }),
      foreign: [secretPath("another clinic's record", (ids) => `/v1/consent/records/${ids.recordId}/fhir`)],
    },
    {
      method: 'GET',
      path: '/v1/consent/records/{id}/signature',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/consent/records/${w.a.ids.recordId}/signature`,
        token: standingToken(w.a, as),
      }),
      foreign: [
        secretPath("another clinic's signature", (ids) => `/v1/consent/records/${ids.recordId}/signature`),
      ],
    },
    {
      method: 'POST',
      path: '/v1/consent/records/{id}/withdraw',
      allowed: ['receipt', 'secret'],
      status: 201,
      valid: async (w, as): Promise<RouteRequest> => {
        const record = await freshRecord(w)
        return {
          path: `/v1/consent/records/${record.id}/withdraw`,
          body: {},
          token: as === 'receipt' ? record.receiptToken : standingToken(w.a, as),
          observe: recordsOf(w.a, w.a.ids.documentId),
        }
      },
      bad: [{ field: 'reason', change: withBody({ reason: 'x'.repeat(501) }) }],
      foreign: [
        {
          name: "clinic B's receipt token on another clinic's record",
          status: 404,
          build: async (w, ids) => ({
            path: `/v1/consent/records/${ids.recordId}/withdraw`,
            body: {},
            token: w.b.consent.receiptToken,
            observe: recordsOf(w.a, w.a.ids.documentId),
          }),
        },
        {
          name: "clinic B's secret key withdrawing another clinic's record",
          status: 404,
          build: async (w, ids) => ({
            path: `/v1/consent/records/${ids.recordId}/withdraw`,
            body: {},
            token: w.b.sk,
            observe: recordsOf(w.a, w.a.ids.documentId),
          }),
        },
      ],
    },
    {
      method: 'GET',
      path: '/v1/consent/receipts/{id}',
      allowed: ['receipt', 'secret'],
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/consent/receipts/${w.a.ids.recordId}`,
        token: standingToken(w.a, as),
      }),
      foreign: [
        {
          name: "clinic B's receipt token on another clinic's receipt",
          status: 404,
          build: async (w, ids) => ({
            path: `/v1/consent/receipts/${ids.recordId}`,
            token: w.b.consent.receiptToken,
          }),
        },
      ],
    },
    {
      method: 'GET',
      path: '/v1/consent/state',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/consent/state?patientId=${w.a.ids.patientId}`,
        token: standingToken(w.a, as),
      }),
      bad: [
        { field: 'patientId', change: withPath('/v1/consent/state') },
        { field: 'patientId', change: withPath('/v1/consent/state?patientId=nobody') },
      ],
      foreign: [
        {
          name: "another clinic's patient",
          status: 404,
          build: async (w, ids) => ({ path: `/v1/consent/state?patientId=${ids.patientId}`, token: w.b.sk }),
        },
      ],
    },
    {
      method: 'GET',
      path: '/v1/consent/verification',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({ path: '/v1/consent/verification', token: standingToken(w.a, as) }),
    },
  ]
}
