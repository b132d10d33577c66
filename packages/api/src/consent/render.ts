// A clinic's consent text, from Markdown to the HTML a patient is shown: rendered by marked, then
// sanitized by sanitize-html to a short allow-list (paragraphs, lists, emphasis, headings, https and
// mailto links), so nothing a clinic writes can run script in the widget or the receipt. The hash a
// record names is taken over exactly this output.
import { createHash } from 'node:crypto'
import { Marked } from 'marked'
import sanitizeHtml from 'sanitize-html'

const marked = new Marked({ gfm: true, breaks: false, async: false })

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'b',
    'i',
    'u',
    'ul',
    'ol',
    'li',
    'h2',
    'h3',
    'h4',
    'blockquote',
    'a',
    'hr',
  ],
  allowedAttributes: { a: ['href', 'rel', 'target'] },
  allowedSchemes: ['https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Links open outside the widget and tell the target nothing about the page.
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: {
        ...(attribs.href ? { href: attribs.href } : {}),
        rel: 'noopener noreferrer',
        target: '_blank',
      },
    }),
  },
}

export function renderConsentText(markdown: string): string {
  const html = marked.parse(markdown) as string
  return sanitizeHtml(html, ALLOWED).trim()
}

/** SHA-256 of `title`, a newline and `html`: what a consent record names as the text shown. */
export function consentTextHash(title: string, html: string): Buffer {
  return createHash('sha256').update(`${title}\n${html}`, 'utf8').digest()
}
