// Sign-in abuse: limits by account and by client hold however X-Forwarded-For rotates, unless the
// request really came through one of our proxies.
import { beforeAll, describe, expect, it } from 'vitest'
import { createTestClinic, STAFF_ORIGIN, type TestClinic, useHarness } from './harness.js'
import { STAFF_PASSWORD, staffMember } from './staff-session.js'

const harness = useHarness({
  rateLimits: { signInAccount: { points: 3, duration: 900 }, signInClient: { points: 6, duration: 900 } },
  trustedProxies: ['10.0.0.0/8'],
})
let clinic: TestClinic
let peer = 0

beforeAll(async () => {
  clinic = await createTestClinic(harness)
})

/** A fresh outside address for each test, so one test's count does not spill into the next. */
const outsider = () => `198.51.100.${++peer}`
const forged = (n: number) => `203.0.113.${n}`

const attempt = (email: string, password: string, from: { peer: string; forwardedFor?: string }) =>
  harness.call('POST', '/api/auth/sign-in/email', {
    body: { email, password },
    origin: STAFF_ORIGIN,
    peer: from.peer,
    ...(from.forwardedFor && { headers: { 'X-Forwarded-For': from.forwardedFor } }),
  })

describe('sign-in limits', () => {
  it('stop guessing one account from an untrusted peer, whatever X-Forwarded-For says, even the right password', async () => {
    const { email } = await staffMember(harness, clinic.clinicId, 'admin')
    const from = outsider()
    for (let n = 1; n <= 2; n++) {
      const response = await attempt(email, 'wrong guess number one', { peer: from, forwardedFor: forged(n) })
      expect(response.status).toBe(401)
    }
    const refused = await attempt(email, STAFF_PASSWORD, { peer: outsider(), forwardedFor: forged(99) })
    expect(refused.status).toBe(429)
    expect(refused.body.error.code).toBe('RATE_LIMITED')
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0)
  })

  it('stop one client trying many accounts, however X-Forwarded-For rotates', async () => {
    const from = outsider()
    const statuses: number[] = []
    for (let n = 1; n <= 7; n++) {
      const response = await attempt(`nobody-${n}-${Date.now()}@staff.example`, 'wrong guess number one', {
        peer: from,
        forwardedFor: forged(n),
      })
      statuses.push(response.status)
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429])
  })

  it('count each client behind a trusted proxy by its own address', async () => {
    const statuses: number[] = []
    for (let n = 1; n <= 7; n++) {
      const response = await attempt(`someone-${n}-${Date.now()}@staff.example`, 'wrong guess number one', {
        peer: '10.0.0.7',
        forwardedFor: `192.0.2.${n}, 10.0.0.3`,
      })
      statuses.push(response.status)
    }
    expect(statuses.every((status) => status === 401)).toBe(true)
  })
})
