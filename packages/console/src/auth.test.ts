// The console reads /api/auth's refusals in the one error shape: better-auth's code (`reason`) is what
// tells a wrong password from an expired link, and the API's own code stands in when there is none.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AuthError, auth } from './auth.js'
import { explain } from './context.js'
import { messages } from './messages.js'

function answerWith(status: number, error: Record<string, string>) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => Response.json({ error: { requestId: 'req_test1234', ...error } }, { status })),
  )
}

beforeEach(() => {
  vi.stubGlobal('location', new URL('https://clinic-api.example/admin'))
})
afterEach(() => {
  vi.unstubAllGlobals()
})

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  )

describe('refusals from /api/auth', () => {
  it("words a wrong password by better-auth's reason", async () => {
    answerWith(401, {
      code: 'UNAUTHENTICATED',
      message: 'Invalid email or password',
      reason: 'INVALID_EMAIL_OR_PASSWORD',
    })
    const error = await refusal(auth.signIn('someone@staff.example', 'not it'))
    expect(error).toBeInstanceOf(AuthError)
    expect(error).toMatchObject({ status: 401, code: 'INVALID_EMAIL_OR_PASSWORD' })
    expect(explain(error)).toBe(messages.errors.signIn)
  })

  it('words an expired reset link and a wrong code', async () => {
    answerWith(400, { code: 'BAD_REQUEST', message: 'Invalid token', reason: 'INVALID_TOKEN' })
    expect(explain(await refusal(auth.resetPassword('old', 'a long new password')))).toBe(
      messages.errors.resetLink,
    )
    answerWith(401, { code: 'UNAUTHENTICATED', message: 'Invalid code', reason: 'INVALID_CODE' })
    expect(explain(await refusal(auth.verifyTotp('000000')))).toBe(messages.errors.code)
  })

  it("keeps the API's own code and message when better-auth gave none", async () => {
    answerWith(403, {
      code: 'FORBIDDEN',
      message: 'Staff accounts are created from an invitation sent by the clinic',
    })
    const error = await refusal(auth.signUp('Rita', 'rita@staff.example', 'a long enough password'))
    expect(error).toMatchObject({ status: 403, code: 'FORBIDDEN' })
    expect(explain(error)).toBe('Staff accounts are created from an invitation sent by the clinic')
  })
})
