// Links the API serves to patients, built the same way by the API (in messages) and the widgets.

/** The patient's own page for a booking; the manage token rides in the fragment, which no server (and no Referer) ever sees. */
export function manageUrl(apiBase: string, bookingId: string, manageToken: string): string {
  const fragment = new URLSearchParams({ booking: bookingId, token: manageToken })
  return `${apiBase.replace(/\/+$/, '')}/v1/bookings/manage#${fragment}`
}

/**
 * An email's unsubscribe link (and its `List-Unsubscribe` header): the token is in the query, because a mail
 * program's one-click POST (RFC 8058) goes to exactly this address; it holds no personal data, and the API
 * logs route patterns, never query strings.
 */
export function unsubscribeUrl(apiBase: string, token: string): string {
  return `${apiBase.replace(/\/+$/, '')}/v1/unsubscribe?${new URLSearchParams({ token })}`
}
