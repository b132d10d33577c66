// Consent texts as the mocks show them: each Markdown paragraph escaped into `<p>` (no renderer or
// sanitizer to ship), and the hash a record must name, SHA-256 of title, newline, HTML, with Web Crypto.
import type { ConsentDocument, ConsentDocumentVersion } from '@frontdesk/contracts'
import type { MockConsentDocument } from './demo-consent-documents.js'

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Plain paragraphs: Markdown syntax stays as typed, and nothing a clinic writes becomes markup. */
export function renderConsentText(markdown: string): string {
  return markdown
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${paragraph.trim().replace(/[&<>"']/g, (char) => ESCAPES[char]!)}</p>`)
    .join('\n')
}

/** SHA-256 (hex) of `title`, a newline and `html` in UTF-8: the API's definition of the text shown. */
export async function consentTextHash(title: string, html: string): Promise<string> {
  return sha256Hex(`${title}\n${html}`)
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** Every version of every document, rendered and hashed, keyed by document id. */
export async function renderConsentDocuments(
  documents: MockConsentDocument[],
): Promise<Map<string, ConsentDocumentVersion[]>> {
  const rendered = new Map<string, ConsentDocumentVersion[]>()
  for (const document of documents) {
    const versions = await Promise.all(
      document.versions.map(async (version, index) => ({
        documentId: document.id,
        version: index + 1,
        purpose: document.purpose,
        legalBasis: version.legalBasis,
        method: version.method,
        texts: await Promise.all(
          version.texts.map(async ({ language, title, body }) => {
            const html = renderConsentText(body)
            return { language, title, html, hash: await consentTextHash(title, html) }
          }),
        ),
        publishedAt: version.publishedAt,
      })),
    )
    rendered.set(document.id, versions)
  }
  return rendered
}

export function toConsentDocument(
  document: MockConsentDocument,
  versions: ConsentDocumentVersion[],
): ConsentDocument {
  const current = versions.at(-1)!
  return {
    id: document.id,
    name: document.name,
    purpose: document.purpose,
    currentVersion: current.version,
    current,
    createdAt: document.createdAt,
  }
}
