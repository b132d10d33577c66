// Listbox keys: one step per arrow, clamped at both ends, Home/End to the ends, other keys left alone.
import { describe, expect, it } from 'vitest'
import { nextOptionIndex } from './time-listbox.js'

describe('nextOptionIndex', () => {
  it('moves one time per arrow and stops at the ends', () => {
    expect(nextOptionIndex(5, 2, 'ArrowDown')).toBe(3)
    expect(nextOptionIndex(5, 2, 'ArrowRight')).toBe(3)
    expect(nextOptionIndex(5, 2, 'ArrowUp')).toBe(1)
    expect(nextOptionIndex(5, 2, 'ArrowLeft')).toBe(1)
    expect(nextOptionIndex(5, 4, 'ArrowDown')).toBe(4)
    expect(nextOptionIndex(5, 0, 'ArrowUp')).toBe(0)
    expect(nextOptionIndex(5, 2, 'Home')).toBe(0)
    expect(nextOptionIndex(5, 2, 'End')).toBe(4)
  })

  it('leaves other keys, and an empty list, to the browser', () => {
    expect(nextOptionIndex(5, 2, 'Tab')).toBeNull()
    expect(nextOptionIndex(5, 2, 'a')).toBeNull()
    expect(nextOptionIndex(0, 0, 'ArrowDown')).toBeNull()
  })
})
