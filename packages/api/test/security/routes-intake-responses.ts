// The intake response rows of the route table: the patient's draft routes (resume token only) and the
// clinic's reads (secret key only). Every valid request works on a fresh draft, so the standing one lives.
import type { Harness } from '../harness.js'
import {
  type Clinic,
  type ClinicIds,
  type PrincipalKind,
  png,
  read,
  standingToken,
  startDraft,
  type World,
} from './fixtures.js'
import type { ForeignRequest, RouteRequest, RouteSpec } from './route-spec.js'
import { withBody, withPath } from './route-spec.js'

const answers = { reason: 'Knee pain since Sunday' }

export function intakeResponseRoutes(harness: Harness): RouteSpec[] {
  const get = (clinic: Clinic, path: string) => () => read(harness, clinic, path)
  /** A fresh draft of clinic A; the request carries its own resume token, or the principal's standing one. */
  const draftRequest = async (
    w: World,
    as: PrincipalKind,
    path: (id: string) => string,
    body?: unknown,
  ): Promise<RouteRequest> => {
    const draft = await startDraft(harness, w.a, w.a.ids.formId)
    return {
      path: path(draft.id),
      token: as === 'resume' ? draft.resumeToken : standingToken(w.a, as as PrincipalKind),
      ...(body !== undefined && { body }),
      observe: get(w.a, `/v1/intake/responses/${draft.id}`),
    }
  }
  /** Clinic B's resume token (its own standing draft) naming clinic A's draft, or a made-up one. */
  const foreignDraft = (path: (ids: ClinicIds) => string, body?: unknown): ForeignRequest => ({
    name: "clinic B's resume token on another clinic's draft",
    status: 404,
    build: async (w, ids) => ({
      path: path(ids),
      token: w.b.draft.resumeToken,
      ...(body !== undefined && { body }),
      observe: get(w.a, `/v1/intake/responses/${w.a.ids.draftId}`),
    }),
  })
  const foreignResponse = (path: (ids: ClinicIds) => string): ForeignRequest => ({
    name: "clinic B's secret key on another clinic's response",
    status: 404,
    build: async (w, ids) => ({ path: path(ids), token: w.b.sk }),
  })

  return [
    {
      method: 'POST',
      path: '/v1/intake/drafts',
      allowed: ['publishable', 'visit', 'secret'],
      status: 201,
      valid: async (w, as) => ({
        path: '/v1/intake/drafts',
        body: { formId: w.a.ids.formId },
        token: standingToken(w.a, as),
        observe: get(w.a, `/v1/intake/responses?formId=${w.a.ids.formId}&limit=100`),
      }),
      bad: [
        { field: 'formId', change: withBody({ formId: 42 }) },
        {
          field: 'bookingId',
          as: 'publishable',
          change: (r, w) => withBody({ formId: w.a.ids.formId, bookingId: w.a.ids.bookingId })(r),
        },
      ],
      foreign: [
        {
          name: "clinic B's key starting a draft of another clinic's form",
          status: 404,
          build: async (w, ids) => ({
            path: '/v1/intake/drafts',
            body: { formId: ids.formId },
            token: w.b.pk,
            observe: get(w.a, `/v1/intake/responses?formId=${w.a.ids.formId}&limit=100`),
          }),
        },
        {
          name: "clinic B's secret key inviting for another clinic's booking",
          status: 404,
          build: async (w, ids) => ({
            path: '/v1/intake/drafts',
            body: { formId: w.b.ids.formId, bookingId: ids.bookingId },
            token: w.b.sk,
          }),
        },
      ],
    },
    {
      method: 'GET',
      path: '/v1/intake/drafts/{id}',
      allowed: ['resume'],
      status: 200,
      valid: async (w, as) => {
        const { observe: _observe, ...request } = await draftRequest(w, as, (id) => `/v1/intake/drafts/${id}`)
        return request
      },
      foreign: [foreignDraft((ids) => `/v1/intake/drafts/${ids.draftId}`)],
    },
    {
      method: 'PUT',
      path: '/v1/intake/drafts/{id}',
      allowed: ['resume'],
      status: 200,
      valid: (w, as) => draftRequest(w, as, (id) => `/v1/intake/drafts/${id}`, { version: 1, answers }),
      bad: [
        { field: 'answers.nickname', change: withBody({ version: 1, answers: { nickname: 'Al' } }) },
        { field: 'answers.reason', change: withBody({ version: 1, answers: { reason: 42 } }) },
        { field: 'version', change: withBody({ version: 2, answers }) },
        {
          field: 'answers.card',
          change: withBody({
            version: 1,
            answers: { card: [{ fileId: 'file_NeverUploaded000000', contentType: 'image/png', bytes: 10 }] },
          }),
        },
      ],
      foreign: [foreignDraft((ids) => `/v1/intake/drafts/${ids.draftId}`, { version: 1, answers })],
    },
    {
      method: 'POST',
      path: '/v1/intake/drafts/{id}/submit',
      allowed: ['resume'],
      status: 200,
      valid: (w, as) =>
        draftRequest(w, as, (id) => `/v1/intake/drafts/${id}/submit`, { version: 1, answers }),
      bad: [
        { field: 'answers.reason', change: withBody({ version: 1, answers: {} }) },
        {
          field: 'answers.nickname',
          change: withBody({ version: 1, answers: { ...answers, nickname: 'Al' } }),
        },
        { field: 'version', change: withBody({ version: 3, answers }) },
      ],
      foreign: [foreignDraft((ids) => `/v1/intake/drafts/${ids.draftId}/submit`, { version: 1, answers })],
    },
    {
      method: 'POST',
      path: '/v1/intake/drafts/{id}/files',
      allowed: ['resume'],
      status: 201,
      valid: async (w, as) => {
        const request = await draftRequest(w, as, (id) => `/v1/intake/drafts/${id}/files?field=card`, png())
        const id = request.path.split('/')[4]!
        return { ...request, observe: () => filesOf(w, id) }
      },
      bad: [
        { field: 'field', change: (r) => withPath(r.path.replace('field=card', 'field=reason'))(r) },
        { field: 'field', change: (r) => withPath(r.path.replace('field=card', 'field=..'))(r) },
      ],
      foreign: [foreignDraft((ids) => `/v1/intake/drafts/${ids.draftId}/files?field=card`, png())],
    },
    {
      method: 'GET',
      path: '/v1/intake/drafts/{id}/files/{fileId}',
      allowed: ['resume'],
      status: 200,
      valid: async (w, as) => {
        const { path, token } = await uploadedFile(w, as)
        return { path, token }
      },
      foreign: [foreignDraft((ids) => `/v1/intake/drafts/${ids.draftId}/files/${ids.fileId}`)],
    },
    {
      method: 'DELETE',
      path: '/v1/intake/drafts/{id}/files/{fileId}',
      allowed: ['resume'],
      status: 204,
      valid: (w, as) => uploadedFile(w, as),
      foreign: [foreignDraft((ids) => `/v1/intake/drafts/${ids.draftId}/files/${ids.fileId}`)],
    },
    {
      method: 'GET',
      path: '/v1/intake/responses',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({
        path: '/v1/intake/responses?status=submitted',
        token: standingToken(w.a, as),
      }),
      bad: [
        { field: 'status', change: withPath('/v1/intake/responses?status=maybe') },
        { field: 'cursor', change: withPath('/v1/intake/responses?cursor=bm9wZQ') },
      ],
      foreign: [
        {
          name: "another clinic's form as a filter",
          status: 200,
          build: async (w, ids) => ({ path: `/v1/intake/responses?formId=${ids.formId}`, token: w.b.sk }),
        },
      ],
    },
    {
      method: 'GET',
      path: '/v1/intake/responses/{id}',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/intake/responses/${w.a.ids.responseId}`,
        token: standingToken(w.a, as),
      }),
      foreign: [foreignResponse((ids) => `/v1/intake/responses/${ids.responseId}`)],
    },
    {
      method: 'GET',
      path: '/v1/intake/responses/{id}/fhir',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/intake/responses/${w.a.ids.responseId}/fhir`,
        token: standingToken(w.a, as),
      }),
      foreign: [foreignResponse((ids) => `/v1/intake/responses/${ids.responseId}/fhir`)],
    },
    {
      method: 'GET',
      path: '/v1/intake/responses/{id}/files/{fileId}',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/intake/responses/${w.a.ids.responseId}/files/${w.a.ids.fileId}`,
        token: standingToken(w.a, as),
      }),
      foreign: [foreignResponse((ids) => `/v1/intake/responses/${ids.responseId}/files/${ids.fileId}`)],
    },
  ]

  /** A file uploaded into a fresh draft; observing the draft's files through its own token. */
  async function uploadedFile(w: World, as: PrincipalKind): Promise<RouteRequest> {
    const draft = await startDraft(harness, w.a, w.a.ids.formId)
    const file = await harness.call('POST', `/v1/intake/drafts/${draft.id}/files?field=card`, {
      token: draft.resumeToken,
      body: png(),
    })
    return {
      path: `/v1/intake/drafts/${draft.id}/files/${file.body.id}`,
      token: as === 'resume' ? draft.resumeToken : standingToken(w.a, as),
      observe: async () =>
        (await harness.call('GET', `/v1/intake/drafts/${draft.id}`, { token: draft.resumeToken })).body.files,
    }
  }

  async function filesOf(w: World, id: string) {
    return (await read(harness, w.a, `/v1/intake/responses/${id}`)).body.files
  }
}
