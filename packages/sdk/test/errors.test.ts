// How answers that are not what the contracts promise become errors, and how the guards recognise errors across realms.
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import {
  createFrontdesk,
  FrontdeskError,
  isFrontdeskError,
  isNotFoundError,
  isSlotTakenError,
  SlotTakenError,
  ValidationError,
} from '../src/index.js'

const baseUrl = 'https://api.clinic.test'

function clientAnswering(response: () => Response) {
  return createFrontdesk({
    publishableKey: `pk_test_${'a'.repeat(43)}`,
    baseUrl,
    maxRetries: 0,
    fetch: async () => response(),
  })
}

describe('error guards', () => {
  it('recognise an error thrown by another copy of the SDK, in another realm', () => {
    const foreign = runInNewContext(
      `Object.assign(new Error('Someone else has just taken this time'), {
        name: 'SlotTakenError', code: 'SLOT_TAKEN', status: 409, requestId: 'req_abc12345', issues: [] })`,
    ) as unknown
    expect(foreign instanceof SlotTakenError).toBe(false)
    expect(foreign instanceof Error).toBe(false)
    expect(isSlotTakenError(foreign)).toBe(true)
    expect(isFrontdeskError(foreign)).toBe(true)
    expect(isNotFoundError(foreign)).toBe(false)
  })

  it('do not mistake a DOMException or a plain error for one of ours', () => {
    expect(isNotFoundError(new DOMException('gone', 'NotFoundError'))).toBe(false)
    expect(isFrontdeskError(new Error('ValidationError'))).toBe(false)
    expect(isFrontdeskError(Object.assign(new Error('x'), { name: 'ValidationError' }))).toBe(false)
    expect(isFrontdeskError(null)).toBe(false)
  })
})

describe('answers without the error body', () => {
  it("turn a proxy's 502 page into an INTERNAL FrontdeskError with its status", async () => {
    const frontdesk = clientAnswering(
      () =>
        new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }),
    )
    const error = await frontdesk.catalogue.clinic().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(FrontdeskError)
    expect(error).toMatchObject({ name: 'FrontdeskError', code: 'INTERNAL', status: 502, requestId: null })
  })

  it('keep a code newer than this SDK, with its message', async () => {
    const frontdesk = clientAnswering(() =>
      Response.json(
        { error: { code: 'CLINIC_PAUSED', message: 'Online booking is paused', requestId: 'req_newcode1' } },
        { status: 409 },
      ),
    )
    const error = await frontdesk.catalogue.clinic().catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'CLINIC_PAUSED', message: 'Online booking is paused', status: 409 })
  })

  it('report a success body the contracts do not describe as INVALID_RESPONSE, naming where', async () => {
    const frontdesk = clientAnswering(() =>
      Response.json({ id: 'clinic_1', name: 'X' }, { headers: { 'X-Request-Id': 'req_shape123' } }),
    )
    const error = await frontdesk.catalogue.clinic().catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE', status: 200, requestId: 'req_shape123' })
    expect((error as Error).message).toContain('timeZone')
  })

  it('keep the issues of a validation error', async () => {
    const issues = [{ path: 'serviceId', message: 'Not a Frontdesk id' }]
    const frontdesk = clientAnswering(() =>
      Response.json(
        {
          error: {
            code: 'VALIDATION_FAILED',
            message: 'serviceId: Not a Frontdesk id',
            requestId: 'req_v1234567',
            issues,
          },
        },
        { status: 422 },
      ),
    )
    const error = await frontdesk.availability
      .get({ serviceId: 'nope', from: '2030-01-01', to: '2030-01-02' })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues).toEqual(issues)
  })
})
