// The depth scan counts arrays and objects, never brackets inside strings, escaped quotes included.
import { describe, expect, it } from 'vitest'
import { nestsDeeperThan } from './json-depth.js'

describe('nestsDeeperThan', () => {
  it('counts objects and arrays inside one another, not side by side', () => {
    expect(nestsDeeperThan('{"a":[{"b":[]}]}', 4)).toBe(false)
    expect(nestsDeeperThan('{"a":[{"b":[[]]}]}', 4)).toBe(true)
    expect(nestsDeeperThan(`[${'[],'.repeat(1000)}[]]`, 2)).toBe(false)
    expect(nestsDeeperThan('['.repeat(10_000), 64)).toBe(true)
  })

  it('skips brackets inside strings, past escaped quotes and backslashes', () => {
    expect(nestsDeeperThan(JSON.stringify({ password: '[[[[[[{{{{' }), 2)).toBe(false)
    expect(nestsDeeperThan(JSON.stringify({ note: 'say "[[[[" twice \\', more: '{{{{' }), 2)).toBe(false)
    expect(nestsDeeperThan(JSON.stringify({ note: 'a \\"quoted\\" [', list: [[[1]]] }), 3)).toBe(true)
  })
})
