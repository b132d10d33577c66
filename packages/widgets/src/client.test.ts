// The widgets' client asks for the endpoint table's paths, with each value encoded; a path that is not the
// table's for the operation named does not compile (tsc checks the `@ts-expect-error` lines below).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type apiCaller, createClient } from './client.js'
import { createIntakeClient } from './intake/intake-client.js'

const API = 'https://api.example.com/'

/** Answers every request with an empty JSON object and keeps what was asked for. */
function recordRequests() {
  const asked: string[] = []
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    asked.push(`${init.method} ${url}`)
    return new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } })
  })
  return asked
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('the widgets’ client', () => {
  it('asks for the table’s paths under the API base, values encoded', async () => {
    const asked = recordRequests()
    const client = createClient({ apiBase: API, publishableKey: 'pk_test_1' })
    const slot = { serviceId: 'svc_1', startsAt: '2030-01-01T09:00:00Z' }
    await client.moveHold('hold_1/../x', 'vt_1', slot)
    await client.availabilityTimes({ serviceId: 'svc_1', from: '2030-01-01', to: '2030-01-07' })
    const intake = createIntakeClient(API)
    await intake.upload(
      'intake_1',
      'rt_1',
      'insurance.card',
      new File(['x'], 'card.png', { type: 'image/png' }),
    )
    await intake.submit('intake_1', 'rt_1', 1, {})
    expect(asked).toEqual([
      'PUT https://api.example.com/v1/holds/hold_1%2F..%2Fx',
      'GET https://api.example.com/v1/availability/times?serviceId=svc_1&from=2030-01-01&to=2030-01-07',
      'POST https://api.example.com/v1/intake/drafts/intake_1/files?field=insurance.card',
      'POST https://api.example.com/v1/intake/drafts/intake_1/submit',
    ])
  })
})

/** Never called: tsc fails the build if any of these compiles. */
export async function pathsNotInTheTable(call: ReturnType<typeof apiCaller>, id: string) {
  // @ts-expect-error the table's path is /v1/holds/{id}
  await call<'repickHold'>('PUT', `/v1/hold/${id}`, 'vt_1')
  // @ts-expect-error repickHold is a PUT
  await call<'repickHold'>('POST', `/v1/holds/${id}`, 'vt_1')
  // @ts-expect-error submitting is /v1/intake/drafts/{id}/submit
  await call<'submitIntakeDraft'>('POST', `/v1/intake/drafts/${id}`, 'rt_1')
  // @ts-expect-error createBooking takes no query
  await call<'createBooking'>('POST', '/v1/bookings?holdId=1', 'vt_1')
  // @ts-expect-error no operation named: every path is refused
  await call('GET', '/v1/clinic', 'pk_test_1')
  // @ts-expect-error the body is the table's SlotChoice
  await call<'createHold'>('POST', '/v1/holds', 'pk_test_1', { json: { when: 'soon' } })
}
