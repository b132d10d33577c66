// HTML escaping for text placed in mail bodies: apart from ./compose.ts so that what only escapes (staff mail, a
// rights request's contact) does not load the message composer and the calendar and zone data it brings.
const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char)
}
