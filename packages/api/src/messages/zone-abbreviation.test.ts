// The zone abbreviation's fallbacks: the offset whenever the database has no name or disagrees with Intl.
import { describe, expect, it } from 'vitest'
import { gmtOffset, zoneAbbreviation } from './zone-abbreviation.js'

const winter = new Date('2027-01-11T08:00:00Z')

describe('zoneAbbreviation', () => {
  it('names the zone when the database and the offset agree', () => {
    expect(zoneAbbreviation('Europe/Berlin', winter, 60)).toBe('CET')
    expect(zoneAbbreviation('Asia/Calcutta', winter, 330)).toBe('IST')
  })

  it('shows the offset when the database disagrees with it (rules changed since it was bundled)', () => {
    expect(zoneAbbreviation('Europe/Berlin', winter, 120)).toBe('GMT+2')
  })

  it('shows the offset for a zone the database does not know or names with a number', () => {
    expect(zoneAbbreviation('Mars/Olympus_Mons', winter, -90)).toBe('GMT-1:30')
    expect(zoneAbbreviation('America/Sao_Paulo', winter, -180)).toBe('GMT-3')
  })

  it('writes offsets as Intl does', () => {
    expect([0, 60, -300, 345, -570].map(gmtOffset)).toEqual(['GMT', 'GMT+1', 'GMT-5', 'GMT+5:45', 'GMT-9:30'])
  })
})
