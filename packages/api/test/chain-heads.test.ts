// A chain's end is anchored: removing the newest audit events with their seals, or the newest consent
// records, straight in the database is reported by `frontdesk audit verify` and `frontdesk consent verify`
// as a cut tail (exit 1), a head changed in place as forged, and an intact chain still passes.
import { sql } from 'kysely'
import { describe, expect, it, vi } from 'vitest'
import { sealAuditEvents } from '../src/audit/seal.js'
import { ledgerCommand } from '../src/cli-ledgers.js'
import { createTestClinic, patient, TEST_STORAGE, type TestClinic, useHarness } from './harness.js'
import { consentTestDocument, SIGNATURE } from './security/fixtures.js'

const harness = useHarness()

async function must(promise: ReturnType<typeof harness.call>, status: number): Promise<any> {
  const response = await promise
  expect({ status: response.status, body: response.body }).toMatchObject({ status })
  return response.body
}

/** `frontdesk <ledger> verify --clinic <id>` in this process: its exit code and what it printed. */
async function verify(ledger: 'audit' | 'consent', clinic: TestClinic) {
  const out: string[] = []
  const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)))
  try {
    const args = ['--clinic', clinic.clinicId]
    const code = await ledgerCommand(ledger, harness.deps.system, TEST_STORAGE, 'verify', args)
    return { code, out: out.join('\n').replace(`Test Clinic (${clinic.clinicId}): `, '') }
  } finally {
    log.mockRestore()
  }
}

/** Changes stored rows the way only someone with direct database access could: triggers off. */
async function tamper(...statements: ReturnType<typeof sql>[]) {
  const tables = ['audit_events', 'audit_seals', 'consent_records']
  await harness.deps.system.transaction().execute(async (trx) => {
    for (const table of tables) await sql`ALTER TABLE ${sql.table(table)} DISABLE TRIGGER USER`.execute(trx)
    for (const statement of statements) await statement.execute(trx)
    for (const table of tables) await sql`ALTER TABLE ${sql.table(table)} ENABLE TRIGGER USER`.execute(trx)
  })
}

/** A clinic whose audit trail holds a booking, its read and a cancellation, all sealed. */
async function auditedClinic() {
  const clinic = await createTestClinic(harness)
  const booked = await must(
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
  await must(harness.call('GET', `/v1/bookings/${booked.booking.id}`, { token: clinic.sk }), 200)
  await sealAuditEvents(harness.deps.system, harness.deps.cipher!.chainHeads, clinic.clinicId)
  const seals = await harness.deps.system
    .selectFrom('audit_seals')
    .select(['sequence', 'event_id'])
    .where('clinic_id', '=', clinic.clinicId)
    .orderBy('sequence')
    .execute()
  return { clinic, seals }
}

/** A clinic whose consent ledger holds `records` records, given through the API. */
async function consentLedger(records: number) {
  const { clinic } = await auditedClinic()
  const { id: patientId } = await harness.deps.system
    .selectFrom('patients')
    .select('id')
    .where('clinic_id', '=', clinic.clinicId)
    .executeTakeFirstOrThrow()
  const document = await must(
    harness.call('POST', '/v1/consent/documents', { token: clinic.sk, body: consentTestDocument() }),
    201,
  )
  const give = () => ({
    documentId: document.id,
    version: document.current.version,
    language: 'en',
    textHash: document.current.texts.find((text: { language: string }) => text.language === 'en').hash,
    decision: 'given',
    signer: { relation: 'self' },
    signature: SIGNATURE,
    patientId,
  })
  const ids: string[] = []
  for (let n = 0; n < records; n++) {
    const made = await must(
      harness.call('POST', '/v1/consent/records', { token: clinic.sk, body: give() }),
      201,
    )
    ids.push(made.record.id)
  }
  return { clinic, ids, give }
}

describe('the audit chain, anchored', () => {
  it('says intact, then reports the newest event removed with its seal as a cut tail', async () => {
    const { clinic, seals } = await auditedClinic()
    const count = seals.length
    expect(count).toBeGreaterThanOrEqual(3)
    expect(await verify('audit', clinic)).toEqual({ code: 0, out: `intact, ${count} records` })

    const newest = seals.at(-1)!.event_id
    await tamper(
      sql`DELETE FROM audit_seals WHERE event_id = ${newest}`,
      sql`DELETE FROM audit_events WHERE id = ${newest}`,
    )
    expect(await verify('audit', clinic)).toEqual({
      code: 1,
      out: `BROKEN at record #${count} (missing): the newest record is missing: the signed head counts ${count}`,
    })
  })

  it('keeps reporting the cut after new events are sealed on top of it', async () => {
    const { clinic, seals } = await auditedClinic()
    const [newest, before] = [seals.at(-1)!.event_id, seals.at(-2)!.event_id]
    await tamper(
      sql`DELETE FROM audit_seals WHERE event_id IN (${newest}, ${before})`,
      sql`DELETE FROM audit_events WHERE id IN (${newest}, ${before})`,
    )
    // Reading the trail writes (and seals) new events: the head must not move onto the cut chain.
    await must(harness.call('GET', '/v1/audit/events', { token: clinic.sk }), 200)
    const check = await must(harness.call('GET', '/v1/audit/verification', { token: clinic.sk }), 200)
    expect(check).toMatchObject({ intact: false, head: { count: seals.length } })
    expect((await verify('audit', clinic)).code).toBe(1)
  })

  it('reports a head whose count was changed in place as forged', async () => {
    const { clinic, seals } = await auditedClinic()
    await tamper(
      sql`UPDATE chain_heads SET count = count + 1 WHERE clinic_id = ${clinic.clinicId} AND chain = 'audit'`,
    )
    expect(await verify('audit', clinic)).toEqual({
      code: 1,
      out: `BROKEN at record #${seals.length + 1} (missing): its signed head is forged: the signature does not hold`,
    })
  })

  it('reports a removed head once every chain has one', async () => {
    const { clinic } = await auditedClinic()
    await tamper(sql`DELETE FROM chain_heads WHERE clinic_id = ${clinic.clinicId} AND chain = 'audit'`)
    expect(await verify('audit', clinic)).toEqual({
      code: 1,
      out: 'BROKEN at record #1 (missing): its signed head is missing: it was removed',
    })
  })
})

describe('the consent ledger, anchored', () => {
  it('says intact, then reports the newest records removed as a cut tail', async () => {
    const { clinic, ids } = await consentLedger(5)
    expect(await verify('consent', clinic)).toEqual({ code: 0, out: 'intact, 5 records' })
    await tamper(sql`DELETE FROM consent_records WHERE id IN (${ids[3]}, ${ids[4]})`)
    expect(await verify('consent', clinic)).toEqual({
      code: 1,
      out: 'BROKEN at record #4 (missing): the newest 2 records are missing: the signed head counts 5',
    })
  })

  it('keeps reporting the cut after a new record, which is still kept', async () => {
    const { clinic, ids, give } = await consentLedger(3)
    await tamper(sql`DELETE FROM consent_records WHERE id = ${ids[2]}`)
    const next = await must(
      harness.call('POST', '/v1/consent/records', { token: clinic.sk, body: give() }),
      201,
    )
    expect(await verify('consent', clinic)).toEqual({
      code: 1,
      out: `BROKEN at record #3 (${next.record.id}): it is not the record the signed head names`,
    })
  })

  it('reports a head lowered to match the cut as forged', async () => {
    const { clinic, ids } = await consentLedger(3)
    const second = await harness.deps.system
      .selectFrom('consent_records')
      .select('hash')
      .where('id', '=', ids[1]!)
      .executeTakeFirstOrThrow()
    await tamper(
      sql`DELETE FROM consent_records WHERE id = ${ids[2]}`,
      sql`UPDATE chain_heads SET count = 2, hash = ${second.hash}
        WHERE clinic_id = ${clinic.clinicId} AND chain = 'consent'`,
    )
    expect(await verify('consent', clinic)).toEqual({
      code: 1,
      out: 'BROKEN at record #2 (missing): its signed head is forged: the signature does not hold',
    })
  })
})
