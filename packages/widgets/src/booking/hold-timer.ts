// Counts down the hold on the chosen time, from when its answer arrived (the patient's clock may be wrong).
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { FreeTime } from './slot-calendar.js'

/** The time held for the patient while they type their details, and the visit token that acts on it. */
export interface ActiveHold {
  id: string
  visitToken: string
  slot: FreeTime
  practitionerId: string
}

/** A hold's expiry measured on this page's monotonic clock, a little early to allow for latency. */
const SAFETY_MS = 2000

export class HoldTimer implements ReactiveController {
  #deadline = 0
  #interval: ReturnType<typeof setInterval> | undefined
  remainingMs = 0

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onExpired: () => void,
  ) {
    host.addController(this)
  }

  /** Starts counting `lengthMs` from now. */
  start(lengthMs: number): void {
    this.stop()
    this.#deadline = performance.now() + lengthMs - SAFETY_MS
    this.#tick()
    this.#interval = setInterval(() => this.#tick(), 1000)
  }

  stop(): void {
    if (this.#interval !== undefined) clearInterval(this.#interval)
    this.#interval = undefined
  }

  get running(): boolean {
    return this.#interval !== undefined
  }

  hostDisconnected(): void {
    this.stop()
  }

  #tick(): void {
    this.remainingMs = Math.max(0, this.#deadline - performance.now())
    this.host.requestUpdate()
    if (this.remainingMs === 0) {
      this.stop()
      this.onExpired()
    }
  }
}
