// The patient's own page for a booking, served by the API: see it and cancel it within the clinic's rules.

/** The manage token rides in the fragment, which no server (and no Referer) ever sees. */
export function manageUrl(apiBase: string, bookingId: string, manageToken: string): string {
  const fragment = new URLSearchParams({ booking: bookingId, token: manageToken })
  return `${apiBase.replace(/\/+$/, '')}/v1/bookings/manage#${fragment}`
}
