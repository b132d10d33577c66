// Retention: a purge removes bookings, intake, consent evidence and audit events past the clinic's
// policy, keeps what a legal hold names, reports both, and leaves the consent and audit chains
// verifiable; a patient left with nothing is anonymous. Released holds free what they kept.
import { describe, expect, it } from 'vitest'
import { createTestClinic, useHarness } from './harness.js'
import { databaseDump, patientWithHistory } from './patient-history.js'

const harness = useHarness()
const DAY = 24 * 60 * 60_000

describe('retention', () => {
  it('purges what is past the policy, keeps what a hold names, and both chains still verify', async () => {
    const clinic = await createTestClinic(harness)
    const kept = await patientWithHistory(harness, clinic, 'Kept')
    const gone = await patientWithHistory(harness, clinic, 'Gone', '2027-03-04T10:00:00Z')
    const hold = await harness.call('POST', `/v1/patients/${kept.patientId}/legal-holds`, {
      token: clinic.sk,
      body: { kinds: ['bookings', 'intake', 'consent', 'audit'], reason: 'Malpractice claim 4/27' },
    })
    expect(hold.status).toBe(201)
    const policy = await harness.call('PATCH', '/v1/clinic/retention', {
      token: clinic.sk,
      body: { bookingsDays: 30, intakeDays: 30, consentEvidenceDays: 30, auditDays: 30 },
    })
    expect(policy.body).toEqual({ bookingsDays: 30, intakeDays: 30, consentEvidenceDays: 30, auditDays: 30 })

    // No booking, intake or consent is old enough yet. (Audit events are stamped by the database's clock,
    // not the test's, so by the test's clock they are all old already.)
    const early = await harness.call('POST', '/v1/retention/runs', { token: clinic.sk })
    expect(early.body.removed).toMatchObject({
      bookings: 0,
      patients: 0,
      intakeResponses: 0,
      consentEvidence: 0,
    })

    const start = harness.clock.now
    harness.clock.now = start + 90 * DAY
    try {
      const run = await harness.call('POST', '/v1/retention/runs', { token: clinic.sk })
      expect(run.status).toBe(201)
      expect(run.body.removed).toMatchObject({
        bookings: 1,
        patients: 1,
        intakeResponses: 1,
        consentEvidence: 1,
      })
      expect(run.body.keptByLegalHold).toMatchObject({ bookings: 1, intakeResponses: 1, consentEvidence: 1 })
      // Audit events go, except those about the held patient.
      expect(run.body.removed.auditEvents).toBeGreaterThan(0)
      expect(run.body.keptByLegalHold.auditEvents).toBeGreaterThan(0)

      const dump = await databaseDump(harness)
      for (const value of [gone.who.email, gone.notes, gone.answer, gone.typedName])
        expect(dump).not.toContain(value)
      const held = (await harness.call('GET', `/v1/patients/${kept.patientId}/export`, { token: clinic.sk }))
        .body
      expect(held.bookings.map((b: { id: string }) => b.id)).toEqual([kept.bookingId])
      expect(held.intakeResponses[0].answers.reason).toBe(kept.answer)
      expect(held.consentRecords[0].typedName).toBe(kept.typedName)
      expect(held.access.length).toBeGreaterThan(0)
      expect(
        (await harness.call('GET', `/v1/patients/${gone.patientId}`, { token: clinic.sk })).body,
      ).toMatchObject({
        email: null,
        erasedAt: expect.any(String),
      })
      expect((await harness.call('GET', '/v1/consent/verification', { token: clinic.sk })).body.intact).toBe(
        true,
      )
      expect((await harness.call('GET', '/v1/audit/verification', { token: clinic.sk })).body.intact).toBe(
        true,
      )

      // Released, the hold keeps nothing: the next purge takes the rest.
      await harness.call('POST', `/v1/legal-holds/${hold.body.id}/release`, { token: clinic.sk })
      harness.clock.now += DAY
      const after = await harness.call('POST', '/v1/retention/runs', { token: clinic.sk })
      expect(after.body.removed).toMatchObject({
        bookings: 1,
        patients: 1,
        intakeResponses: 1,
        consentEvidence: 1,
      })
      expect(after.body.removed.auditEvents).toBeGreaterThan(0)
      expect(after.body.keptByLegalHold).toEqual({
        bookings: 0,
        intakeResponses: 0,
        consentEvidence: 0,
        auditEvents: 0,
      })
      expect(await databaseDump(harness)).not.toContain(kept.answer)
      expect((await harness.call('GET', '/v1/audit/verification', { token: clinic.sk })).body.intact).toBe(
        true,
      )
      const runs = await harness.call('GET', '/v1/retention/runs', { token: clinic.sk })
      expect(runs.body.data.map((r: { id: string }) => r.id)).toEqual([
        after.body.id,
        run.body.id,
        early.body.id,
      ])
    } finally {
      harness.clock.now = start
    }
  })

  it('is the clinic’s own: other keys and bad policies are refused and change nothing', async () => {
    const a = await createTestClinic(harness)
    const b = await createTestClinic(harness)
    await harness.call('PATCH', '/v1/clinic/retention', { token: a.sk, body: { bookingsDays: 365 } })
    const bad = await harness.call('PATCH', '/v1/clinic/retention', {
      token: a.sk,
      body: { auditDays: 0, intakeDays: 'forever' },
    })
    expect(bad.status).toBe(422)
    expect(bad.body.error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'auditDays',
      'intakeDays',
    ])
    expect((await harness.call('GET', '/v1/clinic/retention', { token: a.sk })).body.bookingsDays).toBe(365)
    expect((await harness.call('GET', '/v1/clinic/retention', { token: b.sk })).body.bookingsDays).toBeNull()
    expect((await harness.call('POST', '/v1/retention/runs', { token: a.pk })).status).toBe(403)
    expect((await harness.call('POST', '/v1/retention/runs', {})).status).toBe(401)
    await harness.call('POST', '/v1/retention/runs', { token: a.sk })
    expect((await harness.call('GET', '/v1/retention/runs', { token: b.sk })).body.data).toEqual([])
  })
})
