// Hold routes of the mocks: a held slot blocks everyone else until it expires, moves or is released.
import { endpoints, type HoldCreated, SlotChoice } from '@frontdesk/contracts'
import { jsonBody, MockApiError, notFound, parseOrThrow } from '../responses.js'
import { resolveSlot, slotColumns } from '../slots.js'
import type { MockStore, Principal } from '../store.js'
import { newId, newToken } from '../tokens.js'
import type { Router } from './route.js'

const MINUTE_MS = 60_000

export function holdHandlers(store: MockStore, { route }: Router) {
  const holdMs = () => store.clinic.policy.holdMinutes * MINUTE_MS

  return [
    route(endpoints.createHold, async ({ request, idempotent }) => {
      const choice = parseOrThrow(SlotChoice, await jsonBody(request))
      return idempotent(choice, () => {
        const slot = resolveSlot(store, choice)
        const at = store.now()
        const row = {
          id: newId('bkg'),
          holdId: newId('hold'),
          status: 'held' as const,
          ...slotColumns(slot),
          holdExpiresAt: at + holdMs(),
          visitToken: newToken('vt'),
          manageToken: null,
          patient: null,
          notes: null,
          createdAt: at,
          confirmedAt: null,
          cancelledAt: null,
          cancelReason: null,
        }
        store.rows.set(row.id, row)
        const body: HoldCreated = { hold: store.toHold(row), visitToken: row.visitToken }
        return { status: 201, body }
      })
    }),

    route(endpoints.getHold, ({ params: { id }, principal }) => {
      const row = store.ownRow(principal, store.byHoldId(id), 'hold')
      if (row.status === 'confirmed' || row.status === 'cancelled') throw notFound('hold')
      if (row.status === 'released' || (row.holdExpiresAt ?? 0) <= store.now()) {
        throw new MockApiError('HOLD_EXPIRED', 'This hold has expired; choose the time again')
      }
      return { status: 200, body: store.toHold(row) }
    }),

    route(endpoints.repickHold, async ({ request, params: { id }, principal }) => {
      const choice = parseOrThrow(SlotChoice, await jsonBody(request))
      const row = store.ownRow(principal, store.byHoldId(id), 'hold')
      if (row.status !== 'held' && row.status !== 'released') throw notFound('hold')
      const slot = resolveSlot(store, choice, row.id)
      Object.assign(row, {
        status: 'held',
        ...slotColumns(slot),
        holdExpiresAt: store.now() + holdMs(),
      })
      return { status: 200, body: store.toHold(row) }
    }),

    route(endpoints.releaseHold, ({ params: { id }, principal }) => release(id, principal)),

    // The widget's beacon as the patient leaves: the visit token is the body; origins are not checked here.
    route(endpoints.releaseHoldOnLeave, ({ params: { id }, principal }) => release(id, principal), ['visit']),
  ]

  function release(id: string, principal: Principal) {
    const row = store.ownRow(principal, store.byHoldId(id), 'hold')
    if (row.status !== 'held' && row.status !== 'released') throw notFound('hold')
    row.status = 'released'
    return { status: 204 as const }
  }
}
