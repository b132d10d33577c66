// Moves the clock of the demo this file holds: a reminder falls due when the test says, not a minute later. The
// demos run in the global setup's process and the tests in workers, so the clock is moved over the loopback
// endpoint the setup starts (demo-pool.ts); the API itself offers no way to move its clock.
import { browserEnv } from './browser.js'

/** Moves the demo's clock `ms` ahead. */
export async function advanceDemoClock(ms: number): Promise<void> {
  await moveClock(`advanceMs=${Math.max(0, Math.ceil(ms))}`)
}

/** Puts the demo's clock back on the wall clock, for the files that follow. */
export async function resetDemoClock(): Promise<void> {
  await moveClock('reset')
}

async function moveClock(query: string): Promise<void> {
  const response = await fetch(`${browserEnv().clockUrl}?${query}`, { method: 'POST' })
  if (!response.ok) throw new Error(`moving the demo's clock (${query}): ${response.status}`)
}
