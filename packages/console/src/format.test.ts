import { describe, expect, it } from 'vitest'
import { addDays, todayIn, zonedInstant, zonedLocal } from './format.js'

describe('clinic time', () => {
  it('turns the clinic wall clock into instants across DST changes', () => {
    expect(zonedInstant('2026-11-25', '09:00', 'Europe/Berlin')).toBe('2026-11-25T08:00:00.000Z')
    expect(zonedInstant('2026-07-01', '09:00', 'Europe/Berlin')).toBe('2026-07-01T07:00:00.000Z')
    expect(zonedInstant('2026-03-29', '00:00', 'Europe/Berlin')).toBe('2026-03-28T23:00:00.000Z')
    expect(zonedInstant('2026-03-30', '00:00', 'Europe/Berlin')).toBe('2026-03-29T22:00:00.000Z')
  })

  it('writes instants back as the clinic reads them', () => {
    expect(zonedLocal('2026-11-25T08:00:00Z', 'Europe/Berlin')).toBe('2026-11-25T09:00')
    expect(zonedLocal('2026-07-01T07:00:00Z', 'America/New_York')).toBe('2026-07-01T03:00')
  })

  it('knows the clinic date and counts days over month ends', () => {
    expect(todayIn('Pacific/Auckland', new Date('2026-11-25T12:00:00Z'))).toBe('2026-11-26')
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01')
    expect(addDays('2026-12-31', 14)).toBe('2027-01-14')
  })
})
