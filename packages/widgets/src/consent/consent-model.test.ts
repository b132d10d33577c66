// The consent rules the widget checks before sending: the text a patient reads, who may sign and with
// what, and the record that names exactly the text shown and only the evidence its method asks for.
import { RecordConsent } from '@frontdesk/contracts'
import { describe, expect, it } from 'vitest'
import {
  asksSignerName,
  chooseText,
  type DocumentAnswer,
  documentIssues,
  emptyAnswer,
  evidenceNeeded,
  initialSigner,
  issueAt,
  receiptUrl,
  recordBody,
  type ShownDocument,
  signerChoices,
  signerIssues,
} from './consent-model.js'

const text = (language: string) => ({
  language,
  title: `Title ${language}`,
  html: `<p>${language}</p>`,
  hash: language.padEnd(64, '0').replace(/[^0-9a-f]/g, 'a'),
})

const answer = (change: Partial<DocumentAnswer>): DocumentAnswer => ({ ...emptyAnswer(), ...change })
const SIGNATURE = 'data:image/png;base64,iVBORw0KGgo='

describe('chooseText', () => {
  it("shows the widget's language when the clinic wrote it", () => {
    expect(chooseText([text('en'), text('de')], 'de')?.language).toBe('de')
  })

  it('takes the same language from another region before English', () => {
    expect(chooseText([text('en'), text('pt-BR')], 'pt')?.language).toBe('pt-BR')
    expect(chooseText([text('en'), text('de')], 'de-AT')?.language).toBe('de')
  })

  it('falls back to English, then to the first text', () => {
    expect(chooseText([text('fr'), text('en')], 'de')?.language).toBe('en')
    expect(chooseText([text('fr'), text('it')], 'de')?.language).toBe('fr')
    expect(chooseText([], 'de')).toBeUndefined()
  })
})

describe('who signs', () => {
  it('lets the patient sign or say a parent or guardian does; a minor has only the latter two', () => {
    expect(signerChoices('self')).toEqual(['self', 'parent', 'legal_guardian'])
    expect(signerChoices('guardian')).toEqual(['parent', 'legal_guardian'])
    expect(initialSigner('self')).toEqual({ relation: 'self', name: '' })
    expect(initialSigner('guardian')).toEqual({ relation: undefined, name: '' })
  })

  it("asks a parent's or guardian's own name, never the patient's", () => {
    expect(asksSignerName('self', 'self')).toBe(false)
    expect(asksSignerName('self', 'parent')).toBe(true)
    expect(asksSignerName('guardian', undefined)).toBe(true)
  })

  it('says what is missing', () => {
    expect(signerIssues('self', { relation: 'self', name: '' })).toEqual({})
    expect(signerIssues('self', { relation: 'legal_guardian', name: ' ' })).toEqual({ name: 'signerName' })
    expect(signerIssues('guardian', { relation: undefined, name: '' })).toEqual({
      relation: 'relation',
      name: 'signerName',
    })
    expect(signerIssues('guardian', { relation: 'self', name: 'Anna Roth' })).toEqual({
      relation: 'relation',
    })
    expect(signerIssues('guardian', { relation: 'parent', name: 'x'.repeat(201) })).toEqual({
      name: 'tooLong',
    })
    expect(signerIssues('guardian', { relation: 'parent', name: 'Anna Roth' })).toEqual({})
  })
})

describe('what agreeing asks for', () => {
  it('needs nothing more to refuse, or to tick a box', () => {
    for (const method of ['checkbox', 'typed_name', 'drawn_signature'] as const) {
      expect(evidenceNeeded(method, answer({ decision: 'refused' }))).toBe('none')
      expect(documentIssues(method, answer({ decision: 'refused' }))).toEqual({})
    }
    expect(evidenceNeeded('checkbox', answer({ decision: 'given' }))).toBe('none')
  })

  it('needs a decision first', () => {
    expect(documentIssues('checkbox', emptyAnswer())).toEqual({ decision: 'decision' })
  })

  it('needs a typed name for typed_name', () => {
    expect(documentIssues('typed_name', answer({ decision: 'given', typedName: '  ' }))).toEqual({
      typedName: 'typedName',
    })
    expect(documentIssues('typed_name', answer({ decision: 'given', typedName: 'Anna Roth' }))).toEqual({})
  })

  it('needs a signature for drawn_signature, or the typed name when typing instead', () => {
    const given = { decision: 'given' as const }
    expect(documentIssues('drawn_signature', answer(given))).toEqual({ signature: 'signature' })
    expect(documentIssues('drawn_signature', answer({ ...given, signature: SIGNATURE }))).toEqual({})
    expect(evidenceNeeded('drawn_signature', answer({ ...given, typing: true }))).toBe('typedName')
    expect(documentIssues('drawn_signature', answer({ ...given, typing: true }))).toEqual({
      typedName: 'typedName',
    })
    expect(documentIssues('drawn_signature', answer({ ...given, typing: true, typedName: 'A' }))).toEqual({})
  })
})

describe('recordBody', () => {
  const shown = (method: ShownDocument['method']): ShownDocument => ({
    id: 'cdoc_1',
    version: 2,
    method,
    text: text('de'),
  })
  const self = { relation: 'self' as const, name: 'ignored' }

  it('names the text shown and sends only the evidence the method asks for', () => {
    const body = recordBody(
      shown('drawn_signature'),
      answer({ decision: 'given', signature: SIGNATURE, typedName: 'left over' }),
      self,
    )
    expect(body).toEqual({
      documentId: 'cdoc_1',
      version: 2,
      language: 'de',
      textHash: text('de').hash,
      decision: 'given',
      signer: { relation: 'self' },
      signature: SIGNATURE,
    })
    expect(RecordConsent.safeParse(body).success).toBe(true)
  })

  it("sends the typed name instead of a signature, and a guardian's own name", () => {
    const body = recordBody(
      shown('drawn_signature'),
      answer({ decision: 'given', typing: true, typedName: ' Anna Roth ', signature: SIGNATURE }),
      { relation: 'legal_guardian', name: ' Anna Roth ' },
    )
    expect(body).toMatchObject({
      typedName: 'Anna Roth',
      signer: { relation: 'legal_guardian', name: 'Anna Roth' },
    })
    expect(body).not.toHaveProperty('signature')
    expect(RecordConsent.safeParse(body).success).toBe(true)
  })

  it('sends no evidence with a refusal', () => {
    const body = recordBody(shown('typed_name'), answer({ decision: 'refused', typedName: 'Anna' }), self)
    expect(body).not.toHaveProperty('typedName')
    expect(body.decision).toBe('refused')
  })
})

describe('receiptUrl', () => {
  it("points at the API's receipt page with the record and token in the fragment", () => {
    expect(receiptUrl('https://api.example.com/', 'cons_1', 'ct_abc-_1')).toBe(
      'https://api.example.com/v1/consent/receipt#record=cons_1&token=ct_abc-_1',
    )
  })
})

describe('issueAt', () => {
  it("shows the API's complaints where the patient can fix them", () => {
    expect(issueAt('signer.name')).toBe('signer.name')
    expect(issueAt('signature')).toBe('signature')
    expect(issueAt('typedName')).toBe('typedName')
    expect(issueAt('textHash')).toBe('text')
    expect(issueAt('language')).toBe('text')
  })
})
