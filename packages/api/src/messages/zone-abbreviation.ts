// The abbreviation a clinic's time zone goes by at one instant (CET, CEST, GMT, BST, EST, EDT, IST), the same
// in every language. Intl names zones per locale ("GMT+1" for Berlin in English, "MEZ" in German, and nothing
// but offsets for most zones outside the locale's own country); the IANA time zone database keeps, per zone and
// period, the abbreviation people there use, which is what a patient reads on a clock or a ticket. Where the
// database knows none (it writes "+04" for Dubai, "-03" for São Paulo) the offset is shown: "GMT+4", "GMT-3".
import moment from 'moment-timezone'

/**
 * `offsetMinutes` is the zone's offset at that instant as the caller computed it (luxon, from Intl): if the
 * database bundled with moment-timezone disagrees (a zone whose rules changed after it was published), the
 * abbreviation could be wrong, so the offset, which is right, is shown instead.
 */
export function zoneAbbreviation(timeZone: string, at: Date, offsetMinutes: number): string {
  const zone = moment.tz.zone(timeZone)
  if (zone) {
    const abbreviation = zone.abbr(at.getTime())
    // moment-timezone counts offsets west of Greenwich as positive.
    if (/^[A-Za-z]{2,6}$/.test(abbreviation) && -zone.utcOffset(at.getTime()) === offsetMinutes) {
      return abbreviation
    }
  }
  return gmtOffset(offsetMinutes)
}

/** "GMT", "GMT+1", "GMT-3", "GMT+5:30": the form Intl uses, so it reads the same in English and German. */
export function gmtOffset(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'GMT'
  const sign = offsetMinutes > 0 ? '+' : '-'
  const hours = Math.floor(Math.abs(offsetMinutes) / 60)
  const minutes = Math.abs(offsetMinutes) % 60
  return `GMT${sign}${hours}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`
}
