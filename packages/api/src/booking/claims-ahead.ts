// The claims this process is writing right now, per practitioner. When many patients reach for one time
// at once, a contender whose practitioner is being claimed for an overlapping time by a request ahead of
// it waits for that one; if it took the time, the contender steps aside at once: no sealing, no pooled
// connection, no turn in the practitioner's lock, where each loser used to queue only to read "taken".
// The database still decides every claim that is made: this only spares the ones already decided.

interface ClaimAhead {
  start: number
  end: number
  /** `won` once the claim holds the time, `refused` when the database found it held, `failed` on an error. */
  outcome: Promise<'won' | 'refused' | 'failed'>
}

const ahead = new Map<string, Set<ClaimAhead>>()

const keyOf = (clinicId: string, practitionerId: string) => `${clinicId}\u0000${practitionerId}`

/** The span a claim blocks, in ms since the epoch (the appointment with its buffers). */
export interface ClaimSpan {
  start: number
  end: number
}

function overlapping(key: string, span: ClaimSpan): ClaimAhead[] {
  const claims = ahead.get(key)
  if (!claims) return []
  return [...claims].filter((claim) => claim.start < span.end && span.start < claim.end)
}

function track(key: string, span: ClaimSpan, claim: Promise<boolean>): Promise<boolean> {
  const entry: ClaimAhead = {
    ...span,
    outcome: claim.then(
      (won) => (won ? 'won' : 'refused'),
      () => 'failed',
    ),
  }
  let claims = ahead.get(key)
  if (!claims) {
    claims = new Set()
    ahead.set(key, claims)
  }
  claims.add(entry)
  const settled = claims
  void entry.outcome.then(() => {
    settled.delete(entry)
    if (settled.size === 0 && ahead.get(key) === settled) ahead.delete(key)
  })
  return claim
}

/**
 * Whether the claims ahead settled the time for a claim of `span`: one of them won it, or one of the very
 * same span was refused (the database found it held). A refusal of another span says nothing of this one.
 */
async function settledAhead(before: ClaimAhead[], span: ClaimSpan): Promise<boolean> {
  const outcomes = await Promise.all(before.map((claim) => claim.outcome))
  return outcomes.some(
    (outcome, index) =>
      outcome === 'won' ||
      (outcome === 'refused' && before[index]!.start === span.start && before[index]!.end === span.end),
  )
}

/**
 * Makes `claim` for a practitioner in turn with this process's other claims of an overlapping time:
 * with none in flight it starts at once (looking and starting in one step, so two never both start
 * unseen); otherwise it waits for them, and answers false without a write if they settled the time.
 */
export async function claimInTurn(
  clinicId: string,
  practitionerId: string,
  span: ClaimSpan,
  claim: () => Promise<boolean>,
): Promise<boolean> {
  const key = keyOf(clinicId, practitionerId)
  for (;;) {
    const before = overlapping(key, span)
    if (before.length === 0) return track(key, span, claim())
    if (await settledAhead(before, span)) return false
  }
}

/**
 * Whether claims in flight for this practitioner, overlapping `span`, settled the time (see
 * settledAhead): waits for those ahead. False when none is in flight.
 */
export async function takenAhead(
  clinicId: string,
  practitionerId: string,
  span: ClaimSpan,
): Promise<boolean> {
  const before = overlapping(keyOf(clinicId, practitionerId), span)
  return before.length > 0 && settledAhead(before, span)
}
