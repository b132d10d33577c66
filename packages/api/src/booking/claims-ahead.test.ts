import { describe, expect, it, vi } from 'vitest'
import { claimInTurn } from './claims-ahead.js'

const NINE = { start: 9 * 3_600_000, end: 9.5 * 3_600_000 }
const NINE_FIFTEEN = { start: 9.25 * 3_600_000, end: 9.75 * 3_600_000 }
const TEN = { start: 10 * 3_600_000, end: 10.5 * 3_600_000 }

/** A claim the test settles by hand, counting whether it was made at all. */
function pendingClaim() {
  let settle: (won: boolean) => void = () => {}
  let fail: (error: Error) => void = () => {}
  const made = vi.fn(
    () =>
      new Promise<boolean>((resolve, reject) => {
        settle = resolve
        fail = reject
      }),
  )
  return { made, settle: (won: boolean) => settle(won), fail: (error: Error) => fail(error) }
}

let clinics = 0
const clinic = () => `cln_${++clinics}`

describe('claims of one time in one process', () => {
  it('a contender behind the winner answers "taken" without a claim of its own', async () => {
    const id = clinic()
    const first = pendingClaim()
    const second = pendingClaim()
    const winner = claimInTurn(id, 'prc_a', NINE, first.made)
    const loser = claimInTurn(id, 'prc_a', NINE, second.made)
    first.settle(true)
    expect(await winner).toBe(true)
    expect(await loser).toBe(false)
    expect(second.made).not.toHaveBeenCalled()
  })

  it('behind a claim of the same time that the database refused, steps aside too', async () => {
    const id = clinic()
    const first = pendingClaim()
    const second = pendingClaim()
    const refused = claimInTurn(id, 'prc_a', NINE, first.made)
    const behind = claimInTurn(id, 'prc_a', NINE, second.made)
    first.settle(false)
    expect(await refused).toBe(false)
    expect(await behind).toBe(false)
    expect(second.made).not.toHaveBeenCalled()
  })

  it('behind a refused claim of an overlapping but other span, or a failed one, claims for itself', async () => {
    const id = clinic()
    const first = pendingClaim()
    const second = pendingClaim()
    const refused = claimInTurn(id, 'prc_a', NINE, first.made)
    const other = claimInTurn(id, 'prc_a', NINE_FIFTEEN, second.made)
    first.settle(false)
    await refused
    await vi.waitFor(() => expect(second.made).toHaveBeenCalledOnce())
    second.settle(true)
    expect(await other).toBe(true)

    const third = pendingClaim()
    const fourth = pendingClaim()
    const failing = claimInTurn(id, 'prc_b', NINE, third.made)
    const after = claimInTurn(id, 'prc_b', NINE, fourth.made)
    third.fail(new Error('connection lost'))
    await expect(failing).rejects.toThrow('connection lost')
    await vi.waitFor(() => expect(fourth.made).toHaveBeenCalledOnce())
    fourth.settle(true)
    expect(await after).toBe(true)
  })

  it('claims of other times, other practitioners or other clinics start at once', async () => {
    const id = clinic()
    const claims = [pendingClaim(), pendingClaim(), pendingClaim(), pendingClaim()]
    const made = [
      claimInTurn(id, 'prc_a', NINE, claims[0]!.made),
      claimInTurn(id, 'prc_a', TEN, claims[1]!.made),
      claimInTurn(id, 'prc_b', NINE, claims[2]!.made),
      claimInTurn(clinic(), 'prc_a', NINE, claims[3]!.made),
    ]
    for (const claim of claims) expect(claim.made).toHaveBeenCalledOnce()
    for (const claim of claims) claim.settle(true)
    expect(await Promise.all(made)).toEqual([true, true, true, true])
  })
})
