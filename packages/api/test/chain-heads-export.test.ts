// The signed heads as an auditor meets them: every ledger and trail export carries the head, which checks
// with nothing but the public key and the exported records; and chains from before migration 0022 get a
// head once the master key is at hand, after which a cut tail shows there too.
import { createPublicKey, verify } from 'node:crypto'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { eventHash, verifyAuditChain } from '../src/audit/seal.js'
import { FieldCipher } from '../src/crypto/field-cipher.js'
import { type OpenedDatabase, openDatabase } from '../src/db/database.js'
import { migrate } from '../src/db/migrate.js'
import { GENESIS } from '../src/ledger/chain.js'
import { createTestClinic, patient, TEST_MASTER_KEY, useHarness } from './harness.js'
import { consentTestDocument, SIGNATURE } from './security/fixtures.js'

const harness = useHarness()

async function must(promise: ReturnType<typeof harness.call>, status: number): Promise<any> {
  const response = await promise
  expect({ status: response.status, body: response.body }).toMatchObject({ status })
  return response.body
}

/** What docs/audit.md tells an auditor to do, written without the API's code. */
function auditorAccepts(head: any, records: { sequence: number | null; hash: string | null }[]): boolean {
  const publicKey = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: head.publicKey },
    format: 'jwk',
  })
  const message = JSON.stringify([
    'frontdesk-chain-head-v1',
    head.chain,
    head.clinicId,
    head.count,
    head.hash,
    head.signedAt,
  ])
  const genuine = verify(null, Buffer.from(message), publicKey, Buffer.from(head.signature, 'base64url'))
  const newest = records.find((record) => record.sequence === head.count)
  return genuine && newest?.hash === head.hash
}

describe('exports carry the signed head', () => {
  it('the audit trail, the consent ledger and its FHIR bundle; an auditor checks them with the public key', async () => {
    const clinic = await createTestClinic(harness)
    await must(
      harness.call('POST', '/v1/bookings', {
        token: clinic.sk,
        body: {
          serviceId: clinic.serviceId,
          practitionerId: clinic.practitionerIds[0],
          startsAt: '2027-03-03T08:00:00Z',
          patient,
        },
      }),
      201,
    )
    const trail = await must(harness.call('GET', '/v1/audit/events?limit=100', { token: clinic.sk }), 200)
    expect(trail.head).toMatchObject({ chain: 'audit', clinicId: clinic.clinicId, algorithm: 'Ed25519' })
    expect(auditorAccepts(trail.head, trail.data)).toBe(true)
    // The same copy, cut short or with a head made up, does not pass.
    const cut = trail.data.filter((event: any) => event.sequence !== trail.head.count)
    expect(auditorAccepts(trail.head, cut)).toBe(false)
    expect(auditorAccepts({ ...trail.head, count: trail.head.count - 1 }, trail.data)).toBe(false)

    const check = await must(harness.call('GET', '/v1/audit/verification', { token: clinic.sk }), 200)
    expect(check.head.publicKey).toBe(trail.head.publicKey)

    const empty = await must(harness.call('GET', '/v1/consent/records', { token: clinic.sk }), 200)
    // No consent given yet: no head until the first record.
    expect(empty).toMatchObject({ data: [], head: null })
    const document = await must(
      harness.call('POST', '/v1/consent/documents', { token: clinic.sk, body: consentTestDocument() }),
      201,
    )
    const { id: patientId } = await harness.deps.system
      .selectFrom('patients')
      .select('id')
      .where('clinic_id', '=', clinic.clinicId)
      .executeTakeFirstOrThrow()
    const text = document.current.texts.find((text: { language: string }) => text.language === 'en')
    for (const decision of ['given', 'refused']) {
      const body = {
        documentId: document.id,
        version: document.current.version,
        language: 'en',
        textHash: text.hash,
        decision,
        signer: { relation: 'self' },
        signature: SIGNATURE,
        patientId,
      }
      await must(harness.call('POST', '/v1/consent/records', { token: clinic.sk, body }), 201)
    }
    const ledger = await must(harness.call('GET', '/v1/consent/records', { token: clinic.sk }), 200)
    expect(ledger.head).toMatchObject({ chain: 'consent', count: 2, publicKey: trail.head.publicKey })
    expect(auditorAccepts(ledger.head, ledger.data)).toBe(true)
    expect(auditorAccepts(ledger.head, ledger.data.slice(0, 1))).toBe(false)

    const bundle = await must(harness.call('GET', '/v1/consent/bundle', { token: clinic.sk }), 200)
    const [extension] = bundle.meta.extension
    expect(extension.url).toBe('https://frontdesk.dev/fhir/StructureDefinition/chain-head')
    expect(
      Object.fromEntries(extension.extension.map((part: any) => [part.url, Object.values(part)[1]])),
    ).toEqual({
      ...ledger.head,
      chain: undefined,
    })
  })
})

describe('chains from before 0022', () => {
  let opened: OpenedDatabase | undefined
  afterEach(async () => {
    await opened?.close()
    opened = undefined
  })

  // A PGlite database of its own, made and migrated from empty: slow on a busy machine.
  it('get their head once the master key is given, and a cut tail shows from then on', {
    timeout: 120_000,
  }, async () => {
    // Its own database, stopped before 0022, with an audit chain sealed the old way.
    opened = await openDatabase({ dataDir: 'memory://' })
    const db = opened.system
    await migrate(db, { upTo: '0021_clinic_region.sql' })
    await sql`INSERT INTO clinics (id, name, time_zone) VALUES ('cln_old', 'Old Clinic', 'Europe/Berlin')`.execute(
      db,
    )
    for (let n = 0; n < 4; n++) {
      await sql`INSERT INTO audit_events (clinic_id, actor_type, actor_id, action, object_type, object_id)
        VALUES ('cln_old', 'secret', 'key_old', 'booking.read', 'booking', ${`bkg_${n}`})`.execute(db)
    }
    const events = await sql<any>`SELECT id, clinic_id, actor_type, actor_id, action, object_type, object_id,
      request_id, client_ip, (extract(epoch from occurred_at) * 1000000)::bigint::text AS occurred_us
      FROM audit_events ORDER BY id`.execute(db)
    let prev: Uint8Array = GENESIS
    for (const [index, event] of events.rows.entries()) {
      const hash = eventHash(prev, event)
      await sql`INSERT INTO audit_seals (clinic_id, sequence, event_id, prev_hash, hash)
        VALUES ('cln_old', ${index + 1}, ${event.id}, ${prev}, ${hash})`.execute(db)
      prev = hash
    }

    const cipher = new FieldCipher({ system: db, masterKey: TEST_MASTER_KEY })
    const keys = cipher.chainHeads
    // `frontdesk migrate` without the key: the chain waits for its head and still checks intact.
    expect((await migrate(db)).anchoring).toEqual({ state: 'pending', remaining: 1 })
    expect(await verifyAuditChain(db, keys, 'cln_old')).toMatchObject({
      intact: true,
      records: 4,
      head: null,
    })
    // With the key (as `serve` starts): the head is signed where the chain ends.
    expect((await migrate(db, { cipher })).anchoring).toEqual({ state: 'done', anchored: 1 })
    expect(await verifyAuditChain(db, keys, 'cln_old')).toMatchObject({
      intact: true,
      head: { count: 4, hash: Buffer.from(prev).toString('hex') },
    })

    await db.transaction().execute(async (trx) => {
      await sql`ALTER TABLE audit_seals DISABLE TRIGGER USER`.execute(trx)
      await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(trx)
      await sql`DELETE FROM audit_seals WHERE clinic_id = 'cln_old' AND sequence = 4`.execute(trx)
      await sql`DELETE FROM audit_events WHERE id = ${events.rows[3].id}`.execute(trx)
      await sql`ALTER TABLE audit_events ENABLE TRIGGER USER`.execute(trx)
      await sql`ALTER TABLE audit_seals ENABLE TRIGGER USER`.execute(trx)
    })
    expect((await verifyAuditChain(db, keys, 'cln_old')).firstBroken).toEqual({
      sequence: 4,
      recordId: null,
      reason: 'the newest record is missing: the signed head counts 4',
    })
  })
})
