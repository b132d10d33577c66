// API keys and their clinic's settings, remembered per process while the database's change notices
// flow, so a request needs no query to learn who is calling; any notice for a clinic drops its entries.
import type { ChangeFeed } from '../../db/change-feed.js'
import type { ClinicContext, Principal } from '../../env.js'

export interface ResolvedPrincipal {
  principal: Principal
  clinic: ClinicContext
  /** When a rolled key stops working (ms since the epoch); null or absent while it has no end. */
  expiresAt?: number | null
}

interface Entry extends ResolvedPrincipal {
  storedAt: number
}

const MAX_ENTRIES = 10_000
/** A safety net only: notices are what keep entries exact. */
const MAX_AGE_MS = 60_000

/**
 * Revoking a key, changing a clinic's settings or its catalogue reaches every process as a notice
 * after it commits. A lookup that started before a notice may have read what it announces as
 * changed, so it is not remembered (the generation tells). While the feed is dark nothing is used.
 */
export class PrincipalCache {
  #entries = new Map<string, Entry>()
  #generation = 0

  /** `now` is the app's clock (deps.now): a rolled key's expiry is on it, so tests can move past it. */
  constructor(
    private readonly feed: ChangeFeed,
    private readonly now: () => number = Date.now,
  ) {
    feed.subscribe((clinicId) => this.forget(clinicId))
  }

  get(key: string): ResolvedPrincipal | undefined {
    if (!this.feed.live) return undefined
    const entry = this.#entries.get(key)
    if (!entry) return undefined
    // Expiry needs no notice: nothing changes in the database when a rolled key's overlap ends.
    const expired = entry.expiresAt != null && entry.expiresAt <= this.now()
    if (expired || performance.now() - entry.storedAt > MAX_AGE_MS) {
      this.#entries.delete(key)
      return undefined
    }
    return entry
  }

  /** Call before the lookup whose answer will be offered to `remember`. */
  generation(): number {
    return this.#generation
  }

  remember(key: string, resolved: ResolvedPrincipal, generation: number): void {
    if (!this.feed.live || generation !== this.#generation) return
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear()
    // Shared by every request that uses the key: frozen, so none can change what the next one sees.
    const clinic = Object.freeze({
      ...resolved.clinic,
      allowedOrigins: Object.freeze([...resolved.clinic.allowedOrigins]),
    })
    this.#entries.set(key, {
      principal: Object.freeze({ ...resolved.principal }),
      clinic: clinic as ClinicContext,
      expiresAt: resolved.expiresAt ?? null,
      storedAt: performance.now(),
    })
  }

  /** One clinic's entries, or all of them (null) when notices may have been missed. */
  forget(clinicId: string | null): void {
    this.#generation++
    if (clinicId === null) {
      this.#entries.clear()
      return
    }
    for (const [key, entry] of this.#entries) {
      if (entry.clinic.id === clinicId) this.#entries.delete(key)
    }
  }
}
