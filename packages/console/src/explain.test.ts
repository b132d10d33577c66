// A refusal in the console's language: a German console shows the API's refusals in German by their code,
// an English one keeps the API's own, more specific words, and a code without words keeps the API's.
import type { ErrorCode } from '@frontdesk/contracts'
import { FrontdeskError } from '@frontdesk/sdk'
import { afterEach, describe, expect, it } from 'vitest'
import { explain } from './context.js'
import { errorWords } from './error-words.js'
import { setLanguage } from './messages.js'

const refusal = (code: ErrorCode, status: number, message: string) =>
  new FrontdeskError(message, { code, status, requestId: 'req_1', issues: [] })

describe('a refusal in the console’s words', () => {
  afterEach(() => setLanguage('en'))

  it('is German in a German console, whatever the API said', () => {
    setLanguage('de')
    const taken = explain(refusal('SLOT_TAKEN', 409, 'This time was just taken; choose another'))
    expect(taken).toBe('Diese Zeit wurde gerade vergeben. Wählen Sie bitte eine andere.')
    expect(explain(refusal('UNAVAILABLE', 503, 'The database cannot be reached right now'))).toMatch(
      /^Frontdesk startet gerade/,
    )
    expect(explain(refusal('SLUG_TAKEN', 409, 'This address is taken'))).not.toContain('taken')
  })

  it('keeps the API’s own words in an English console', () => {
    expect(explain(refusal('SLOT_TAKEN', 409, 'This time was just taken; choose another'))).toBe(
      'This time was just taken; choose another',
    )
  })

  it('keeps the API’s words for a code the console has none for, in any language', () => {
    setLanguage('de')
    expect(
      explain(refusal('IDEMPOTENCY_KEY_REUSED', 422, 'This Idempotency-Key was used for another request')),
    ).toBe('This Idempotency-Key was used for another request')
  })

  it('has German words for every code it words in English, and none left in English', () => {
    expect(Object.keys(errorWords.de).sort()).toEqual(Object.keys(errorWords.en).sort())
    for (const [code, words] of Object.entries(errorWords.de)) {
      expect(words, code).not.toBe(errorWords.en[code as ErrorCode])
    }
  })
})
