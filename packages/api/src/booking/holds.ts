// A hold read back by its holder, and let go. Making, re-picking and confirming a hold is ./claim.ts.
import type { Hold } from '@frontdesk/contracts'
import type { RequestScope } from '../env.js'
import { notFound } from '../errors.js'
import { assertLiveHold, reachableRow } from './rules.js'
import { releaseHeldRow, toHold } from './store.js'

export async function readHold(scope: RequestScope, holdId: string): Promise<Hold> {
  const row = await reachableRow(scope, { holdId }, 'hold')
  assertLiveHold(row, scope.now())
  return toHold(row)
}

/** Lets the slot go; releasing a released or expired hold again changes nothing. */
export async function releaseHold(scope: RequestScope, holdId: string): Promise<void> {
  const row = await reachableRow(scope, { holdId }, 'hold')
  if (row.status !== 'held' && row.status !== 'released') throw notFound('hold')
  await releaseHeldRow(scope.db, row.id)
}
