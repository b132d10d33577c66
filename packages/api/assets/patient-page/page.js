// What the patient's own pages share: building DOM without innerHTML, calling this API with the token
// from their link's fragment, and a confirmation step before an action that cannot be undone.

export const el = (tag, attributes = {}, ...children) => {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value)
  node.append(...children)
  return node
}

/** A caller of this API (`/v1/…`, relative to the page) that sends `token` as the bearer token. */
export function apiWith(token) {
  return async (method, path, body) => {
    const response = await fetch(`../../v1/${path}`, {
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
