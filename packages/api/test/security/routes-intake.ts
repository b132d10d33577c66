// The intake form rows of the route table: create and publish with the secret key, read with any key.
import { NEW_PATIENT_HISTORY } from '@frontdesk/contracts/demo'
import type { Harness } from '../harness.js'
import {
  type Clinic,
  type ClinicIds,
  type PrincipalKind,
  read,
  standingToken,
  unique,
  type World,
} from './fixtures.js'
import { anyone, type RouteSpec, withBody } from './route-spec.js'

/** Form definitions hold no patient data: a resume token reads its draft's form to render it. */
const readers: PrincipalKind[] = [...anyone, 'resume']
const GHOST_FORM = 'form_Ghost0000000000000000'
const simpleForm = (title: string) => ({
  title,
  items: [{ id: 'reason', type: 'longText', label: 'What brings you in?', required: true }],
})
/** Another system's Questionnaire, as the FHIR import takes it. */
const questionnaire = (title: string) => ({
  resourceType: 'Questionnaire',
  status: 'active',
  title,
  item: [{ linkId: '1', text: 'What brings you in?', type: 'text', required: true }],
})

export function intakeRoutes(harness: Harness): RouteSpec[] {
  const call: Harness['call'] = (...args) => harness.call(...args)
  const get = (clinic: Clinic, path: string) => () => read(harness, clinic, path)
  const newForm = async (clinic: Clinic) => {
    const created = await call('POST', '/v1/intake/forms', {
      token: clinic.sk,
      body: { name: `Form ${unique()}`, definition: simpleForm('Visit') },
    })
    if (created.status !== 201) throw new Error(`form: ${JSON.stringify(created.body)}`)
    return created.body.id as string
  }
  /** Clinic A's own form when the case names A's ids, a made-up one when it names none. */
  const formOf = async (world: World, ids: ClinicIds) =>
    ids.serviceId === world.a.ids.serviceId ? newForm(world.a) : GHOST_FORM
  const foreignPath = (name: string, path: (form: string) => string, body?: unknown) => ({
    name,
    status: 404 as const,
    build: async (world: World, ids: ClinicIds) => ({
      path: path(await formOf(world, ids)),
      token: world.b.sk,
      ...(body !== undefined && { body }),
      observe: get(world.a, '/v1/intake/forms'),
    }),
  })

  return [
    {
      method: 'GET',
      path: '/v1/intake/forms',
      allowed: readers,
      status: 200,
      valid: async (w, as) => ({ path: '/v1/intake/forms', token: standingToken(w.a, as) }),
    },
    {
      method: 'POST',
      path: '/v1/intake/forms',
      allowed: ['secret'],
      status: 201,
      valid: async (w, as) => ({
        path: '/v1/intake/forms',
        body: { name: `History ${unique()}`, definition: NEW_PATIENT_HISTORY },
        token: standingToken(w.a, as),
        observe: get(w.a, '/v1/intake/forms'),
      }),
      bad: [
        { field: 'name', change: withBody({ name: '', definition: simpleForm('Visit') }) },
        {
          field: 'definition.items.1.id',
          change: withBody({
            name: 'Twice',
            definition: {
              title: 'Twice',
              items: [
                { id: 'a', type: 'text', label: 'A' },
                { id: 'a', type: 'text', label: 'A again' },
              ],
            },
          }),
        },
        {
          field: 'definition.items.0.showWhen',
          change: withBody({
            name: 'Forward',
            definition: {
              title: 'Forward',
              items: [
                { id: 'a', type: 'text', label: 'A', showWhen: { field: 'b', answered: true } },
                { id: 'b', type: 'text', label: 'B' },
              ],
            },
          }),
        },
      ],
    },
    {
      method: 'GET',
      path: '/v1/intake/forms/{id}',
      allowed: readers,
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/intake/forms/${await newForm(w.a)}`,
        token: standingToken(w.a, as),
      }),
      foreign: [foreignPath("clinic B's key on another clinic's form", (form) => `/v1/intake/forms/${form}`)],
    },
    {
      method: 'PATCH',
      path: '/v1/intake/forms/{id}',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => {
        const form = await newForm(w.a)
        return {
          path: `/v1/intake/forms/${form}`,
          body: { name: `Renamed ${unique()}`, consentDocumentIds: [w.a.ids.documentId] },
          token: standingToken(w.a, as),
          observe: get(w.a, `/v1/intake/forms/${form}`),
        }
      },
      bad: [
        { field: 'name', change: withBody({ name: '' }) },
        { field: 'consentDocumentIds', change: withBody({ consentDocumentIds: ['cdoc_Nowhere00000000'] }) },
      ],
      foreign: [
        foreignPath("clinic B's key renaming another clinic's form", (form) => `/v1/intake/forms/${form}`, {
          name: 'Hijacked',
        }),
        {
          name: "clinic B's form asking for another clinic's consent document",
          status: 422,
          field: 'consentDocumentIds',
          build: async (w, ids) => ({
            path: `/v1/intake/forms/${w.b.ids.formId}`,
            body: { consentDocumentIds: [ids.documentId] },
            token: w.b.sk,
            observe: get(w.b, `/v1/intake/forms/${w.b.ids.formId}`),
          }),
        },
      ],
    },
    {
      method: 'POST',
      path: '/v1/intake/forms/{id}/versions',
      allowed: ['secret'],
      status: 201,
      valid: async (w, as) => {
        const form = await newForm(w.a)
        return {
          path: `/v1/intake/forms/${form}/versions`,
          body: { definition: simpleForm('Visit, revised') },
          token: standingToken(w.a, as),
          observe: get(w.a, `/v1/intake/forms/${form}`),
        }
      },
      bad: [{ field: 'definition.items', change: withBody({ definition: { title: 'Empty', items: [] } }) }],
      foreign: [
        foreignPath(
          "clinic B's key publishing to another clinic's form",
          (form) => `/v1/intake/forms/${form}/versions`,
          { definition: simpleForm('Hijacked') },
        ),
      ],
    },
    {
      method: 'POST',
      path: '/v1/intake/forms/{id}/versions/fhir',
      allowed: ['secret'],
      status: 201,
      valid: async (w, as) => {
        const form = await newForm(w.a)
        return {
          path: `/v1/intake/forms/${form}/versions/fhir`,
          body: questionnaire('Visit, from the EHR'),
          token: standingToken(w.a, as),
          observe: get(w.a, `/v1/intake/forms/${form}`),
        }
      },
      bad: [
        { field: 'resourceType', change: withBody({ resourceType: 'Patient', id: 'p1' }) },
        {
          field: 'item.0.type',
          change: withBody({ ...questionnaire('Odd'), item: [{ linkId: '1', text: 'Odd', type: 'slider' }] }),
        },
        {
          field: 'item',
          change: withBody({
            ...questionnaire('Weight'),
            item: [{ linkId: 'w', text: 'Weight', type: 'quantity' }],
          }),
        },
      ],
      foreign: [
        foreignPath(
          "clinic B's key importing into another clinic's form",
          (form) => `/v1/intake/forms/${form}/versions/fhir`,
          questionnaire('Hijacked'),
        ),
      ],
    },
    {
      method: 'GET',
      path: '/v1/intake/forms/{id}/versions/{version}',
      allowed: readers,
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/intake/forms/${await newForm(w.a)}/versions/1`,
        token: standingToken(w.a, as),
      }),
      foreign: [
        foreignPath(
          "clinic B's key on another clinic's form version",
          (form) => `/v1/intake/forms/${form}/versions/1`,
        ),
      ],
    },
    {
      method: 'GET',
      path: '/v1/intake/forms/{id}/versions/{version}/fhir',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/intake/forms/${await newForm(w.a)}/versions/1/fhir`,
        token: standingToken(w.a, as),
      }),
      foreign: [
        foreignPath(
          "clinic B's key exporting another clinic's form",
          (form) => `/v1/intake/forms/${form}/versions/1/fhir`,
        ),
      ],
    },
  ]
}
