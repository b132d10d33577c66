// The consent document editor's model: a new document or a document's next version as the staff member
// writes it, judged by the contracts' own schemas before it is sent, problems keyed by the field at fault.
import {
  type ConsentDocument,
  type ConsentMethod,
  type ConsentPurpose,
  type ConsentTextInput,
  CreateConsentDocument,
  type LegalBasis,
  PublishConsentVersion,
} from '@frontdesk/contracts'

export interface ConsentDraft {
  name: string
  purpose: ConsentPurpose
  legalBasis: LegalBasis
  method: ConsentMethod
  texts: ConsentTextInput[]
}

export function emptyConsentDraft(): ConsentDraft {
  return {
    name: '',
    purpose: 'treatment',
    legalBasis: 'explicit_consent',
    method: 'checkbox',
    texts: [{ language: 'en', title: '', body: '' }],
  }
}

/**
 * The next version's draft, from the current one: its settings and, per language, its title and its text
 * as plain paragraphs (the API keeps the rendered HTML, not the Markdown it came from).
 */
export function nextVersionDraft(document: ConsentDocument, plain: (html: string) => string): ConsentDraft {
  const { current } = document
  return {
    name: document.name,
    purpose: document.purpose,
    legalBasis: current.legalBasis,
    method: current.method,
    texts: current.texts.map((text) => ({
      language: text.language,
      title: text.title,
      body: plain(text.html),
    })),
  }
}

export type ConsentBody =
  | { kind: 'create'; body: CreateConsentDocument }
  | { kind: 'publish'; body: PublishConsentVersion }

/** The request body, or the problems by field (`name`, `texts.0.body`, `texts`). */
export function checkConsentDraft(
  draft: ConsentDraft,
  isNew: boolean,
): { ok: true; request: ConsentBody } | { ok: false; problems: Map<string, string> } {
  const result = isNew
    ? CreateConsentDocument.safeParse(draft)
    : PublishConsentVersion.safeParse({
        method: draft.method,
        legalBasis: draft.legalBasis,
        texts: draft.texts,
      })
  if (result.success) {
    return {
      ok: true,
      request: isNew
        ? { kind: 'create', body: result.data as CreateConsentDocument }
        : { kind: 'publish', body: result.data as PublishConsentVersion },
    }
  }
  const problems = new Map<string, string>()
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.')
    problems.set(key, problems.has(key) ? `${problems.get(key)} ${issue.message}` : issue.message)
  }
  return { ok: false, problems }
}
