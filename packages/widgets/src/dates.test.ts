// A patient's age on the clinic's today decides whether a parent or guardian signs for them.
import { describe, expect, it } from 'vitest'
import { yearsOld } from './dates.js'

describe('yearsOld', () => {
  it('counts a year on the birthday itself, not the day before', () => {
    expect(yearsOld('2008-06-15', '2026-06-14')).toBe(17)
    expect(yearsOld('2008-06-15', '2026-06-15')).toBe(18)
    expect(yearsOld('2008-06-15', '2026-12-31')).toBe(18)
    expect(yearsOld('2010-12-31', '2026-01-01')).toBe(15)
    expect(yearsOld('2026-06-15', '2026-06-15')).toBe(0)
  })

  it('reaches a 29 February birthday on 1 March in a year without one', () => {
    expect(yearsOld('2008-02-29', '2026-02-28')).toBe(17)
    expect(yearsOld('2008-02-29', '2026-03-01')).toBe(18)
    expect(yearsOld('2008-02-29', '2028-02-29')).toBe(20)
  })

  it('reads no other format', () => {
    expect(yearsOld('', '2026-06-15')).toBeUndefined()
    expect(yearsOld('15.06.2010', '2026-06-15')).toBeUndefined()
  })
})
