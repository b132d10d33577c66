// Lets the held time go when the patient leaves the page without booking, so the next patient sees it at
// once instead of after the hold runs out. A beacon outlives the page; it sends the visit token as plain
// text with no header of its own, which a browser sends cross-origin without asking first (no preflight).
import type { EndpointPath } from '@frontdesk/contracts'
import type { ActiveHold } from './hold-timer.js'

/** The table's path for the release, checked at compile time: `/v1/holds/{id}/release`. */
const RELEASE_PATH: EndpointPath<'releaseHoldOnLeave'> = '/v1/holds/{id}/release'

/** Queues the release with the browser; false when it has no beacon or refused to queue it. */
export function releaseOnLeave(apiBase: string, hold: Pick<ActiveHold, 'id' | 'visitToken'>): boolean {
  if (typeof navigator.sendBeacon !== 'function') return false
  const url = apiBase.replace(/\/+$/, '') + RELEASE_PATH.replace('{id}', encodeURIComponent(hold.id))
  // A string body goes as text/plain;charset=UTF-8, one of the types a page may send anywhere unasked.
  return navigator.sendBeacon(url, hold.visitToken)
}
