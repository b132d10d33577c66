// Fetches <frontdesk-intake> or <frontdesk-consent> from the API when a booking's follow-up needs one the
// page has not defined: booking.js stays free of the intake's validator and signature pad until then.
/** The element scripts a booking's follow-up may need, by the name the API serves them under. */
export type FollowUpElement = 'intake' | 'consent'

const loading = new Map<string, Promise<void>>()

/**
 * Defines `<frontdesk-{name}>` from `{apiBase}/v1/widgets/{name}.js` unless the page already has it (the
 * all-in-one script, its own tag, npm), once per page; an element already rendered upgrades when it loads.
 * The API's current script is loaded, not a pinned one: the two talk only through attributes and events.
 */
export function loadElement(apiBase: string, name: FollowUpElement): Promise<void> {
  if (customElements.get(`frontdesk-${name}`)) return Promise.resolve()
  const url = `${apiBase.replace(/\/+$/, '')}/v1/widgets/${name}.js`
  let pending = loading.get(url)
  if (!pending) {
    pending = import(/* @vite-ignore */ url).then(
      () => undefined,
      (error: unknown) => {
        // A later follow-up (another booking on this page) tries again.
        loading.delete(url)
        throw error
      },
    )
    loading.set(url, pending)
  }
  return pending
}
