// offsetAt remembers steady UTC days: asked around a transition, before and after it is remembered, it stays exact.
import { describe, expect, it } from 'vitest'
import { offsetAt } from './local-time.js'

const at = (iso: string) => Date.parse(iso)

describe('offsetAt', () => {
  it('changes at the transition instant itself, on the day of the change, however often it is asked', () => {
    for (let round = 0; round < 2; round++) {
      // Berlin springs forward at 01:00 UTC on 2027-03-28 and falls back at 01:00 UTC on 2027-10-31.
      expect(offsetAt('Europe/Berlin', at('2027-03-28T00:59:59.999Z'))).toBe(60)
      expect(offsetAt('Europe/Berlin', at('2027-03-28T01:00:00Z'))).toBe(120)
      expect(offsetAt('Europe/Berlin', at('2027-10-31T00:59:59.999Z'))).toBe(120)
      expect(offsetAt('Europe/Berlin', at('2027-10-31T01:00:00Z'))).toBe(60)
      // New York changes at 07:00 UTC (02:00 local) in March and 06:00 UTC in November.
      expect(offsetAt('America/New_York', at('2027-03-14T06:59:00Z'))).toBe(-300)
      expect(offsetAt('America/New_York', at('2027-03-14T07:00:00Z'))).toBe(-240)
      expect(offsetAt('America/New_York', at('2027-11-07T05:59:00Z'))).toBe(-240)
      expect(offsetAt('America/New_York', at('2027-11-07T06:00:00Z'))).toBe(-300)
    }
  })

  it('keeps zones apart on the same day, and knows half-hour and southern zones', () => {
    const noon = at('2027-01-15T12:00:00Z')
    expect(offsetAt('Europe/Berlin', noon)).toBe(60)
    expect(offsetAt('Asia/Kolkata', noon)).toBe(330)
    expect(offsetAt('Australia/Sydney', noon)).toBe(660)
    expect(offsetAt('America/New_York', noon)).toBe(-300)
  })
})
