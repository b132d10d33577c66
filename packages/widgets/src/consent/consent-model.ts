// The rules of giving consent, apart from any markup: which text to show, who may sign and what they
// must give, what each document's method asks for, and the record the API is sent. The API checks all
// of it again; these let the patient see what is missing before anything is sent.
import type { ConsentMethod, ConsentText, RecordConsent, SignerRelation } from '@frontdesk/contracts'

/** `self`: the patient signs, or says a parent or guardian does; `guardian`: the patient is a minor. */
export type SignerMode = 'self' | 'guardian'
export type Decision = 'given' | 'refused'

/** The API's limit on names (signer's and typed). */
export const NAME_MAX = 200

/** The text in the widget's language, else the same language in another region, else English, else the first. */
export function chooseText(texts: ConsentText[], language: string): ConsentText | undefined {
  const wanted = language.toLowerCase()
  const base = (tag: string) => tag.toLowerCase().split('-')[0]
  return (
    texts.find((text) => text.language.toLowerCase() === wanted) ??
    texts.find((text) => base(text.language) === base(wanted)) ??
    texts.find((text) => text.language === 'en') ??
    texts[0]
  )
}

export interface SignerAnswer {
  relation: SignerRelation | undefined
  name: string
}

/** Who may sign: a minor's consent is given by a parent or legal guardian, never by "me". */
export function signerChoices(mode: SignerMode): SignerRelation[] {
  return mode === 'guardian' ? ['parent', 'legal_guardian'] : ['self', 'parent', 'legal_guardian']
}

/** Where the patient signs for themselves "Me" is chosen already; a guardian must say which they are. */
export function initialSigner(mode: SignerMode): SignerAnswer {
  return { relation: mode === 'guardian' ? undefined : 'self', name: '' }
}

/** A parent or guardian signs with their own name; the patient's is known from the booking. */
export function asksSignerName(mode: SignerMode, relation: SignerRelation | undefined): boolean {
  return mode === 'guardian' || (relation !== undefined && relation !== 'self')
}

export type SignerIssue = 'relation' | 'signerName' | 'tooLong'

export function signerIssues(
  mode: SignerMode,
  signer: SignerAnswer,
): { relation?: SignerIssue; name?: SignerIssue } {
  const issues: { relation?: SignerIssue; name?: SignerIssue } = {}
  if (!signer.relation || !signerChoices(mode).includes(signer.relation)) issues.relation = 'relation'
  if (asksSignerName(mode, signer.relation)) {
    const name = signer.name.trim()
    if (!name) issues.name = 'signerName'
    else if (name.length > NAME_MAX) issues.name = 'tooLong'
  }
  return issues
}

export interface DocumentAnswer {
  decision: Decision | undefined
  /** For typed_name, or the typed alternative to a drawn signature. */
  typedName: string
  /** A drawn_signature document's pad: typing instead, or the drawn picture. */
  typing: boolean
  signature: string | undefined
}

export const emptyAnswer = (): DocumentAnswer => ({
  decision: undefined,
  typedName: '',
  typing: false,
  signature: undefined,
})

/** What agreeing needs beyond the decision: nothing for a checkbox, a typed name, or a signature. */
export function evidenceNeeded(
  method: ConsentMethod,
  answer: DocumentAnswer,
): 'none' | 'typedName' | 'signature' {
  if (answer.decision !== 'given' || method === 'checkbox') return 'none'
  if (method === 'typed_name' || answer.typing) return 'typedName'
  return 'signature'
}

export type DocumentIssue = 'decision' | 'typedName' | 'signature' | 'tooLong'

export function documentIssues(
  method: ConsentMethod,
  answer: DocumentAnswer,
): { decision?: DocumentIssue; typedName?: DocumentIssue; signature?: DocumentIssue } {
  if (!answer.decision) return { decision: 'decision' }
  const needed = evidenceNeeded(method, answer)
  if (needed === 'typedName') {
    const name = answer.typedName.trim()
    if (!name) return { typedName: 'typedName' }
    if (name.length > NAME_MAX) return { typedName: 'tooLong' }
  }
  if (needed === 'signature' && !answer.signature) return { signature: 'signature' }
  return {}
}

export interface ShownDocument {
  id: string
  version: number
  method: ConsentMethod
  text: ConsentText
}

/** The record for one document: exactly the text shown, the decision and only the evidence it asks for. */
export function recordBody(
  document: ShownDocument,
  answer: DocumentAnswer,
  signer: SignerAnswer,
): RecordConsent {
  const relation = signer.relation ?? 'self'
  const needed = evidenceNeeded(document.method, answer)
  return {
    documentId: document.id,
    version: document.version,
    language: document.text.language,
    textHash: document.text.hash,
    decision: answer.decision ?? 'refused',
    signer: relation === 'self' ? { relation } : { relation, name: signer.name.trim() },
    ...(needed === 'typedName' && { typedName: answer.typedName.trim() }),
    ...(needed === 'signature' && answer.signature && { signature: answer.signature }),
  }
}

/** The patient's receipt page on the API; the token rides in the fragment, which no server ever logs. */
export function receiptUrl(apiBase: string, recordId: string, receiptToken: string): string {
  const fragment = new URLSearchParams({ record: recordId, token: receiptToken })
  return `${apiBase.replace(/\/+$/, '')}/v1/consent/receipt#${fragment}`
}

/** Where a field the API named in a 422 is shown: at the signer, at the document's evidence or decision,
 * or, for anything about the text itself (its hash, language or version), at the text. */
export type IssueAt = 'signer.name' | 'signer.relation' | 'typedName' | 'signature' | 'decision' | 'text'

export function issueAt(path: string): IssueAt {
  const known = ['signer.name', 'signer.relation', 'typedName', 'signature', 'decision'] as const
  return known.find((field) => field === path) ?? 'text'
}
