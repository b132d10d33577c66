// The claims this process is writing right now, per practitioner. When many patients reach for one time
// at once, a contender whose practitioner is being claimed for an overlapping time by a request ahead of
// it waits for that one; if it took the time, the contender steps aside at once: no sealing, no pooled
// connection, no turn in the practitioner's lock, where each loser used to queue only to read "taken".
// The database still decides every claim that is made: this only spares the ones already decided.

interface ClaimAhead {
  start: number
  end: number
  /** True once the claim holds the time; false when it did not (or failed). */
  taken: Promise<boolean>
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
  const entry: ClaimAhead = { ...span, taken: claim.catch(() => false) }
  let claims = ahead.get(key)
  if (!claims) {
    claims = new Set()
    ahead.set(key, claims)
  }
  claims.add(entry)
  const settled = claims
  void entry.taken.then(() => {
    settled.delete(entry)
    if (settled.size === 0 && ahead.get(key) === settled) ahead.delete(key)
  })
  return claim
}

/**
 * Makes `claim` for a practitioner in turn with this process's other claims of an overlapping time:
 * with none in flight it starts at once (looking and starting in one step, so two never both start
 * unseen); otherwise it waits for them, and answers false without a write if one of them took the time.
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
    const outcomes = await Promise.all(before.map((ahead) => ahead.taken))
    if (outcomes.includes(true)) return false
  }
}

/**
 * Whether a claim in flight for this practitioner, overlapping `span`, took the time: waits for those
 * ahead to settle. False when none is in flight or none of them won.
 */
export async function takenAhead(
  clinicId: string,
  practitionerId: string,
  span: ClaimSpan,
): Promise<boolean> {
  const before = overlapping(keyOf(clinicId, practitionerId), span)
  if (before.length === 0) return false
  const outcomes = await Promise.all(before.map((claim) => claim.taken))
  return outcomes.includes(true)
}
