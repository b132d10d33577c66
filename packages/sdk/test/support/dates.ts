// Local dates relative to today, so tests book a few days ahead whatever day they run.
export const TIME_ZONE = 'Europe/Berlin'

/** The local date `days` from today in the clinic's zone, as YYYY-MM-DD. */
export function daysAhead(days: number, timeZone = TIME_ZONE): string {
  return new Date(Date.now() + days * 86_400_000).toLocaleDateString('en-CA', { timeZone })
}
