// Saving as the patient goes: once after a pause in typing, at once when asked, one request at a time,
// and never the same answers twice.
import type { Answers } from '@frontdesk/contracts/intake'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DraftSaver, SAVE_PAUSE_MS } from './draft-saver.js'

function setup() {
  let answers: Answers = {}
  const sent: Answers[] = []
  const failures: unknown[] = []
  let release: (() => void) | undefined
  let fail = false
  const saver = new DraftSaver(
    async (body) => {
      sent.push(structuredClone(body))
      if (fail) throw new Error('offline')
      await new Promise<void>((resolve) => {
        release = resolve
      })
    },
    () => answers,
    (error) => failures.push(error),
  )
  return {
    saver,
    sent,
    failures,
    type: (next: Answers) => {
      answers = next
      saver.schedule()
    },
    answerArrives: async () => {
      await vi.advanceTimersByTimeAsync(0)
      release?.()
      release = undefined
      await vi.advanceTimersByTimeAsync(0)
    },
    goOffline: (offline: boolean) => {
      fail = offline
    },
  }
}

describe('DraftSaver', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('saves once, a moment after the last of several quick changes', async () => {
    const { type, sent } = setup()
    type({ reason: 'B' })
    await vi.advanceTimersByTimeAsync(SAVE_PAUSE_MS - 100)
    type({ reason: 'Back' })
    await vi.advanceTimersByTimeAsync(SAVE_PAUSE_MS - 100)
    type({ reason: 'Back pain' })
    expect(sent).toEqual([])
    await vi.advanceTimersByTimeAsync(SAVE_PAUSE_MS)
    expect(sent).toEqual([{ reason: 'Back pain' }])
  })

  it('waits for a save under way before sending the next, and skips answers already saved', async () => {
    const { saver, type, sent, answerArrives } = setup()
    type({ reason: 'Back pain' })
    const first = saver.flush()
    type({ reason: 'Back pain since May' })
    const second = saver.flush()
    const third = saver.flush()
    await vi.advanceTimersByTimeAsync(0)
    expect(sent).toHaveLength(1)
    await answerArrives()
    await answerArrives()
    expect(await Promise.all([first, second, third])).toEqual([true, true, true])
    expect(sent).toEqual([{ reason: 'Back pain' }, { reason: 'Back pain since May' }])
    expect(await saver.flush()).toBe(true)
    expect(sent).toHaveLength(2)
  })

  it('does not send back the answers the draft was loaded with', async () => {
    const { saver, sent } = setup()
    saver.holds({})
    expect(await saver.flush()).toBe(true)
    expect(sent).toEqual([])
  })

  it('reports a failed save and tries the same answers again next time', async () => {
    const { saver, type, sent, failures, goOffline, answerArrives } = setup()
    goOffline(true)
    type({ reason: 'Back pain' })
    expect(await saver.flush()).toBe(false)
    expect(failures).toHaveLength(1)
    goOffline(false)
    const retried = saver.flush()
    await answerArrives()
    expect(await retried).toBe(true)
    expect(sent).toEqual([{ reason: 'Back pain' }, { reason: 'Back pain' }])
  })
})
