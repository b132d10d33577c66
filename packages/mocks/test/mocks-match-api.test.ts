// One SDK scenario against the real API and the mocks: same schemas, same fields, same error codes and statuses.
import {
  Availability,
  AvailabilityTimes,
  Booking,
  BookingCreated,
  ErrorBody,
  Hold,
  HoldCreated,
  Service,
} from '@frontdesk/contracts'
import {
  createFrontdesk,
  createFrontdeskAdmin,
  expandTimes,
  type Frontdesk,
  isFrontdeskError,
  type Service as ServiceType,
} from '@frontdesk/sdk'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import * as z from 'zod'
import { daysAhead } from '../../sdk/test/support/dates.js'
import { seedPractice } from '../../sdk/test/support/practice.js'
import { createFrontdeskHandlers, demoClinic } from '../src/index.js'

const MOCK_URL = 'https://mock.frontdesk.test'
const server = setupServer(...createFrontdeskHandlers({ baseUrl: MOCK_URL }))

interface Recorded {
  method: string
  status: number
  body: unknown
}

/** A fetch that keeps every answer's JSON body, to compare what went over the wire and not only what the SDK kept. */
function recordingFetch() {
  const answers: Recorded[] = []
  const recording: typeof fetch = async (input, init) => {
    const request = new Request(input, init)
    const response = await fetch(request)
    const text = await response.clone().text()
    answers.push({ method: request.method, status: response.status, body: text ? JSON.parse(text) : null })
    return response
  }
  return { fetch: recording, answers }
}

const patient = { name: 'Maria Muster', email: 'maria@example.org', dateOfBirth: '1985-04-12' }

type Outcome = { ok: true } | { code: string; status: number; issuePaths: string[] }

async function outcome(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    await call()
    return { ok: true }
  } catch (error) {
    if (!isFrontdeskError(error)) throw error
    return { code: error.code, status: error.status, issuePaths: error.issues.map((issue) => issue.path) }
  }
}

/** The patient's path and the ways it fails, as a widget would walk it; every step's outcome in order. */
async function scenario(frontdesk: Frontdesk, pickService: (services: ServiceType[]) => ServiceType) {
  const steps: Outcome[] = []
  const step = async (call: () => Promise<unknown>) => {
    steps.push(await outcome(call))
  }
  const service = pickService((await frontdesk.catalogue.services.list()).data)
  const availability = await frontdesk.availability.get({
    serviceId: service.id,
    from: daysAhead(3),
    to: daysAhead(9),
  })
  const slots = availability.days.flatMap((day) => day.slots)
  expect(slots.length).toBeGreaterThanOrEqual(3)
  // The compact answer: the same times as the full one, as the widget asks (no practitioners) and in full.
  const range = { serviceId: service.id, from: daysAhead(3), to: daysAhead(9) }
  const times = await frontdesk.availability.times(range)
  expect(times.days.map((day) => day.times.length)).toEqual(availability.days.map((day) => day.slots.length))
  const withWho = await frontdesk.availability.times({ ...range, practitioners: true })
  expect(withWho.days.map((day) => expandTimes(withWho, day))).toEqual(
    availability.days.map((day) => day.slots),
  )
  const [first, second, third] = slots as [(typeof slots)[0], (typeof slots)[0], (typeof slots)[0]]

  const choice = {
    serviceId: service.id,
    practitionerId: first.practitionerIds[0]!,
    startsAt: first.startsAt,
  }
  const { hold, visitToken } = await frontdesk.holds.create(choice)
  await step(() => frontdesk.holds.get(hold.id, { visitToken }))
  const booked = await frontdesk.bookings.create({ holdId: hold.id, patient }, { visitToken })
  await step(() => frontdesk.bookings.get(booked.booking.id, { manageToken: booked.manageToken }))
  await step(() => frontdesk.bookings.cancel(booked.booking.id, { manageToken: booked.manageToken }))
  await step(() => frontdesk.bookings.cancel(booked.booking.id, { manageToken: booked.manageToken }))

  const secondChoice = {
    serviceId: service.id,
    practitionerId: second.practitionerIds[0]!,
    startsAt: second.startsAt,
  }
  const secondHold = await frontdesk.holds.create(secondChoice)
  await step(() => frontdesk.holds.create(secondChoice))
  await frontdesk.holds.release(secondHold.hold.id, { visitToken: secondHold.visitToken })
  await step(() =>
    frontdesk.bookings.create({ holdId: secondHold.hold.id, patient }, { visitToken: secondHold.visitToken }),
  )

  await step(() =>
    frontdesk.bookings.create({
      serviceId: service.id,
      startsAt: third.startsAt,
      patient: { ...patient, email: 'maria-at-example', dateOfBirth: '2999-01-01' },
    }),
  )
  await step(() => frontdesk.bookings.create({ holdId: hold.id, serviceId: service.id, patient } as never))
  await step(() => frontdesk.holds.create({ ...choice, startsAt: 'tomorrow at nine' }))
  await step(() => frontdesk.catalogue.services.get('svc_doesNotExist'))
  await step(() => frontdesk.bookings.get(booked.booking.id, { visitToken: secondHold.visitToken }))
  return steps
}

/** The wire schema of each successful answer, in the order the scenario makes the calls. */
const successSchemas = [
  z.object({ data: z.array(Service) }),
  Availability,
  AvailabilityTimes,
  AvailabilityTimes,
  HoldCreated,
  Hold,
  BookingCreated,
  Booking,
  Booking,
]

/** Which fields an answer has, at every depth, merging the elements of lists; values themselves differ. */
function fieldsOf(value: unknown): unknown {
  if (Array.isArray(value)) {
    const merged: Record<string, unknown> = {}
    for (const element of value) {
      const fields = fieldsOf(element)
      if (typeof fields === 'object' && fields !== null) Object.assign(merged, fields)
    }
    return [merged]
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, fieldsOf((value as Record<string, unknown>)[key])]),
    )
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? 'value'
    : value
}

describe('the mocks answer like the API', () => {
  let api: { steps: Outcome[]; answers: Recorded[] }
  let mock: { steps: Outcome[]; answers: Recorded[] }

  beforeAll(async () => {
    server.listen({ onUnhandledRequest: 'bypass' })
    const real = inject('frontdeskApi')
    const admin = createFrontdeskAdmin({ secretKey: real.secretKey, baseUrl: real.baseUrl })
    const practice = await seedPractice(admin, 'Mocks parity')

    const apiRecorder = recordingFetch()
    const apiClient = createFrontdesk({
      publishableKey: real.publishableKey,
      baseUrl: real.baseUrl,
      origin: real.origin,
      fetch: apiRecorder.fetch,
    })
    const apiSteps = await scenario(
      apiClient,
      (services) => services.find((each) => each.id === practice.service.id)!,
    )
    api = { steps: apiSteps, answers: apiRecorder.answers }

    const mockRecorder = recordingFetch()
    const mockClient = createFrontdesk({
      publishableKey: 'pk_test_mockmockmockmockmockmock',
      baseUrl: MOCK_URL,
      origin: real.origin,
      fetch: mockRecorder.fetch,
    })
    const mockSteps = await scenario(mockClient, (services) => services[0]!)
    mock = { steps: mockSteps, answers: mockRecorder.answers }
  })

  afterAll(() => server.close())

  it('fails each step with the same code, status and fields at fault', () => {
    expect(api.steps).toEqual([
      { ok: true },
      { ok: true },
      { ok: true },
      { code: 'BOOKING_NOT_CHANGEABLE', status: 409, issuePaths: [] },
      { code: 'SLOT_TAKEN', status: 409, issuePaths: [] },
      { code: 'HOLD_EXPIRED', status: 410, issuePaths: [] },
      { code: 'VALIDATION_FAILED', status: 422, issuePaths: ['patient.email', 'patient.dateOfBirth'] },
      { code: 'VALIDATION_FAILED', status: 422, issuePaths: ['serviceId'] },
      { code: 'VALIDATION_FAILED', status: 422, issuePaths: ['startsAt'] },
      { code: 'NOT_FOUND', status: 404, issuePaths: [] },
      { code: 'NOT_FOUND', status: 404, issuePaths: [] },
    ])
    expect(mock.steps).toEqual(api.steps)
  })

  it('sends answers that parse with the same contract schemas and carry the same fields', () => {
    expect(mock.answers.map(({ method, status }) => ({ method, status }))).toEqual(
      api.answers.map(({ method, status }) => ({ method, status })),
    )
    const successes = (answers: Recorded[]) => answers.filter((answer) => answer.status < 300 && answer.body)
    const apiSuccesses = successes(api.answers)
    const mockSuccesses = successes(mock.answers)
    for (const [index, schema] of successSchemas.entries()) {
      expect(schema.safeParse(apiSuccesses[index]?.body).success).toBe(true)
      expect(schema.safeParse(mockSuccesses[index]?.body).success).toBe(true)
    }
    for (const [index, answer] of api.answers.entries()) {
      if (answer.status >= 400) expect(ErrorBody.parse(mock.answers[index]?.body)).toBeTruthy()
      expect(fieldsOf(mock.answers[index]?.body), `answer ${index}`).toEqual(fieldsOf(answer.body))
    }
  })

  it('answers with the demo clinic the package exports', async () => {
    const frontdesk = createFrontdesk({
      publishableKey: 'pk_test_mockmockmockmockmockmock',
      baseUrl: MOCK_URL,
    })
    const clinic = await frontdesk.catalogue.clinic()
    expect(clinic).toEqual({
      id: demoClinic.id,
      name: demoClinic.name,
      timeZone: demoClinic.timeZone,
      policy: demoClinic.policy,
      messageChannels: demoClinic.messageChannels,
    })
    const { data: practitioners } = await frontdesk.catalogue.practitioners.list({
      serviceId: 'svc_vaccination',
    })
    expect(practitioners.map((practitioner) => practitioner.name)).toEqual([
      'Dr. Jonas Weber',
      'Lena Schmidt',
    ])
  })
})
