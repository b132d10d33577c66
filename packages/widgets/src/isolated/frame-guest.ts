// The frame side of isolated mode, served at /v1/frames/frame.js and run in the API's frame page before
// the widgets: gives the element what only the fragment carries, talks to the one host page the server
// checked, and tells it the content's height and the element's public events (ids and steps only).
import { FRAME_EVENTS, NONCE_SHAPE, pickEvent, readHostMessage } from './bridge-messages.js'

/** What may come in through the fragment; anything else there is ignored. */
const FRAGMENT_ATTRIBUTES = [
  'visit-token',
  'resume-token',
  'prefill-name',
  'prefill-email',
  'prefill-phone',
  'resume-url',
  'intake-resume-url',
]

function start(): void {
  // The server writes the origin it checked against the clinic's allowed origins; frame-ancestors
  // makes the browser refuse to show this page on any other.
  const hostOrigin = document.documentElement.dataset.hostOrigin ?? ''
  const element = document.querySelector<HTMLElement>('[data-frontdesk-frame]')
  const fragment = new URLSearchParams(location.hash.slice(1))
  const nonce = fragment.get('n') ?? ''
  if (!element || !hostOrigin || !NONCE_SHAPE.test(nonce) || window.parent === window) return

  for (const name of FRAGMENT_ATTRIBUTES) {
    const value = fragment.get(name)
    if (!value) continue
    // A resume link only to a page of the host's own origin: it is one the patient will follow later.
    if (!name.endsWith('resume-url') || originOf(value) === hostOrigin) element.setAttribute(name, value)
  }
  // Tokens and details leave this frame's address; the intake's resume parts stay for it to take.
  const resume = location.hash
    .slice(1)
    .split('&')
    .filter((part) => /^frontdesk-(resume|draft)=/.test(part))
    .join('&')
  history.replaceState(
    history.state,
    '',
    `${location.pathname}${location.search}${resume ? `#${resume}` : ''}`,
  )

  const post = (message: Record<string, unknown>) =>
    window.parent.postMessage({ frontdesk: 'frame', nonce, ...message }, hostOrigin)

  // The page sizes the iframe to the body, so the widget scrolls with the page, never inside the frame.
  document.body.style.margin = '0'
  document.body.style.display = 'flow-root'
  let lastHeight = -1
  new ResizeObserver(() => {
    const height = Math.ceil(document.body.getBoundingClientRect().height)
    if (height === lastHeight) return
    lastHeight = height
    post({ type: 'resize', height })
  }).observe(document.body)

  for (const name of Object.keys(FRAME_EVENTS)) {
    document.addEventListener(name, (event) => {
      const picked = pickEvent(name, (event as CustomEvent).detail)
      if (picked) post({ type: 'event', ...picked })
    })
  }

  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || event.origin !== hostOrigin) return
    const message = readHostMessage(event.data, nonce)
    if (!message) return
    for (const [name, value] of Object.entries(message.tokens)) element.style.setProperty(name, value)
  })
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

start()
