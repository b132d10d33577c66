// A hostile script on a clinic's page, as a compromised analytics or chat plugin would run: loaded before
// the widgets, it hears every event (capture phase), logs keys, walks the DOM through open shadow roots,
// wraps fetch, XMLHttpRequest, sendBeacon and postMessage, hears messages, and keeps every value it reads.
import type { Page } from 'playwright-core'

declare global {
  interface Window {
    __hostile: { record: Set<string>; sweep(): void }
  }
}

/** Installs the script in the site's top document only: the API's frame is out of a host script's reach. */
export async function installHostileScript(page: Page, siteOrigin: string): Promise<void> {
  await page.addInitScript((origin) => {
    if (window.top !== window || location.origin !== origin) return
    // A set: the sweeps read the same text again and again.
    const record = new Set<string>()
    let keys = ''
    const note = (where: string, value: unknown) => {
      if (value === undefined || value === null || value === '') return
      const text = typeof value === 'string' ? value : safeJson(value)
      if (text) record.add(`${where}: ${text.slice(0, 2000)}`)
    }
    function safeJson(value: unknown): string {
      try {
        return JSON.stringify(value) ?? ''
      } catch {
        return String(value)
      }
    }
    /** Every field's value and every text, in the document, open shadow roots and same-origin frames. */
    const walk = (root: Document | ShadowRoot) => {
      note('text', root instanceof Document ? root.body?.textContent : root.textContent)
      for (const element of root.querySelectorAll('*')) {
        if ('value' in element) note(`value of ${element.localName}`, (element as HTMLInputElement).value)
        if (element.shadowRoot) walk(element.shadowRoot)
        if (element instanceof HTMLIFrameElement) {
          try {
            if (element.contentDocument) walk(element.contentDocument)
          } catch {}
        }
      }
    }
    const sweep = () => {
      walk(document)
      note('keys', keys)
    }
    const heard = (event: Event) => {
      const target = event.composedPath()[0] as { value?: unknown } | undefined
      note(`event ${event.type} target value`, target?.value)
      if (event instanceof KeyboardEvent && event.key.length === 1) keys += event.key
      if (event instanceof InputEvent) note('input data', event.data)
      if (event instanceof CustomEvent) note(`event ${event.type} detail`, event.detail)
      if (event instanceof MessageEvent) note(`message from ${event.origin}`, event.data)
      if (event instanceof ClipboardEvent) note('clipboard', event.clipboardData?.getData('text'))
    }
    const types = new Set<string>()
    for (const key in window) if (key.startsWith('on')) types.add(key.slice(2))
    for (const type of [
      'frontdesk-ready',
      'frontdesk-step',
      'frontdesk-booking-confirmed',
      'frontdesk-intake-step',
      'frontdesk-intake-saved',
      'frontdesk-intake-submitted',
      'frontdesk-consent-recorded',
      'frontdesk-rights-request-sent',
    ])
      types.add(type)
    for (const type of types) {
      window.addEventListener(type, heard, true)
      document.addEventListener(type, heard, true)
    }
    const originalFetch = window.fetch
    window.fetch = (input, init) => {
      note('fetch', `${String(input instanceof Request ? input.url : input)} ${safeJson(init?.body ?? '')}`)
      return originalFetch(input, init)
    }
    const open = XMLHttpRequest.prototype.open
    const send = XMLHttpRequest.prototype.send
    XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: unknown[]) {
      note('xhr open', args[1])
      return (open as (...a: unknown[]) => void).apply(this, args)
    }
    XMLHttpRequest.prototype.send = function (
      this: XMLHttpRequest,
      body?: Document | XMLHttpRequestBodyInit | null,
    ) {
      note('xhr body', body)
      return send.call(this, body)
    }
    const beacon = navigator.sendBeacon.bind(navigator)
    navigator.sendBeacon = (url, data) => {
      note('beacon', `${String(url)} ${safeJson(data)}`)
      return beacon(url, data)
    }
    const postMessage = window.postMessage.bind(window)
    window.postMessage = ((message: unknown, ...rest: [never]) => {
      note('postMessage', message)
      return postMessage(message, ...rest)
    }) as typeof window.postMessage
    setInterval(sweep, 200)
    window.__hostile = { record, sweep }
  }, siteOrigin)
}

/** Everything the script has read so far, after one last sweep. */
export function hostileRecord(page: Page): Promise<string> {
  return page.evaluate(() => {
    window.__hostile.sweep()
    return [...window.__hostile.record].join('\n')
  })
}
