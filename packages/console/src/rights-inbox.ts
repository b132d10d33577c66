// The rights inbox's rules, without a browser: how many days a request has left, overdue ones first, and
// the retention policy's form read into the API's shape.
import type { RightsRequest } from '@frontdesk/contracts'

const DAY_MS = 24 * 60 * 60 * 1000

/** Whole days until `dueAt` (rounded up: due later today is 0 days overdue, 1 day left); negative once overdue. */
export function daysLeft(dueAt: string, now: number): number {
  return Math.ceil((Date.parse(dueAt) - now) / DAY_MS)
}

export function isOverdue(request: RightsRequest, now: number): boolean {
  return request.status === 'open' && request.dueAt !== null && Date.parse(request.dueAt) < now
}

/** Open requests, overdue first, then the soonest due; a request without a due date last. */
export function inboxOrder(requests: readonly RightsRequest[], now: number): RightsRequest[] {
  const due = (request: RightsRequest) =>
    request.dueAt ? Date.parse(request.dueAt) : Number.POSITIVE_INFINITY
  return [...requests].sort(
    (a, b) =>
      Number(isOverdue(b, now)) - Number(isOverdue(a, now)) || due(a) - due(b) || a.id.localeCompare(b.id),
  )
}

/** Decided requests, the latest decision first. */
export function decidedOrder(requests: readonly RightsRequest[]): RightsRequest[] {
  const decided = (request: RightsRequest) => (request.decidedAt ? Date.parse(request.decidedAt) : 0)
  return [...requests].sort((a, b) => decided(b) - decided(a) || a.id.localeCompare(b.id))
}

export const RECORD_KINDS = ['bookingsDays', 'intakeDays', 'consentEvidenceDays', 'auditDays'] as const
export type RetentionKind = (typeof RECORD_KINDS)[number]

/**
 * The policy form's values: per kind "keep" (until erased) or a number of days. An empty or unreadable
 * day count is sent as written, so the API's 422 names the field.
 */
export function policyFrom(
  values: Record<RetentionKind, { keep: boolean; days: string }>,
): Record<RetentionKind, number | null | string> {
  const policy = {} as Record<RetentionKind, number | null | string>
  for (const kind of RECORD_KINDS) {
    const { keep, days } = values[kind]
    policy[kind] = keep ? null : /^\d+$/.test(days.trim()) ? Number(days.trim()) : days
  }
  return policy
}
