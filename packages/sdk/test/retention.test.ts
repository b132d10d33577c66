// Retention through the admin client against the real API: the policy read and changed (and a bad one
// refused, naming the field), a purge on demand with its report, and the list of purges. Everything this
// server holds is recent, so a purge under a ten-year policy removes nothing; the API's own tests move the
// clock to see records go.
import { afterEach, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import { type RetentionPolicy, type RetentionRun, ValidationError } from '../src/index.js'
import { adminClient } from './support/clients.js'

const admin = adminClient()
const TEN_YEARS = 3650
let before: RetentionPolicy

beforeAll(async () => {
  before = await admin.retention.policy.get()
})

// The policy is the test clinic's, shared by every file: each test leaves it as it found it.
afterEach(async () => {
  await admin.retention.policy.update(before)
})

describe('retention', () => {
  it('changes only the kinds given, and refuses a policy it cannot keep, changing nothing', async () => {
    const changed = await admin.retention.policy.update({ bookingsDays: TEN_YEARS, intakeDays: TEN_YEARS })
    expect(changed).toEqual({ ...before, bookingsDays: TEN_YEARS, intakeDays: TEN_YEARS })
    expect(await admin.retention.policy.get()).toEqual(changed)

    const refused = await admin.retention.policy
      .update({ auditDays: 0, consentEvidenceDays: TEN_YEARS })
      .catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(ValidationError)
    expect((refused as ValidationError).issues.map((issue) => issue.path)).toEqual(['auditDays'])
    expect(await admin.retention.policy.get()).toEqual(changed)
  })

  it('purges on demand, reports what went and what holds kept, and lists the purge first', async () => {
    await admin.retention.policy.update({ bookingsDays: TEN_YEARS, intakeDays: TEN_YEARS })
    const run = await admin.retention.run()
    expectTypeOf(run).toEqualTypeOf<RetentionRun>()
    expect(run).toEqual({
      id: expect.stringMatching(/^ret_/),
      ranAt: expect.any(String),
      removed: { bookings: 0, patients: 0, intakeResponses: 0, consentEvidence: 0, auditEvents: 0 },
      keptByLegalHold: { bookings: 0, intakeResponses: 0, consentEvidence: 0, auditEvents: 0 },
    })
    const { data: runs } = await admin.retention.runs()
    expect(runs[0]).toEqual(run)
  })
})
