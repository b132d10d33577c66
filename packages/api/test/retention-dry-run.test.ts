// A retention dry run: it says what a purge now would remove and what legal holds would keep, removes
// nothing and stores no report, and a real purge straight after removes exactly what it said. Only the
// clinic's own records count; bad input and the wrong role or key change nothing.
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { createTestClinic, type Harness, STAFF_ORIGIN, type TestClinic, useHarness } from './harness.js'
import { patientWithHistory } from './patient-history.js'
import { staffMember } from './staff-session.js'

const harness = useHarness()
const DAY = 24 * 60 * 60_000
const ALL_30_DAYS = { bookingsDays: 30, intakeDays: 30, consentEvidenceDays: 30, auditDays: 30 }

interface Counts {
  bookings: number
  intakeResponses: number
  consentEvidence: number
  auditEvents: number
  patients: number
  runs: number
}

/** What a purge can take from a clinic, counted straight in the database. */
async function rows(h: Harness, clinicId: string) {
  const { rows } = await sql<Counts>`SELECT
      (SELECT count(*)::int FROM bookings WHERE clinic_id = ${clinicId}) AS bookings,
      (SELECT count(*)::int FROM intake_responses WHERE clinic_id = ${clinicId}) AS "intakeResponses",
      (SELECT count(*)::int FROM consent_records WHERE clinic_id = ${clinicId} AND erased_at IS NULL) AS "consentEvidence",
      (SELECT count(*)::int FROM audit_events WHERE clinic_id = ${clinicId}) AS "auditEvents",
      (SELECT count(*)::int FROM patients WHERE clinic_id = ${clinicId} AND erased_at IS NULL) AS patients,
      (SELECT count(*)::int FROM retention_runs WHERE clinic_id = ${clinicId}) AS runs`.execute(h.deps.system)
  return rows[0]!
}

async function clinicWithOldRecords(): Promise<{ clinic: TestClinic; holdId: string }> {
  const clinic = await createTestClinic(harness)
  const kept = await patientWithHistory(harness, clinic, 'Kept')
  await patientWithHistory(harness, clinic, 'Gone', '2027-03-04T10:00:00Z')
  const hold = await harness.call('POST', `/v1/patients/${kept.patientId}/legal-holds`, {
    token: clinic.sk,
    body: { kinds: ['bookings', 'intake', 'consent', 'audit'], reason: 'Claim 12/27' },
  })
  expect(hold.status).toBe(201)
  const policy = await harness.call('PATCH', '/v1/clinic/retention', { token: clinic.sk, body: ALL_30_DAYS })
  expect(policy.status).toBe(200)
  return { clinic, holdId: hold.body.id }
}

/** A staff session's POST comes from the console's origin, as a browser sends it. */
const dryRun = (auth: { token?: string; cookie?: string }, body: unknown = { dryRun: true }) =>
  harness.call('POST', '/v1/retention/runs', { ...auth, ...(auth.cookie && { origin: STAFF_ORIGIN }), body })

describe('retention dry run', () => {
  it('removes nothing, reports the holds, and a real purge then removes exactly what it said', async () => {
    const { clinic } = await clinicWithOldRecords()
    const start = harness.clock.now
    harness.clock.now = start + 90 * DAY
    try {
      const before = await rows(harness, clinic.clinicId)
      const preview = await dryRun({ token: clinic.sk })
      expect(preview.status, JSON.stringify(preview.body)).toBe(200)
      expect(preview.body).toMatchObject({
        dryRun: true,
        removed: { bookings: 1, patients: 1, intakeResponses: 1, consentEvidence: 1 },
        keptByLegalHold: { bookings: 1, intakeResponses: 1, consentEvidence: 1 },
      })
      expect(preview.body.removed.auditEvents).toBeGreaterThan(0)
      expect(preview.body.keptByLegalHold.auditEvents).toBeGreaterThan(0)
      // Nothing went, and no report was stored.
      expect(await rows(harness, clinic.clinicId)).toEqual(before)
      expect((await harness.call('GET', '/v1/retention/runs', { token: clinic.sk })).body.data).toEqual([])
      // A second dry run says the same: the first changed nothing it counts.
      const again = await dryRun({ token: clinic.sk })
      expect({ removed: again.body.removed, kept: again.body.keptByLegalHold }).toEqual({
        removed: preview.body.removed,
        kept: preview.body.keptByLegalHold,
      })

      const run = await harness.call('POST', '/v1/retention/runs', { token: clinic.sk })
      expect(run.status).toBe(201)
      expect(run.body.dryRun).toBeUndefined()
      expect(run.body.removed).toEqual(preview.body.removed)
      expect(run.body.keptByLegalHold).toEqual(preview.body.keptByLegalHold)
      const after = await rows(harness, clinic.clinicId)
      expect(after.bookings).toBe(before.bookings - run.body.removed.bookings)
      expect(after.intakeResponses).toBe(before.intakeResponses - run.body.removed.intakeResponses)
      expect(after.patients).toBe(before.patients - run.body.removed.patients)
      expect(after.runs).toBe(1)
      // The purge's own audit event is the one row the trail gained.
      expect(after.auditEvents).toBe(before.auditEvents - run.body.removed.auditEvents + 1)
    } finally {
      harness.clock.now = start
    }
  })

  it('counts only the clinic’s own records: another clinic’s dry run sees none and takes none', async () => {
    const { clinic: a } = await clinicWithOldRecords()
    const b = await createTestClinic(harness)
    await harness.call('PATCH', '/v1/clinic/retention', { token: b.sk, body: ALL_30_DAYS })
    const start = harness.clock.now
    harness.clock.now = start + 90 * DAY
    try {
      const before = await rows(harness, a.clinicId)
      const foreign = await dryRun({ token: b.sk })
      expect(foreign.status).toBe(200)
      expect(foreign.body.removed).toMatchObject({
        bookings: 0,
        patients: 0,
        intakeResponses: 0,
        consentEvidence: 0,
      })
      expect(foreign.body.keptByLegalHold).toMatchObject({
        bookings: 0,
        intakeResponses: 0,
        consentEvidence: 0,
      })
      expect(await rows(harness, a.clinicId)).toEqual(before)
      expect((await dryRun({ token: a.sk })).body.removed.bookings).toBe(1)
    } finally {
      harness.clock.now = start
    }
  })

  it('refuses bad input, keys and roles that may not, and writes nothing', async () => {
    const { clinic } = await clinicWithOldRecords()
    // Made first: adding a member is itself audited.
    const reception = await staffMember(harness, clinic.clinicId, 'reception')
    const practitioner = await staffMember(harness, clinic.clinicId, 'practitioner')
    const start = harness.clock.now
    harness.clock.now = start + 90 * DAY
    try {
      const before = await rows(harness, clinic.clinicId)
      const bad = await dryRun({ token: clinic.sk }, { dryRun: 'yes' })
      expect(bad.status).toBe(422)
      expect(bad.body.error.issues.map((issue: { path: string }) => issue.path)).toEqual(['dryRun'])
      const unknown = await dryRun({ token: clinic.sk }, { dryRun: true, everything: true })
      expect(unknown.status).toBe(422)
      expect((await dryRun({})).status).toBe(401)
      expect((await dryRun({ token: clinic.pk })).status).toBe(403)
      const refused = await dryRun({ cookie: reception.cookie })
      expect(refused.status).toBe(403)
      expect(refused.body.error).toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringContaining('reception role may not'),
      })
      const byPractitioner = await dryRun({ cookie: practitioner.cookie })
      expect(byPractitioner.status).toBe(403)
      expect(byPractitioner.body.error.message).toContain('practitioner role may not')
      expect(await rows(harness, clinic.clinicId)).toEqual(before)
      const owner = await staffMember(harness, clinic.clinicId, 'owner')
      const byOwner = await dryRun({ cookie: owner.cookie })
      expect(byOwner.status).toBe(200)
      expect(byOwner.body.removed.bookings).toBe(1)
    } finally {
      harness.clock.now = start
    }
  })
})
