// better-auth's refusals come back in the one error shape, with the request id of X-Request-Id and
// better-auth's own code kept as `reason`, for every status it can be made to answer.
import { beforeAll, describe, expect, it } from 'vitest'
import { type CallResult, createTestClinic, STAFF_ORIGIN, type TestClinic, useHarness } from './harness.js'
import { expectError } from './security/fixtures.js'
import { STAFF_PASSWORD, sessionCookie, staffMember } from './staff-session.js'

const harness = useHarness()
let clinic: TestClinic

beforeAll(async () => {
  clinic = await createTestClinic(harness)
})

const post = (
  path: string,
  body: unknown,
  options: { cookie?: string; headers?: Record<string, string> } = {},
) => harness.call('POST', path, { body, origin: STAFF_ORIGIN, ...options })

/** The one shape, with better-auth's own code as the reason. */
function expectAuthError(response: CallResult, status: number, code: string, reason: string | RegExp) {
  expectError(response, status, code)
  expect(response.body.error.reason).toEqual(
    typeof reason === 'string' ? reason : expect.stringMatching(reason),
  )
}

describe("better-auth's refusals", () => {
  it('a wrong password: 401 UNAUTHENTICATED, and no cookie', async () => {
    const owner = await staffMember(harness, clinic.clinicId, 'owner')
    const response = await post('/api/auth/sign-in/email', {
      email: owner.email,
      password: 'not the password',
    })
    expectAuthError(response, 401, 'UNAUTHENTICATED', 'INVALID_EMAIL_OR_PASSWORD')
    expect(response.body.error.message).toMatch(/invalid email or password/i)
    expect(sessionCookie(response.headers)).toBeNull()
  })

  it('a body it cannot use: 400 BAD_REQUEST', async () => {
    const response = await post('/api/auth/sign-in/email', { email: 'not an address', password: 'x' })
    expectAuthError(response, 400, 'BAD_REQUEST', /^[A-Z_]+$/)
  })

  it('a body that is not JSON: 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const json = JSON.stringify({ email: 'someone@staff.example', password: STAFF_PASSWORD })
    const response = await post('/api/auth/sign-in/email', new Blob([json], { type: 'text/plain' }))
    expectAuthError(response, 415, 'UNSUPPORTED_MEDIA_TYPE', 'UNSUPPORTED_MEDIA_TYPE')
  })

  it('a role that may not invite: 403 FORBIDDEN', async () => {
    const reception = await staffMember(harness, clinic.clinicId, 'reception')
    const response = await post(
      '/api/auth/organization/invite-member',
      { email: `someone-${Date.now()}@staff.example`, role: 'admin' },
      { cookie: reception.cookie },
    )
    expectAuthError(response, 403, 'FORBIDDEN', /NOT_ALLOWED/)
  })

  it('an account made twice from one invitation: 422 VALIDATION_FAILED', async () => {
    const owner = await staffMember(harness, clinic.clinicId, 'owner')
    const email = `twice-${Date.now()}@staff.example`
    const invited = await post(
      '/api/auth/organization/invite-member',
      { email, role: 'reception' },
      { cookie: owner.cookie },
    )
    expect(invited.status).toBe(200)
    const account = { email, password: STAFF_PASSWORD, name: 'Rita Reception' }
    const first = await post('/api/auth/sign-up/email', account)
    expect(first.status).toBe(200)
    expect(first.headers.get('X-Request-Id')).toEqual(expect.any(String))
    expect(sessionCookie(first.headers)).not.toBeNull()
    const second = await post('/api/auth/sign-up/email', account)
    expectAuthError(second, 422, 'VALIDATION_FAILED', /USER_ALREADY_EXISTS/)
  })

  it('a path it does not answer: 404 NOT_FOUND', async () => {
    const response = await harness.call('GET', '/api/auth/no-such-thing', { origin: STAFF_ORIGIN })
    expectError(response, 404, 'NOT_FOUND')
  })
})
