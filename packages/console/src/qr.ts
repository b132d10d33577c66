// A QR code drawn in the browser as inline SVG, from `qr` (paulmillr/qr: small, no dependencies, audited
// style). Drawn here rather than by the API because what it encodes may be a secret (the TOTP setup URI),
// which must not travel in a URL; inline SVG rather than a data: image keeps to the page's CSP.

import { html, type TemplateResult } from 'lit'
import encodeQR from 'qr'

/** One path of dark squares, four modules of quiet zone round it; scales crisply to any size. */
export function qrCode(text: string, label: string, size = 200): TemplateResult {
  // Medium error correction: the otpauth URI stays small enough to scan from a phone held to a screen.
  const modules = encodeQR(text, 'raw', { ecc: 'medium', border: 4 })
  const count = modules.length
  let path = ''
  modules.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`
    })
  })
  return html`<svg class="totp-qr" role="img" aria-label=${label} width=${size} height=${size}
    viewBox="0 0 ${count} ${count}" shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
    <rect width=${count} height=${count} fill="#fff"></rect><path d=${path} fill="#000"></path></svg>`
}
