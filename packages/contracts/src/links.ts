// Links the API serves to patients, built the same way by the API (in messages) and the widgets.

/** The patient's own page for a booking; the manage token rides in the fragment, which no server (and no Referer) ever sees. */
export function manageUrl(apiBase: string, bookingId: string, manageToken: string): string {
  const fragment = new URLSearchParams({ booking: bookingId, token: manageToken })
  return `${apiBase.replace(/\/+$/, '')}/v1/bookings/manage#${fragment}`
}
