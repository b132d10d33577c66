// The audit trail a clinic reads and trusts: every step of a patient's booking, intake and consent is
// there, by patient, actor and time; events are sealed into a chain shortly after they commit; and a
// changed, removed or reordered event is found at the right place by the API and `frontdesk audit verify`.
import { sql } from 'kysely'
import { describe, expect, it, vi } from 'vitest'
import { sealAuditEvents, verifyAuditChain } from '../src/audit/seal.js'
import { ledgerCommand } from '../src/cli-ledgers.js'
import { createTestClinic, patient, TEST_STORAGE, type TestClinic, useHarness } from './harness.js'

const harness = useHarness()

async function must(promise: ReturnType<typeof harness.call>, status: number): Promise<any> {
  const response = await promise
  expect({ status: response.status, body: response.body }).toMatchObject({ status })
  return response.body
}

/** A booking by the clinic, read by it, with an intake started and sent by the patient. */
async function busyClinic(): Promise<{
  clinic: TestClinic
  bookingId: string
  patientId: string
  responseId: string
}> {
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
  const record = await must(
    harness.call('GET', `/v1/bookings/${booked.booking.id}`, { token: clinic.sk }),
    200,
  )
  const form = await must(
    harness.call('POST', '/v1/intake/forms', {
      token: clinic.sk,
      body: {
        name: 'Short',
        definition: { title: 'Short', items: [{ id: 'reason', type: 'text', label: 'Why?' }] },
      },
    }),
    201,
  )
  const draft = await must(
    harness.call('POST', '/v1/intake/drafts', { token: booked.visitToken, body: { formId: form.id } }),
    201,
  )
  await must(
    harness.call('POST', `/v1/intake/drafts/${draft.draft.id}/submit`, {
      token: draft.resumeToken,
      body: { version: 1, answers: { reason: 'Flu' } },
    }),
    200,
  )
  return { clinic, bookingId: booked.booking.id, patientId: record.patient.id, responseId: draft.draft.id }
}

const trail = (clinic: TestClinic, query = '') =>
  must(harness.call('GET', `/v1/audit/events?limit=100${query}`, { token: clinic.sk }), 200)

describe('the audit trail', () => {
  it("shows everything about a patient, sealed in order, and who did it; another clinic's events never", async () => {
    const { clinic, bookingId, patientId, responseId } = await busyClinic()
    const other = await busyClinic()
    const page = await trail(clinic, `&patientId=${patientId}`)
    expect(page.data.map((event: any) => [event.action, event.actor.type, event.object.id])).toEqual([
      ['patient.match_or_create', 'secret', patientId],
      ['booking.create', 'secret', bookingId],
      ['booking.read', 'secret', bookingId],
      ['patient.read', 'secret', patientId],
      ['intake.start', 'visit', responseId],
      ['intake.submit', 'resume', responseId],
    ])
    const sequences = page.data.map((event: any) => event.sequence)
    expect(sequences).toEqual([...sequences].sort((a: number, b: number) => a - b))
    for (const event of page.data) {
      expect(event.hash).toMatch(/^[0-9a-f]{64}$/)
      expect(event.requestId).toMatch(/^req_/)
    }
    const everything = JSON.stringify((await trail(clinic)).data)
    expect(everything).not.toContain(other.bookingId)
    expect(everything).not.toContain(patient.name)

    const byActor = await trail(clinic, `&actorId=${bookingId}&action=intake.start`)
    expect(byActor.data.map((event: any) => event.object.id)).toEqual([responseId])
    // Reading the trail is on the trail too.
    expect((await trail(clinic, '&action=audit.read')).data.length).toBeGreaterThanOrEqual(2)
  })

  it('pages with a cursor and filters by time', async () => {
    const { clinic } = await busyClinic()
    const first = await must(harness.call('GET', '/v1/audit/events?limit=2', { token: clinic.sk }), 200)
    const second = await must(
      harness.call('GET', `/v1/audit/events?limit=2&cursor=${first.nextCursor}`, { token: clinic.sk }),
      200,
    )
    expect(Number(second.data[0].id)).toBeGreaterThan(Number(first.data[1].id))
    const none = await trail(clinic, '&to=2000-01-01T00:00:00Z')
    expect(none.data).toEqual([])
  })
})

describe('security changes on the trail', () => {
  it('records keys made and revoked, settings changed and webhook endpoints changed, by the key that did it', async () => {
    const clinic = await createTestClinic(harness)
    const keys = await must(harness.call('GET', '/v1/keys', { token: clinic.sk }), 200)
    const actingKey = keys.data.find((key: { kind: string }) => key.kind === 'secret').id
    const made = await must(
      harness.call('POST', '/v1/keys', { token: clinic.sk, body: { kind: 'secret' } }),
      201,
    )
    await must(harness.call('POST', `/v1/keys/${made.key.id}/revoke`, { token: clinic.sk }), 200)
    await must(
      harness.call('PATCH', '/v1/clinic', { token: clinic.sk, body: { name: 'Renamed Clinic' } }),
      200,
    )
    const endpoint = await must(
      harness.call('POST', '/v1/webhooks/endpoints', {
        token: clinic.sk,
        body: { url: 'https://hooks.clinic.invalid/x', events: ['booking.created'] },
      }),
      201,
    )
    await must(
      harness.call('POST', `/v1/webhooks/endpoints/${endpoint.endpoint.id}/roll-secret`, {
        token: clinic.sk,
      }),
      200,
    )
    const page = await trail(clinic, `&actorId=${actingKey}`)
    expect(
      page.data
        .filter((event: any) => event.action !== 'audit.read')
        .map((event: any) => [event.action, event.object.type, event.object.id]),
    ).toEqual([
      ['key.create', 'api_key', made.key.id],
      ['key.revoke', 'api_key', made.key.id],
      ['clinic.update', 'clinic', clinic.clinicId],
      ['webhook.create', 'webhook_endpoint', endpoint.endpoint.id],
      ['webhook.roll_secret', 'webhook_endpoint', endpoint.endpoint.id],
    ])
    expect(JSON.stringify(page.data)).not.toContain(made.token)
    expect(JSON.stringify(page.data)).not.toContain(endpoint.secret)
  })
})

describe('the audit chain', () => {
  async function tamper(...statements: ReturnType<typeof sql>[]) {
    await harness.deps.system.transaction().execute(async (trx) => {
      await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`.execute(trx)
      await sql`ALTER TABLE audit_seals DISABLE TRIGGER audit_seals_append_only`.execute(trx)
      for (const statement of statements) await statement.execute(trx)
      await sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`.execute(trx)
      await sql`ALTER TABLE audit_seals ENABLE TRIGGER audit_seals_append_only`.execute(trx)
    })
  }
  const sealed = async (clinicId: string) => {
    await sealAuditEvents(harness.deps.system, harness.deps.cipher!.chainHeads, clinicId)
    return harness.deps.system
      .selectFrom('audit_seals')
      .select(['sequence', 'event_id'])
      .where('clinic_id', '=', clinicId)
      .orderBy('sequence')
      .execute()
  }

  it('is intact after a busy day, refuses changes, and seals each event once', async () => {
    const { clinic } = await busyClinic()
    const check = await must(harness.call('GET', '/v1/audit/verification', { token: clinic.sk }), 200)
    expect(check).toMatchObject({ intact: true, firstBroken: null })
    expect(check.records).toBeGreaterThanOrEqual(6)
    expect(await sealAuditEvents(harness.deps.system, harness.deps.cipher!.chainHeads, clinic.clinicId)).toBe(
      0,
    )
    await expect(
      sql`UPDATE audit_seals SET hash = hash WHERE clinic_id = ${clinic.clinicId}`.execute(
        harness.deps.system,
      ),
    ).rejects.toThrow(/append-only/)
  })

  it('finds a changed event where it is, and a removed one as missing', async () => {
    const changed = await busyClinic()
    const links = await sealed(changed.clinic.clinicId)
    await tamper(sql`UPDATE audit_events SET actor_id = 'key_Someone' WHERE id = ${links[2]!.event_id}`)
    expect(
      await verifyAuditChain(harness.deps.system, harness.deps.cipher!.chainHeads, changed.clinic.clinicId),
    ).toMatchObject({
      intact: false,
      firstBroken: {
        sequence: 3,
        recordId: String(links[2]!.event_id),
        reason: 'its contents changed after it was recorded',
      },
    })

    const removed = await busyClinic()
    const more = await sealed(removed.clinic.clinicId)
    await tamper(
      sql`DELETE FROM audit_seals WHERE event_id = ${more[1]!.event_id}`,
      sql`DELETE FROM audit_events WHERE id = ${more[1]!.event_id}`,
    )
    expect(
      (await verifyAuditChain(harness.deps.system, harness.deps.cipher!.chainHeads, removed.clinic.clinicId))
        .firstBroken,
    ).toEqual({
      sequence: 2,
      recordId: String(more[2]!.event_id),
      reason: 'record 2 is missing',
    })
  })

  it('`frontdesk audit verify` says intact, or names the broken event and exits 1', async () => {
    const { clinic } = await busyClinic()
    const run = async () => {
      const out: string[] = []
      const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)))
      try {
        return {
          code: await ledgerCommand('audit', harness.deps.system, TEST_STORAGE, 'verify', [
            '--clinic',
            clinic.clinicId,
          ]),
          out: out.join('\n'),
        }
      } finally {
        log.mockRestore()
      }
    }
    expect(await run()).toMatchObject({ code: 0, out: expect.stringMatching(/: intact, \d+ records$/) })
    const links = await sealed(clinic.clinicId)
    await tamper(sql`UPDATE audit_events SET client_ip = '203.0.113.9' WHERE id = ${links[0]!.event_id}`)
    expect(await run()).toEqual({
      code: 1,
      out: `Test Clinic (${clinic.clinicId}): BROKEN at record #1 (${links[0]!.event_id}): its contents changed after it was recorded`,
    })
  })
})
