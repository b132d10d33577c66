// Hold routes of the mocks: a held slot blocks everyone else until it expires, moves or is released.
import { type HoldCreated, Id, SlotChoice } from '@frontdesk/contracts'
import * as z from 'zod'
import { jsonBody, MockApiError, notFound, parseOrThrow } from '../responses.js'
import { resolveSlot, slotColumns } from '../slots.js'
import type { MockStore } from '../store.js'
import { newId, newToken } from '../tokens.js'
import type { Router } from './route.js'

const HoldParam = z.object({ id: Id })
const MINUTE_MS = 60_000

export function holdHandlers(store: MockStore, { route, idempotent }: Router) {
  const holdMs = () => store.clinic.policy.holdMinutes * MINUTE_MS

  return [
    route('post', 'holds', ['publishable', 'secret'], async ({ request }) => {
      const choice = parseOrThrow(SlotChoice, await jsonBody(request))
      return idempotent(request, 'POST /holds', choice, () => {
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

    route('get', 'holds/:id', ['visit', 'secret'], ({ params, principal }) => {
      const { id } = parseOrThrow(HoldParam, params)
      const row = store.ownRow(principal, store.byHoldId(id), 'hold')
      if (row.status === 'confirmed' || row.status === 'cancelled') throw notFound('hold')
      if (row.status === 'released' || (row.holdExpiresAt ?? 0) <= store.now()) {
        throw new MockApiError('HOLD_EXPIRED', 'This hold has expired; choose the time again')
      }
      return { status: 200, body: store.toHold(row) }
    }),

    route('put', 'holds/:id', ['visit'], async ({ request, params, principal }) => {
      const { id } = parseOrThrow(HoldParam, params)
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

    route('delete', 'holds/:id', ['visit', 'secret'], ({ params, principal }) => {
      const { id } = parseOrThrow(HoldParam, params)
      const row = store.ownRow(principal, store.byHoldId(id), 'hold')
      if (row.status !== 'held' && row.status !== 'released') throw notFound('hold')
      row.status = 'released'
      return { status: 204 }
    }),
  ]
}
