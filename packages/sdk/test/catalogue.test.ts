// The public catalogue through the publishable-key client, and how keys, origins and ids go wrong.
import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  AuthenticationError,
  type Clinic,
  createFrontdesk,
  createFrontdeskAdmin,
  FrontdeskError,
  isNotFoundError,
  NotFoundError,
  PermissionError,
  type Practitioner,
  type Service,
  ValidationError,
} from '../src/index.js'
import { publicClient, testApi } from './support/clients.js'

const api = testApi()
const frontdesk = publicClient()

describe('catalogue', () => {
  it('reads the clinic, its services, practitioners and locations as typed objects', async () => {
    const clinic = await frontdesk.catalogue.clinic()
    expectTypeOf(clinic).toEqualTypeOf<Clinic>()
    expect(clinic).toMatchObject({
      name: 'SDK Test Clinic',
      timeZone: 'Europe/Berlin',
      policy: { cancellationNoticeMinutes: 60, holdMinutes: 10 },
    })

    const { data: services } = await frontdesk.catalogue.services.list()
    expectTypeOf(services).toEqualTypeOf<Service[]>()
    const service = services.find((each) => each.id === api.serviceId)
    expect(service).toMatchObject({ name: 'General consultation', durationMinutes: 30, active: true })
    expect(await frontdesk.catalogue.services.get(api.serviceId)).toEqual(service)

    const { data: practitioners } = await frontdesk.catalogue.practitioners.list({ serviceId: api.serviceId })
    expectTypeOf(practitioners).toEqualTypeOf<Practitioner[]>()
    expect(practitioners.map((practitioner) => practitioner.id).sort()).toEqual(
      [...api.practitionerIds].sort(),
    )
    expect(practitioners.every((practitioner) => practitioner.serviceIds.includes(api.serviceId))).toBe(true)
    const [first] = practitioners
    expect(await frontdesk.catalogue.practitioners.get(first!.id)).toEqual(first)

    const { data: locations } = await frontdesk.catalogue.locations.list()
    expect(locations.map((location) => location.name)).toContain('General consultation rooms')
  })

  it('turns an unknown id into a NotFoundError with the request id', async () => {
    const error = await frontdesk.catalogue.services
      .get('svc_doesNotExist')
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(NotFoundError)
    expect(isNotFoundError(error)).toBe(true)
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      status: 404,
      requestId: expect.stringMatching(/^req_/),
      message: 'No such service',
      issues: [],
    })
  })

  it('keeps an id to one path segment, so a pasted path cannot reach another route', async () => {
    const error = await frontdesk.catalogue.services.get('../clinic').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['id'])
  })

  it('accepts a baseUrl with or without /v1 and a trailing slash', async () => {
    for (const baseUrl of [`${api.baseUrl}/`, `${api.baseUrl}/v1`, `${api.baseUrl}/v1/`]) {
      const client = createFrontdesk({
        publishableKey: api.publishableKey,
        baseUrl,
        origin: `${api.origin}/`,
      })
      expect((await client.catalogue.clinic()).name).toBe('SDK Test Clinic')
    }
  })
})

describe('keys and origins', () => {
  it('explains that a publishable key outside a browser needs the origin option', async () => {
    const headless = createFrontdesk({ publishableKey: api.publishableKey, baseUrl: api.baseUrl })
    const error = await headless.catalogue.clinic().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(PermissionError)
    expect(error).toMatchObject({ code: 'ORIGIN_NOT_ALLOWED', status: 403 })
    expect((error as Error).message).toContain('pass `origin` to createFrontdesk()')
  })

  it('refuses a publishable key from an origin the clinic does not allow', async () => {
    const elsewhere = createFrontdesk({
      publishableKey: api.publishableKey,
      baseUrl: api.baseUrl,
      origin: 'https://evil.example',
    })
    const error = await elsewhere.catalogue.services.list().catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'ORIGIN_NOT_ALLOWED', status: 403 })
    // Errors never echo what the caller sent.
    expect((error as Error).message).not.toContain('evil.example')
  })

  it('answers an unknown key with an AuthenticationError', async () => {
    const stranger = createFrontdesk({
      publishableKey: `pk_test_${'x'.repeat(43)}`,
      baseUrl: api.baseUrl,
      origin: api.origin,
    })
    const error = await stranger.catalogue.clinic().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(AuthenticationError)
    expect(error).toBeInstanceOf(FrontdeskError)
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 })
  })

  it('refuses a secret key in the browser client, and a publishable key in the admin client, before any request', () => {
    expect(() => createFrontdesk({ publishableKey: api.secretKey, baseUrl: api.baseUrl })).toThrow(
      /secret key must never reach a browser/,
    )
    expect(() => createFrontdeskAdmin({ secretKey: api.publishableKey, baseUrl: api.baseUrl })).toThrow(
      /use createFrontdesk/,
    )
    expect(() => createFrontdesk({ publishableKey: api.publishableKey, baseUrl: 'not a url' })).toThrow(
      /baseUrl must be an absolute URL/,
    )
  })
})
