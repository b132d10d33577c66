// The host side of isolated mode: an element on the clinic's page that shows its widget in an iframe the
// API serves, sizes it to its content, passes the clinic's design tokens in and re-sends its public events.
// Used by the host-only loader (isolated.js) and by the full elements given the `isolated` attribute.
import {
  checkTokens,
  type FrameElement,
  type HostMessage,
  newNonce,
  readFrameMessage,
  THEME_TOKENS,
} from './bridge-messages.js'

/** Non-sensitive settings, sent in the frame's query: ids, language and theme. */
const QUERY_ATTRIBUTES: Record<FrameElement, string[]> = {
  booking: ['service', 'practitioner', 'location', 'intake-form', 'intake-form-minor', 'consent-documents'],
  intake: ['form', 'draft'],
  consent: ['documents', 'signer'],
  'rights-request': [],
}

/**
 * Tokens and a patient's own details go in the fragment, which the browser never sends to a server, so
 * no log holds them: the frame reads them from its own address.
 */
const FRAGMENT_ATTRIBUTES = ['visit-token', 'resume-token', 'prefill-name', 'prefill-email', 'prefill-phone']

/** The continue-later link of a form points at the page the patient is on, not at the frame. */
const RESUME_URL_ATTRIBUTE: Partial<Record<FrameElement, string>> = {
  booking: 'intake-resume-url',
  intake: 'resume-url',
}

const TITLES: Record<'en' | 'de', Record<FrameElement, string>> = {
  en: {
    booking: 'Online booking',
    intake: 'Patient form',
    consent: 'Consent',
    'rights-request': 'Request about your data',
  },
  de: {
    booking: 'Online-Terminbuchung',
    intake: 'Patientenformular',
    consent: 'Einwilligung',
    'rights-request': 'Anfrage zu Ihren Daten',
  },
}

const FRAME_STYLES =
  ':host{display:block}iframe{display:block;width:100%;height:10rem;border:0;color-scheme:normal}'

export interface MountedFrame {
  iframe: HTMLIFrameElement
  /** Stops listening and takes the frame away (the element left the page). */
  disconnect(): void
}

export function mountFrame(host: HTMLElement, root: ShadowRoot, element: FrameElement): MountedFrame {
  const attribute = (name: string) => host.getAttribute(name) ?? ''
  const apiOrigin = originOf(attribute('api-base'))
  const locale = attribute('locale') || host.closest('[lang]')?.getAttribute('lang') || 'en'
  const nonce = newNonce()

  const query = new URLSearchParams({ key: attribute('publishable-key'), origin: location.origin })
  for (const name of ['locale', 'theme', ...QUERY_ATTRIBUTES[element]]) {
    const value = name === 'locale' ? locale : attribute(name)
    if (value) query.set(name, value)
  }
  const fragment = new URLSearchParams({ n: nonce })
  for (const name of FRAGMENT_ATTRIBUTES) if (attribute(name)) fragment.set(name, attribute(name))
  const resumeAttribute = RESUME_URL_ATTRIBUTE[element]
  if (resumeAttribute) {
    const page = new URL(attribute(resumeAttribute) || location.href, location.href)
    page.hash = ''
    fragment.set(resumeAttribute, page.href)
  }
  // A continue-later link brought the patient back: the form inside the frame opens the draft.
  const resume = element === 'intake' ? takeResumeParts() : ''

  const sheet = new CSSStyleSheet()
  sheet.replaceSync(FRAME_STYLES)
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet]
  const iframe = document.createElement('iframe')
  iframe.title = TITLES[locale.toLowerCase().startsWith('de') ? 'de' : 'en'][element]
  // Nothing to load for a missing api-base: the frame stays empty rather than asking this page's origin.
  if (apiOrigin)
    iframe.src = `${apiOrigin}/v1/frames/${element}?${query}#${fragment}${resume ? `&${resume}` : ''}`
  root.prepend(iframe)

  const sendTheme = () => {
    const style = getComputedStyle(host)
    const read: Record<string, string> = {}
    for (const name of Object.keys(THEME_TOKENS)) read[name] = style.getPropertyValue(name)
    const message: HostMessage = { frontdesk: 'host', nonce, type: 'theme', tokens: checkTokens(read) }
    // The exact origin, never '*': if the frame was navigated elsewhere, the browser drops the message.
    iframe.contentWindow?.postMessage(message, apiOrigin)
  }
  iframe.addEventListener('load', sendTheme)

  const onMessage = (event: MessageEvent) => {
    if (event.source !== iframe.contentWindow || event.origin !== apiOrigin) return
    const message = readFrameMessage(event.data, nonce)
    if (message?.type === 'resize') iframe.style.height = `${message.height}px`
    else if (message?.type === 'event')
      host.dispatchEvent(
        new CustomEvent(message.name, { detail: message.detail, bubbles: true, composed: true }),
      )
  }
  window.addEventListener('message', onMessage)

  return {
    iframe,
    disconnect() {
      window.removeEventListener('message', onMessage)
      iframe.removeEventListener('load', sendTheme)
      iframe.remove()
    },
  }
}

function originOf(url: string): string {
  try {
    return url ? new URL(url, location.href).origin : ''
  } catch {
    return ''
  }
}

/** The draft's id and resume token from this page's fragment, taken out of the address bar, as `a=b&c=d`. */
function takeResumeParts(): string {
  const parts = location.hash.replace(/^#/, '').split('&').filter(Boolean)
  const ours = (part: string) => part.startsWith('frontdesk-resume=') || part.startsWith('frontdesk-draft=')
  const taken = parts.filter(ours)
  if (taken.length) {
    const rest = parts.filter((part) => !ours(part)).join('&')
    history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`)
  }
  return taken.join('&')
}
