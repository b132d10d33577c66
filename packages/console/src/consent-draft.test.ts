import type { ConsentDocument } from '@frontdesk/contracts'
import { describe, expect, it } from 'vitest'
import { checkConsentDraft, emptyConsentDraft, nextVersionDraft } from './consent-draft.js'

describe('the consent document editor model', () => {
  it('refuses an empty text, naming the field, and sends a complete one as the contracts want it', () => {
    const draft = emptyConsentDraft()
    const refused = checkConsentDraft(draft, true)
    expect(refused.ok).toBe(false)
    if (!refused.ok)
      expect([...refused.problems.keys()]).toEqual(
        expect.arrayContaining(['name', 'texts.0.title', 'texts.0.body']),
      )
    const filled = {
      ...draft,
      name: 'Treatment',
      texts: [{ language: 'en', title: 'Consent', body: 'I agree.' }],
    }
    const accepted = checkConsentDraft(filled, true)
    expect(accepted).toEqual({ ok: true, request: { kind: 'create', body: filled } })
  })

  it('publishes a version without the name and purpose, which a version cannot change', () => {
    const draft = { ...emptyConsentDraft(), name: 'x', method: 'typed_name' as const }
    draft.texts = [
      { language: 'en', title: 'Consent', body: 'I agree.' },
      { language: 'de', title: 'Einwilligung', body: 'Ich stimme zu.' },
    ]
    const verdict = checkConsentDraft(draft, false)
    expect(verdict.ok && verdict.request).toEqual({
      kind: 'publish',
      body: { method: 'typed_name', legalBasis: 'explicit_consent', texts: draft.texts },
    })
  })

  it('refuses two texts in one language', () => {
    const draft = emptyConsentDraft()
    draft.texts = [
      { language: 'en', title: 'A', body: 'a' },
      { language: 'en', title: 'B', body: 'b' },
    ]
    const verdict = checkConsentDraft(draft, false)
    expect(verdict.ok).toBe(false)
    if (!verdict.ok) expect(verdict.problems.get('texts')).toMatch(/One text per language/)
  })

  it('starts the next version from the current one', () => {
    const document = {
      id: 'cdoc_1',
      name: 'Privacy',
      purpose: 'privacy_notice',
      currentVersion: 2,
      createdAt: '2026-12-01T00:00:00Z',
      current: {
        documentId: 'cdoc_1',
        version: 2,
        purpose: 'privacy_notice',
        legalBasis: 'legal_obligation',
        method: 'checkbox',
        publishedAt: '2026-12-02T00:00:00Z',
        texts: [{ language: 'de', title: 'Datenschutz', html: '<p>Wir schützen.</p>', hash: 'a'.repeat(64) }],
      },
    } satisfies ConsentDocument
    const draft = nextVersionDraft(document, (html) => html.replace(/<[^>]+>/g, ''))
    expect(draft).toMatchObject({ legalBasis: 'legal_obligation', method: 'checkbox' })
    expect(draft.texts).toEqual([{ language: 'de', title: 'Datenschutz', body: 'Wir schützen.' }])
  })
})
