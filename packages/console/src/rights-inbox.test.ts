// The inbox's order and deadlines, and the retention form's values as the API reads them.
import type { RightsRequest } from '@frontdesk/contracts'
import { describe, expect, it } from 'vitest'
import { daysLeft, decidedOrder, inboxOrder, isOverdue, policyFrom } from './rights-inbox.js'

const NOW = Date.parse('2027-03-10T12:00:00Z')
const request = (id: string, dueAt: string | null, extra: Partial<RightsRequest> = {}): RightsRequest => ({
  id,
  kind: 'access',
  status: 'open',
  channel: 'email',
  contact: 'erika@example.org',
  dateOfBirth: '1979-06-30',
  details: null,
  patientId: null,
  createdAt: '2027-02-01T00:00:00Z',
  verifiedAt: '2027-02-01T00:00:00Z',
  dueAt,
  decidedAt: null,
  decisionNote: null,
  ...extra,
})

describe('rights inbox', () => {
  it('counts whole days left, and below zero once overdue', () => {
    expect(daysLeft('2027-04-09T12:00:00Z', NOW)).toBe(30)
    expect(daysLeft('2027-03-10T18:00:00Z', NOW)).toBe(1)
    expect(daysLeft('2027-03-08T12:00:00Z', NOW)).toBe(-2)
  })

  it('puts overdue requests first, then the soonest due', () => {
    const later = request('rr_b', '2027-04-01T00:00:00Z')
    const soon = request('rr_c', '2027-03-12T00:00:00Z')
    const overdue = request('rr_a', '2027-03-01T00:00:00Z')
    expect(isOverdue(overdue, NOW)).toBe(true)
    expect(isOverdue(soon, NOW)).toBe(false)
    expect(inboxOrder([later, soon, overdue], NOW).map((r) => r.id)).toEqual(['rr_a', 'rr_c', 'rr_b'])
  })

  it('lists decided requests latest first', () => {
    const first = request('rr_a', null, { status: 'completed', decidedAt: '2027-03-01T00:00:00Z' })
    const second = request('rr_b', null, { status: 'rejected', decidedAt: '2027-03-05T00:00:00Z' })
    expect(decidedOrder([first, second]).map((r) => r.id)).toEqual(['rr_b', 'rr_a'])
  })

  it('reads the retention form: kept until erased is null, days are numbers, anything else as written', () => {
    expect(
      policyFrom({
        bookingsDays: { keep: false, days: ' 3650 ' },
        intakeDays: { keep: true, days: '12' },
        consentEvidenceDays: { keep: false, days: 'forever' },
        auditDays: { keep: false, days: '' },
      }),
    ).toEqual({ bookingsDays: 3650, intakeDays: null, consentEvidenceDays: 'forever', auditDays: '' })
  })
})
