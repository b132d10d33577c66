// The patient's own page for a booking, served by the API: see it and cancel it within the clinic's rules.
// The same link as manageUrl in @frontdesk/contracts (a test keeps them equal), written here because the
// contracts' root entry brings zod into the script-tag bundle: twice its size, and zod's eval probe
// breaks a strict CSP.

/** The manage token rides in the fragment, which no server (and no Referer) ever sees. */
export function manageUrl(apiBase: string, bookingId: string, manageToken: string): string {
  const fragment = new URLSearchParams({ booking: bookingId, token: manageToken })
  return `${apiBase.replace(/\/+$/, '')}/v1/bookings/manage#${fragment}`
}
