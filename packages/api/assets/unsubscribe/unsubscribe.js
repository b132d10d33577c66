// The page behind the unsubscribe link of a clinic's optional emails (reminders). Opening it changes
// nothing (mail scanners open links); its button sends the one-click POST of RFC 8058 to the address the
// link names, with the token from its query, which is dropped from the address bar at once.
import { el, openedFromLink, operation, say } from './patient-page.js'

const WORDS = {
  en: {
    title: 'Unsubscribe from reminders',
    intro:
      'Do you want no more reminders by email from this practice? Emails about your bookings themselves (confirmations, changes and cancellations) still reach you.',
    button: 'Unsubscribe',
    working: 'Unsubscribing…',
    done: 'You are unsubscribed. This practice will send you no more reminders by email.',
    incomplete: 'This link is incomplete. Please open the whole link from your email.',
    invalid:
      'This unsubscribe link does not work. Please open the whole link from your email, or contact the practice.',
    busy: 'Too many tries at once. Please wait a little and try again.',
    failed: 'That did not work: the practice cannot be reached right now. Please try again later.',
  },
  de: {
    title: 'Erinnerungen abbestellen',
    intro:
      'Möchten Sie von dieser Praxis keine Erinnerungen per E-Mail mehr erhalten? E-Mails zu Ihren Buchungen selbst (Bestätigungen, Änderungen und Absagen) erhalten Sie weiterhin.',
    button: 'Abbestellen',
    working: 'Wird abbestellt …',
    done: 'Sie haben sich abgemeldet. Diese Praxis sendet Ihnen keine Erinnerungen per E-Mail mehr.',
    incomplete: 'Dieser Link ist unvollständig. Bitte öffnen Sie den ganzen Link aus Ihrer E-Mail.',
    invalid:
      'Dieser Abmeldelink funktioniert nicht. Bitte öffnen Sie den ganzen Link aus Ihrer E-Mail oder wenden Sie sich an die Praxis.',
    busy: 'Zu viele Versuche. Bitte warten Sie kurz und versuchen Sie es erneut.',
    failed:
      'Das hat nicht geklappt: Die Praxis ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut.',
  },
}

// Read before openedFromLink clears the address bar.
const token = new URLSearchParams(location.search).get('token') ?? ''
const { main, words } = openedFromLink('unsubscribe', [], WORDS)

function show() {
  if (!/^ut_[a-z]+_[A-Za-z0-9]+\.[\w-]{32,}$/.test(token)) return say(main, words.title, words.incomplete)
  const status = el('p', { role: 'status' })
  const button = el('button', { type: 'button', class: 'primary' }, words.button)
  button.addEventListener('click', () => unsubscribe(button, status))
  main.replaceChildren(
    el('h1', {}, words.title),
    el('p', {}, words.intro),
    el('div', { class: 'actions' }, button),
    status,
  )
  button.focus()
}

/** The one-click POST a mail program would send: `List-Unsubscribe=One-Click`, form-encoded. */
async function unsubscribe(button, status) {
  button.disabled = true
  status.textContent = words.working
  let response
  try {
    const { method, address } = operation('unsubscribeEmail', { query: { token } })
    response = await fetch(address, {
      method,
      credentials: 'omit',
      cache: 'no-store',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
  } catch {
    response = null
  }
  if (response?.ok) return say(main, words.title, words.done)
  const code = (await response?.json().catch(() => null))?.error?.code
  if (code === 'NOT_FOUND' || code === 'VALIDATION_FAILED') return say(main, words.title, words.invalid)
  status.textContent = ''
  button.disabled = false
  main.querySelector('.problem')?.remove()
  status.before(
    el('p', { role: 'alert', class: 'problem' }, code === 'RATE_LIMITED' ? words.busy : words.failed),
  )
}

show()
