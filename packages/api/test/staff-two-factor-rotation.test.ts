// Staff two-factor through a master key rotation: sealed under a secret derived from the master key, it keeps
// working with both keys, is re-sealed by rotate-master's staff step, and works with the new key alone.
import { createHmac, randomBytes } from 'node:crypto'
import { symmetricDecrypt, symmetricEncrypt } from 'better-auth/crypto'
import { describe, expect, it, vi } from 'vitest'
import { createApp } from '../src/app.js'
import { MasterKey } from '../src/crypto/master-key.js'
import { addStaffMember } from '../src/staff/accounts.js'
import { createStaffAuth } from '../src/staff/auth.js'
import { resealStaffTwoFactor } from '../src/staff/secret-ring.js'
import { createTestClinic, STAFF_ORIGIN, useHarness } from './harness.js'
import { STAFF_PASSWORD, sessionCookie } from './staff-session.js'

const harness = useHarness()
const STAFF_SECRET = 'staff sessions'

/** The app as an API process started with these master keys. */
function restartWith(masterKey: MasterKey, previous: MasterKey[] = []) {
  const staff = createStaffAuth({
    db: harness.deps.system,
    baseUrl: STAFF_ORIGIN,
    secret: masterKey.deriveKey(STAFF_SECRET),
    previousSecrets: previous.map((key) => key.deriveKey(STAFF_SECRET)),
    mailer: { send: async () => {} },
    logger: harness.deps.logger,
  })
  harness.app = createApp({ ...harness.deps, staff })
}

/** RFC 6238 with the authenticator app's defaults (SHA-1, 30 seconds, 6 digits), from the enrolment URI. */
function totp(uri: string): string {
  const encoded = new URL(uri).searchParams.get('secret')!.replace(/=+$/, '')
  let bits = ''
  for (const char of encoded)
    bits += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.indexOf(char).toString(2).padStart(5, '0')
  const secret = Buffer.from(bits.match(/.{8}/g)!.map((byte) => Number.parseInt(byte, 2)))
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000)))
  const mac = createHmac('sha1', secret).update(counter).digest()
  const offset = mac[mac.length - 1]! & 0xf
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0')
}

const cookies = (headers: Headers) =>
  headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .join('; ')

/** Password, then the second factor: the status of the second step and the session it gives. */
async function signInWithSecondFactor(email: string, second: { totp: string } | { backupCode: string }) {
  const first = await harness.call('POST', '/api/auth/sign-in/email', {
    body: { email, password: STAFF_PASSWORD },
    origin: STAFF_ORIGIN,
  })
  expect(first.body).toMatchObject({ twoFactorRedirect: true })
  const [path, code] =
    'totp' in second ? ['verify-totp', second.totp] : ['verify-backup-code', second.backupCode]
  const verified = await harness.call('POST', `/api/auth/two-factor/${path}`, {
    body: { code },
    origin: STAFF_ORIGIN,
    cookie: cookies(first.headers),
  })
  return { status: verified.status, session: sessionCookie(verified.headers) }
}

/** A value as Frontdesk sealed it before its staff secrets had versions: under the bare secret. */
async function sealedAsBefore(value: string, masterKey: MasterKey) {
  const secret = Buffer.from(masterKey.deriveKey(STAFF_SECRET)).toString('base64url')
  const version = Number(value.split('$')[2])
  const plain = await symmetricDecrypt({
    key: { keys: new Map([[version, secret]]), currentVersion: version },
    data: value,
  })
  return symmetricEncrypt({ key: secret, data: plain })
}

const twoFactorRow = (userId: string) =>
  harness.deps.system
    .selectFrom('staff.twoFactor')
    .select(['secret', 'backupCodes'])
    .where('userId', '=', userId)
    .executeTakeFirstOrThrow()

describe('staff two-factor through a master key rotation', () => {
  it('keeps working with both keys, is re-sealed once, then needs only the new key', async () => {
    const [oldKey, newKey] = [MasterKey.fromBytes(randomBytes(32)), MasterKey.fromBytes(randomBytes(32))]
    restartWith(oldKey)
    const { clinicId } = await createTestClinic(harness)
    const email = `owner-${randomBytes(4).toString('hex')}@staff.example`
    const { userId } = await addStaffMember(harness.deps.system, {
      clinicId,
      email,
      name: 'Olga Owner',
      password: STAFF_PASSWORD,
      role: 'owner',
    })
    const signedIn = await harness.call('POST', '/api/auth/sign-in/email', {
      body: { email, password: STAFF_PASSWORD },
      origin: STAFF_ORIGIN,
    })
    const cookie = sessionCookie(signedIn.headers)!
    const enabled = await harness.call('POST', '/api/auth/two-factor/enable', {
      body: { password: STAFF_PASSWORD },
      origin: STAFF_ORIGIN,
      cookie,
    })
    expect(enabled.status).toBe(200)
    const { totpURI, backupCodes } = enabled.body as { totpURI: string; backupCodes: string[] }
    const confirmed = await harness.call('POST', '/api/auth/two-factor/verify-totp', {
      body: { code: totp(totpURI) },
      origin: STAFF_ORIGIN,
      cookie,
    })
    expect(confirmed.status).toBe(200)
    // Enrolled before this release: sealed without a version. It opens as it did.
    const enrolled = await twoFactorRow(userId)
    await harness.deps.system
      .updateTable('staff.twoFactor')
      .set({
        secret: await sealedAsBefore(enrolled.secret, oldKey),
        backupCodes: await sealedAsBefore(enrolled.backupCodes, oldKey),
      })
      .where('userId', '=', userId)
      .execute()
    const sealedBefore = await twoFactorRow(userId)
    expect(sealedBefore.secret.startsWith('$ba$')).toBe(false)
    expect((await signInWithSecondFactor(email, { totp: totp(totpURI) })).status).toBe(200)

    // Restarted with the new key and the old one as previous: the old-sealed secret and codes still open.
    restartWith(newKey, [oldKey])
    // Cookies are signed with the current secret alone: the session from before ends.
    const session = await harness.call('GET', '/api/auth/get-session', { origin: STAFF_ORIGIN, cookie })
    expect(session.body).toBeNull()
    expect(await signInWithSecondFactor(email, { totp: totp(totpURI) })).toMatchObject({
      status: 200,
      session: expect.any(String),
    })
    expect((await signInWithSecondFactor(email, { backupCode: backupCodes[0]! })).status).toBe(200)

    const reseal = () =>
      resealStaffTwoFactor({
        system: harness.deps.system,
        secret: newKey.deriveKey(STAFF_SECRET),
        previousSecrets: [oldKey.deriveKey(STAFF_SECRET)],
        batchSize: 2,
      })
    expect((await reseal()).resealed).toBeGreaterThanOrEqual(1)
    const sealedAfter = await twoFactorRow(userId)
    expect(sealedAfter.secret).not.toBe(sealedBefore.secret)
    expect(sealedAfter.backupCodes).not.toBe(sealedBefore.backupCodes)
    expect(sealedAfter.secret.startsWith('$ba$')).toBe(true)
    // Again: this row is left as it is.
    await reseal()
    expect(await twoFactorRow(userId)).toEqual(sealedAfter)

    // The new key alone: the authenticator app and the remaining backup codes work as before.
    restartWith(newKey)
    expect((await signInWithSecondFactor(email, { totp: totp(totpURI) })).status).toBe(200)
    expect((await signInWithSecondFactor(email, { backupCode: backupCodes[1]! })).status).toBe(200)
    // The spent backup code stays spent, and the old key alone opens nothing.
    expect((await signInWithSecondFactor(email, { backupCode: backupCodes[0]! })).status).not.toBe(200)
    restartWith(oldKey)
    // better-auth logs the failure to open it on the console.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      expect((await signInWithSecondFactor(email, { totp: totp(totpURI) })).status).not.toBe(200)
    } finally {
      quiet.mockRestore()
    }
  }, 60_000)
})
