// Signing staff in through the real better-auth endpoints, for tests that act with a session cookie.
import type { StaffRole } from '@frontdesk/contracts/staff'
import { addStaffMember } from '../src/staff/accounts.js'
import { type Harness, STAFF_ORIGIN } from './harness.js'

export const STAFF_PASSWORD = 'correct horse battery staple'
let counter = 0

/** The session cookie from a Set-Cookie answer, as a browser would send it back. */
export function sessionCookie(headers: Headers): string | null {
  const cookies = headers.getSetCookie().map((line) => line.split(';')[0] as string)
  const session = cookies.find((cookie) => cookie.includes('session_token=') && !cookie.endsWith('='))
  return session ?? null
}

export async function signIn(harness: Harness, email: string, password = STAFF_PASSWORD) {
  const response = await harness.call('POST', '/api/auth/sign-in/email', {
    body: { email, password },
    origin: STAFF_ORIGIN,
  })
  return { ...response, cookie: sessionCookie(response.headers) }
}

/** A new account with `role` in the clinic, signed in; `cookie` goes into harness.call's `cookie`. */
export async function staffMember(harness: Harness, clinicId: string, role: StaffRole) {
  const email = `${role}-${++counter}-${Date.now()}@staff.example`
  const { userId, memberId } = await addStaffMember(harness.deps.system, {
    clinicId,
    email,
    name: `Test ${role}`,
    password: STAFF_PASSWORD,
    role,
  })
  const signedIn = await signIn(harness, email)
  if (!signedIn.cookie) throw new Error(`sign-in failed: ${signedIn.status} ${JSON.stringify(signedIn.body)}`)
  return { email, userId, memberId, cookie: signedIn.cookie }
}
