// The patient's copy of their data, from the link in the clinic's answer to their request: reads the
// request id and download token from the URL fragment (never sent to a server), says what the download
// holds, and saves it as JSON or as a FHIR Bundle. Each download is asked for with the token and audited.
import { el, openedFromLink, operation, say } from '../patient-page.js'

const WORDS = {
  en: {
    title: 'Your data',
    intro:
      'The clinic has answered your request for a copy of your data. The download holds what it keeps about you:',
    holds: [
      'your details: name, date of birth, email address and phone number',
      'your appointments, with your notes for the clinic',
      'the forms you filled in before a visit, with your answers',
      'your consent decisions, and any you withdrew',
      'the messages the clinic sent you: confirmations and reminders',
      'a record of who opened your data, and when',
    ],
    formats:
      'JSON is a plain file any computer can open. FHIR is the format health systems exchange, for taking your data to another practice.',
    private: 'The file holds health information: keep it somewhere safe. The link works for 7 days.',
    json: 'Download my data (JSON)',
    fhir: 'Download as FHIR (for other health systems)',
    preparing: 'Preparing your download…',
    done: 'Your download has started. Look for it in your downloads folder.',
    incomplete: 'This link is incomplete. Please open the whole link from your message.',
    invalid:
      'This download link does not work any more: links work for 7 days, and only as sent. Please ask the clinic for your data again.',
    busy: 'Too many tries at once. Please wait a little and try again.',
    failed: 'The download did not work: the clinic cannot be reached right now. Please try again later.',
  },
  de: {
    title: 'Ihre Daten',
    intro:
      'Die Praxis hat Ihre Anfrage nach einer Kopie Ihrer Daten beantwortet. Der Download enthält, was sie über Sie gespeichert hat:',
    holds: [
      'Ihre Angaben: Name, Geburtsdatum, E-Mail-Adresse und Telefonnummer',
      'Ihre Termine, mit Ihren Hinweisen an die Praxis',
      'die Formulare, die Sie vor einem Besuch ausgefüllt haben, mit Ihren Antworten',
      'Ihre Einwilligungen, auch widerrufene',
      'die Nachrichten der Praxis an Sie: Bestätigungen und Erinnerungen',
      'ein Protokoll, wer Ihre Daten wann geöffnet hat',
    ],
    formats:
      'JSON ist eine einfache Datei, die jeder Computer öffnen kann. FHIR ist das Austauschformat im Gesundheitswesen, um Ihre Daten in eine andere Praxis mitzunehmen.',
    private: 'Die Datei enthält Gesundheitsdaten: Bewahren Sie sie sicher auf. Der Link gilt 7 Tage.',
    json: 'Meine Daten herunterladen (JSON)',
    fhir: 'Als FHIR herunterladen (für andere Gesundheitssysteme)',
    preparing: 'Ihr Download wird vorbereitet …',
    done: 'Ihr Download hat begonnen. Sie finden ihn in Ihrem Download-Ordner.',
    incomplete: 'Dieser Link ist unvollständig. Bitte öffnen Sie den ganzen Link aus Ihrer Nachricht.',
    invalid:
      'Dieser Download-Link funktioniert nicht mehr: Links gelten 7 Tage und nur so, wie sie gesendet wurden. Bitte fragen Sie Ihre Daten erneut bei der Praxis an.',
    busy: 'Zu viele Versuche. Bitte warten Sie kurz und versuchen Sie es erneut.',
    failed:
      'Der Download hat nicht geklappt: Die Praxis ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut.',
  },
}

const {
  main,
  values: { request: requestId, token },
  words,
} = openedFromLink('download', ['request', 'token'], WORDS)

function show() {
  if (!/^rr_[A-Za-z0-9]+$/.test(requestId) || !/^xt_[\w-]+$/.test(token))
    return say(main, words.title, words.incomplete)
  const status = el('p', { role: 'status' })
  const buttons = [
    ['json', words.json, { class: 'primary' }],
    ['fhir', words.fhir, {}],
  ].map(([format, label, look]) => {
    const button = el('button', { type: 'button', ...look }, label)
    button.addEventListener('click', () => download(format, buttons, status))
    return button
  })
  main.replaceChildren(
    el('h1', {}, words.title),
    el('p', {}, words.intro),
    el('ul', {}, ...words.holds.map((item) => el('li', {}, item))),
    el('p', {}, words.formats),
    el('div', { class: 'actions' }, ...buttons),
    status,
    el('p', {}, words.private),
  )
}

/** Asks for the export with the token and saves the answer under the name the API gives it. */
async function download(format, buttons, status) {
  for (const button of buttons) button.disabled = true
  status.textContent = words.preparing
  let response
  try {
    const { method, address } = operation('downloadRightsExport', { id: requestId })
    address.searchParams.set('format', format)
    response = await fetch(address, {
      method,
      credentials: 'omit',
      cache: 'no-store',
      headers: { Authorization: `Bearer ${token}` },
    })
  } catch {
    response = null
  }
  if (!response?.ok) {
    const code = (await response?.json().catch(() => null))?.error?.code
    if (code === 'UNAUTHENTICATED') return say(main, words.title, words.invalid)
    status.textContent = ''
    for (const button of buttons) button.disabled = false
    main.querySelector('.problem')?.remove()
    status.before(
      el('p', { role: 'alert', class: 'problem' }, code === 'RATE_LIMITED' ? words.busy : words.failed),
    )
    return
  }
  const named = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1]
  const link = el('a', { download: named ?? (format === 'fhir' ? 'my-data.fhir.json' : 'my-data.json') })
  link.href = URL.createObjectURL(await response.blob())
  link.click()
  URL.revokeObjectURL(link.href)
  main.querySelector('.problem')?.remove()
  status.textContent = words.done
  for (const button of buttons) button.disabled = false
}

// Another link opened in this tab changes only the fragment, which loads nothing: read it afresh.
addEventListener('hashchange', () => location.reload())
show()
