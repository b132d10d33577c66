// What the patient's own pages share: building DOM without innerHTML, calling this API with the token
// from their link's fragment, and a confirmation step before an action that cannot be undone.
// Operations are named by their id; their methods and paths come from the API's endpoint table.
import operations from './patient-page-operations.js'

export const el = (tag, attributes = {}, ...children) => {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value)
  node.append(...children)
  return node
}

/**
 * What a page opened from a patient's link starts with: its main element, the values its link carries
 * in the fragment (dropped from the address bar at once, so history and bookmarks never hold a token),
 * and its words in the browser's language.
 */
export function openedFromLink(mainId, fields, words) {
  const params = new URLSearchParams(location.hash.slice(1))
  const values = Object.fromEntries(fields.map((field) => [field, params.get(field) ?? '']))
  history.replaceState(null, '', location.pathname)
  const language = (navigator.language ?? 'en').slice(0, 2)
  const chosen = words[language] ?? words.en
  document.documentElement.lang = words[language] ? language : 'en'
  document.title = chosen.title
  return { main: document.getElementById(mainId), values, words: chosen }
}

/**
 * How to ask for an operation of this API: its method, and its address with the path's `{name}`s filled
 * from `params` and `params.query` as its query string. The address is relative to this script
 * (`/v1/patient-page.js`), so it holds wherever the API is mounted.
 */
export function operation(operationId, params = {}) {
  const { method, path } = operations[operationId]
  const filled = path.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(params[name]))
  const address = new URL(`..${filled}`, import.meta.url)
  for (const [name, value] of Object.entries(params.query ?? {})) address.searchParams.set(name, value)
  return { method, address }
}

/** A caller of this API's operations, `api('cancelBooking', { id }, body)`, sending `token` as the bearer token. */
export function apiWith(token) {
  return async (operationId, params, body) => {
    const { method, address } = operation(operationId, params)
    const response = await fetch(address, {
      method,
      credentials: 'omit',
      headers: { Authorization: `Bearer ${token}`, ...(body && { 'Content-Type': 'application/json' }) },
      ...(body && { body: JSON.stringify(body) }),
    })
    const answer = await response.json().catch(() => null)
    if (!response.ok) throw Object.assign(new Error(String(response.status)), { code: answer?.error?.code })
    return answer
  }
}

/** Replaces `main` with the page title and one announced message. */
export function say(main, title, message) {
  main.replaceChildren(el('h1', {}, title), el('p', { role: 'alert' }, message))
}

/**
 * A button that first asks: `ask`, then `confirm` runs `act` (and `failure(error)` names what went wrong)
 * while `keep` puts the button back. Focus follows each step.
 */
export function confirmingButton({ label, ask, confirm: confirmLabel, keep: keepLabel, act, failure }) {
  const button = el('button', { type: 'button', class: 'primary' }, label)
  button.addEventListener('click', () => {
    const confirm = el('button', { type: 'button', class: 'primary' }, confirmLabel)
    const keep = el('button', { type: 'button' }, keepLabel)
    const box = el('div', { role: 'group', 'aria-label': label }, el('p', {}, ask), confirm, keep)
    button.replaceWith(box)
    confirm.focus()
    keep.addEventListener('click', () => {
      box.replaceWith(button)
      button.focus()
    })
    confirm.addEventListener('click', async () => {
      confirm.disabled = true
      try {
        await act()
      } catch (error) {
        confirm.disabled = false
        box.append(el('p', { role: 'alert' }, failure(error)))
      }
    })
  })
  return button
}
