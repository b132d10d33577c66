// The catalogue rows of the route table: the clinic, its locations, practitioners and services.
import type { Harness } from '../harness.js'
import { type Clinic, PNG, png, read, sparePractitioner, standingToken, unique } from './fixtures.js'
import { anyone, pathIdCase, type RouteSpec, withBody, withPath } from './route-spec.js'

export function catalogueRoutes(harness: Harness): RouteSpec[] {
  const get = (clinic: Clinic, path: string) => () => read(harness, clinic, path)

  return [
    {
      method: 'GET',
      path: '/v1/clinic',
      allowed: anyone,
      status: 200,
      valid: async (w, as) => ({ path: '/v1/clinic', token: standingToken(w.a, as) }),
    },
    {
      method: 'GET',
      path: '/v1/clinic/settings',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({ path: '/v1/clinic/settings', token: standingToken(w.a, as) }),
    },
    {
      method: 'PATCH',
      path: '/v1/clinic',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({
        path: '/v1/clinic',
        body: { name: `Test Clinic ${unique()}` },
        token: standingToken(w.a, as),
        observe: get(w.a, '/v1/clinic/settings'),
      }),
      bad: [
        { field: 'policy.holdMinutes', change: withBody({ name: 'Renamed', policy: { holdMinutes: 0 } }) },
        { field: 'timeZone', change: withBody({ name: 'Renamed', timeZone: 'Mars/Olympus' }) },
        {
          field: /^allowedOrigins\.0$/,
          change: withBody({ allowedOrigins: ['https://clinic.example/book'] }),
        },
        // Where the clinic's data lives is the deployment's to say, when the clinic is created.
        { field: 'region', change: withBody({ name: 'Renamed', region: 'us' }) },
        { field: 'slug', change: withBody({ name: 'Renamed', slug: 'Not A Slug' }) },
        { field: 'branding.accentColor', change: withBody({ branding: { accentColor: 'red' } }) },
      ],
      foreign: [
        {
          name: "another clinic's intake form for its hosted page",
          status: 422,
          field: 'hostedPage.intakeFormId',
          build: async (w, ids) => ({
            path: '/v1/clinic',
            body: { hostedPage: { intakeFormId: ids.formId } },
            token: w.b.sk,
            observe: get(w.b, '/v1/clinic/settings'),
          }),
        },
      ],
    },
    {
      method: 'PUT',
      path: '/v1/clinic/logo',
      allowed: ['secret'],
      status: 200,
      // A new image each time (bytes after the PNG's end change nothing a viewer sees), so the change shows.
      valid: async (w, as) => ({
        path: '/v1/clinic/logo',
        body: new Blob([PNG, `frontdesk ${unique()}`], { type: 'image/png' }),
        token: standingToken(w.a, as),
        observe: get(w.a, '/v1/clinic/settings'),
      }),
      bad: [{ field: 'body', change: withBody(new Blob([], { type: 'image/png' })) }],
    },
    {
      method: 'DELETE',
      path: '/v1/clinic/logo',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => {
        // A logo to remove, so the change shows.
        await harness.call('PUT', '/v1/clinic/logo', { token: w.a.sk, body: png() })
        return {
          path: '/v1/clinic/logo',
          token: standingToken(w.a, as),
          observe: get(w.a, '/v1/clinic/settings'),
        }
      },
    },
    {
      method: 'GET',
      path: '/v1/locations',
      allowed: anyone,
      status: 200,
      valid: async (w, as) => ({ path: '/v1/locations', token: standingToken(w.a, as) }),
    },
    {
      method: 'POST',
      path: '/v1/locations',
      allowed: ['secret'],
      status: 201,
      valid: async (w, as) => ({
        path: '/v1/locations',
        body: { name: `Branch ${unique()}`, address: '2 Side St' },
        token: standingToken(w.a, as),
        observe: get(w.a, '/v1/locations'),
      }),
      bad: [{ field: 'name', change: withBody({ name: '   ', address: '2 Side St' }) }],
    },
    {
      method: 'PATCH',
      path: '/v1/locations/{id}',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/locations/${w.a.locationId}`,
        body: { address: `${unique()} Main St` },
        token: standingToken(w.a, as),
        observe: get(w.a, '/v1/locations'),
      }),
      bad: [{ field: 'name', change: withBody({ name: '', address: 'Elsewhere' }) }],
      foreign: [
        pathIdCase(
          "another clinic's location",
          (ids) => `/v1/locations/${ids.locationId}`,
          (w) => get(w.a, '/v1/locations'),
          { address: 'Moved by clinic B' },
        ),
      ],
    },
    {
      method: 'GET',
      path: '/v1/practitioners',
      allowed: anyone,
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/practitioners?serviceId=${w.a.serviceId}`,
        token: standingToken(w.a, as),
      }),
      bad: [{ field: 'serviceId', change: withPath('/v1/practitioners?serviceId=consultation') }],
      foreign: [
        {
          name: "another clinic's service as a filter",
          status: 200,
          build: async (w, ids) => ({ path: `/v1/practitioners?serviceId=${ids.serviceId}`, token: w.b.pk }),
        },
      ],
    },
    {
      method: 'GET',
      path: '/v1/practitioners/{id}',
      allowed: anyone,
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/practitioners/${w.a.practitionerIds[0]}`,
        token: standingToken(w.a, as),
      }),
      foreign: [
        pathIdCase("another clinic's practitioner", (ids) => `/v1/practitioners/${ids.practitionerId}`),
        {
          name: "clinic B's publishable key on another clinic's practitioner",
          status: 404,
          build: async (w, ids) => ({ path: `/v1/practitioners/${ids.practitionerId}`, token: w.b.pk }),
        },
      ],
    },
    {
      method: 'POST',
      path: '/v1/practitioners',
      allowed: ['secret'],
      status: 201,
      valid: async (w, as) => ({
        path: '/v1/practitioners',
        body: { name: `Dr. New ${unique()}` },
        token: standingToken(w.a, as),
        observe: get(w.a, '/v1/practitioners'),
      }),
      bad: [
        { field: /^serviceIds\.0$/, change: withBody({ name: 'Dr. Who', serviceIds: ['consultation'] }) },
      ],
      foreign: [
        {
          name: "another clinic's service in serviceIds",
          status: 422,
          field: /^serviceIds(\.0)?$/,
          build: async (w, ids) => ({
            path: '/v1/practitioners',
            body: { name: 'Dr. Borrowed', serviceIds: [ids.serviceId] },
            token: w.b.sk,
            observe: get(w.b, '/v1/practitioners'),
          }),
        },
      ],
    },
    {
      method: 'PATCH',
      path: '/v1/practitioners/{id}',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/practitioners/${w.a.practitionerIds[1]}`,
        body: { title: `Title ${unique()}` },
        token: standingToken(w.a, as),
        observe: get(w.a, '/v1/practitioners'),
      }),
      bad: [{ field: 'active', change: withBody({ title: 'Changed', active: 'yes' }) }],
      foreign: [
        pathIdCase(
          "another clinic's practitioner",
          (ids) => `/v1/practitioners/${ids.practitionerId}`,
          (w) => get(w.a, '/v1/practitioners'),
          { title: 'Renamed by clinic B' },
        ),
        {
          name: "another clinic's service in serviceIds",
          status: 422,
          field: /^serviceIds(\.0)?$/,
          build: async (w, ids) => {
            const id = await sparePractitioner(harness, w.b)
            return {
              path: `/v1/practitioners/${id}`,
              body: { title: 'Borrowing', serviceIds: [ids.serviceId] },
              token: w.b.sk,
              observe: get(w.b, `/v1/practitioners/${id}`),
            }
          },
        },
      ],
    },
    {
      method: 'GET',
      path: '/v1/services',
      allowed: anyone,
      status: 200,
      valid: async (w, as) => ({ path: '/v1/services', token: standingToken(w.a, as) }),
    },
    {
      method: 'GET',
      path: '/v1/services/{id}',
      allowed: anyone,
      status: 200,
      valid: async (w, as) => ({ path: `/v1/services/${w.a.serviceId}`, token: standingToken(w.a, as) }),
      foreign: [
        {
          name: "clinic B's publishable key on another clinic's service",
          status: 404,
          build: async (w, ids) => ({ path: `/v1/services/${ids.serviceId}`, token: w.b.pk }),
        },
      ],
    },
    {
      method: 'POST',
      path: '/v1/services',
      allowed: ['secret'],
      status: 201,
      valid: async (w, as) => ({
        path: '/v1/services',
        body: { name: `Check-up ${unique()}`, durationMinutes: 20 },
        token: standingToken(w.a, as),
        observe: get(w.a, '/v1/services'),
      }),
      bad: [
        { field: 'durationMinutes', change: withBody({ name: 'Blink', durationMinutes: 1 }) },
        {
          field: 'consentDocumentIds',
          change: withBody({
            name: 'Ghostly',
            durationMinutes: 20,
            consentDocumentIds: ['cdoc_Nowhere00000000'],
          }),
        },
      ],
      foreign: [
        {
          name: "another clinic's consent document asked for by a new service",
          status: 422,
          field: 'consentDocumentIds',
          build: async (w, ids) => ({
            path: '/v1/services',
            body: { name: 'Borrowed consent', durationMinutes: 20, consentDocumentIds: [ids.documentId] },
            token: w.b.sk,
            observe: get(w.b, '/v1/services'),
          }),
        },
      ],
    },
    {
      method: 'PATCH',
      path: '/v1/services/{id}',
      allowed: ['secret'],
      status: 200,
      valid: async (w, as) => ({
        path: `/v1/services/${w.a.serviceId}`,
        body: { description: `About ${unique()}` },
        token: standingToken(w.a, as),
        observe: get(w.a, '/v1/services'),
      }),
      bad: [
        {
          field: 'slotIntervalMinutes',
          change: withBody({ description: 'Changed', slotIntervalMinutes: 0 }),
        },
      ],
      foreign: [
        pathIdCase(
          "another clinic's service",
          (ids) => `/v1/services/${ids.serviceId}`,
          (w) => get(w.a, '/v1/services'),
          { active: false },
        ),
      ],
    },
  ]
}
