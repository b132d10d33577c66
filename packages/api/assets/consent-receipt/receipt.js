// The patient's consent receipt: reads the record id and receipt token from the URL fragment (never sent
// to a server), shows what was agreed to and how, offers the machine-readable receipt and withdrawal.
import { apiWith, confirmingButton, el, say } from '../patient-page.js'

const WORDS = {
  en: {
    title: 'Your consent receipt',
    clinic: 'Clinic',
    document: 'Consent',
    decision: 'Your decision',
    given: 'Given',
    refused: 'Refused',
    withdrawn: 'Withdrawn',
    when: 'Recorded',
    basis: 'Legal basis',
    signer: 'Signed by',
    self: 'The patient',
    parent: 'A parent',
    legal_guardian: 'A legal guardian',
    method: 'How',
    textHash: 'Fingerprint of the text (SHA-256)',
    recordHash: 'Fingerprint of the record',
    text: 'The text you were shown',
    download: 'Download the machine-readable receipt',
    withdraw: 'Withdraw this consent',
    confirm: 'Yes, withdraw it',
    cancel: 'Keep it',
    ask: 'Withdrawing stops this consent from now on. What happened before stays lawful.',
    withdrawnOn: 'You withdrew this consent on',
    incomplete: 'This link is incomplete. Please open the whole link from your message.',
    failed: 'This receipt cannot be shown: the link is not valid, or the clinic cannot be reached right now.',
  },
  de: {
    title: 'Ihre Einwilligungsquittung',
    clinic: 'Praxis',
    document: 'Einwilligung',
    decision: 'Ihre Entscheidung',
    given: 'Erteilt',
    refused: 'Abgelehnt',
    withdrawn: 'Widerrufen',
    when: 'Erfasst',
    basis: 'Rechtsgrundlage',
    signer: 'Unterschrieben von',
    self: 'Der Patientin / dem Patienten',
    parent: 'Einem Elternteil',
    legal_guardian: 'Einem gesetzlichen Vormund',
    method: 'Wie',
    textHash: 'Fingerabdruck des Textes (SHA-256)',
    recordHash: 'Fingerabdruck des Eintrags',
    text: 'Der Text, der Ihnen gezeigt wurde',
    download: 'Maschinenlesbare Quittung herunterladen',
    withdraw: 'Diese Einwilligung widerrufen',
    confirm: 'Ja, widerrufen',
    cancel: 'Behalten',
    ask: 'Der Widerruf gilt ab jetzt. Was vorher geschah, bleibt rechtmäßig.',
    withdrawnOn: 'Sie haben diese Einwilligung widerrufen am',
    incomplete: 'Dieser Link ist unvollständig. Bitte öffnen Sie den ganzen Link aus Ihrer Nachricht.',
    failed:
      'Diese Quittung kann nicht angezeigt werden: Der Link ist ungültig oder die Praxis ist gerade nicht erreichbar.',
  },
}

const main = document.getElementById('receipt')
const params = new URLSearchParams(location.hash.slice(1))
const recordId = params.get('record') ?? ''
const token = params.get('token') ?? ''
let words = WORDS.en

const api = apiWith(token)

async function show() {
  if (!/^cons_[A-Za-z0-9]+$/.test(recordId) || !/^ct_[\w-]+$/.test(token))
    return say(main, words.title, words.incomplete)
  let receipt
  let version
  try {
    receipt = await api('getConsentReceipt', { id: recordId })
    version = await api('getConsentDocumentVersion', {
      id: receipt.documentId,
      version: receipt.documentVersion,
    })
  } catch {
    return say(main, words.title, words.failed)
  }
  words = WORDS[receipt.language.slice(0, 2)] ?? WORDS.en
  document.documentElement.lang = receipt.language
  document.title = words.title
  const text = version.texts.find((candidate) => candidate.language === receipt.language) ?? version.texts[0]
  const locale = receipt.language
  const when = new Date(receipt.consentTimestamp * 1000).toLocaleString(locale, {
    dateStyle: 'long',
    timeStyle: 'short',
  })
  const decision = receipt.withdrawnBy ? 'withdrawn' : receipt.decision
  const purpose = receipt.services[0].purposes[0]
  const body = el('div', { class: 'text', tabindex: '0', role: 'region', 'aria-label': words.text })
  // Sanitized by the API when the clinic published it, to an allow-list without script or handlers.
  body.innerHTML = `<h3>${escapeHtml(text.title)}</h3>${text.html}`
  const facts = el(
    'dl',
    {},
    ...[
      [words.clinic, receipt.piiControllers[0].piiController],
      [words.document, `${receipt.services[0].service} — ${purpose.purpose}`],
      [words.decision, el('span', { class: 'state', 'data-decision': decision }, words[decision])],
      [words.when, when],
      [words.basis, purpose.lawfulBasis],
      [words.signer, words[receipt.signer.relation]],
      [words.method, receipt.collectionMethod],
      [words.textHash, el('span', { class: 'hash' }, receipt.textHash)],
      [words.recordHash, el('span', { class: 'hash' }, receipt.recordHash)],
    ].flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]),
  )
  const actions = el('div', { class: 'actions' })
  const download = el('button', { type: 'button' }, words.download)
  download.addEventListener('click', () => {
    const link = el('a', { download: `consent-receipt-${receipt.consentReceiptID}.json` })
    link.href = URL.createObjectURL(
      new Blob([JSON.stringify(receipt, null, 2)], { type: 'application/json' }),
    )
    link.click()
    URL.revokeObjectURL(link.href)
  })
  actions.append(download)
  if (decision === 'given') actions.append(withdrawButton())
  main.replaceChildren(
    el('h1', { tabindex: '-1' }, words.title),
    facts,
    el('h2', {}, words.text),
    body,
    actions,
  )
}

function withdrawButton() {
  return confirmingButton({
    label: words.withdraw,
    ask: words.ask,
    confirm: words.confirm,
    keep: words.cancel,
    act: async () => {
      await api('withdrawConsent', { id: recordId }, {})
      await show()
      main.querySelector('h1')?.focus()
    },
    failure: () => words.failed,
  })
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)
}

show()
