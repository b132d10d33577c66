// Failed requests reach the patient in plain words of their language, never as a raw code.
import { errorCodes } from '@frontdesk/contracts'
import { describe, expect, it } from 'vitest'
import { WidgetApiError } from '../client.js'
import { resolveLocale } from '../i18n/index.js'
import { explain } from './explain.js'

describe('explain', () => {
  const codes = [...Object.keys(errorCodes), 'NETWORK'] as WidgetApiError['code'][]

  it.each(['en', 'de'])('words every error code in %s without showing the code', (tag) => {
    const { messages } = resolveLocale(tag)
    for (const code of codes) {
      const words = explain(messages, new WidgetApiError(code, 400))
      expect(words.length).toBeGreaterThan(20)
      expect(words).not.toContain(code)
      expect(words).not.toMatch(/[A-Z]{2,}_[A-Z]{2,}/)
    }
  })

  it('tells how long to wait when the API is rate limiting, and what to do when the embed is misconfigured', () => {
    const { messages } = resolveLocale('en')
    expect(explain(messages, new WidgetApiError('RATE_LIMITED', 429, [], 30))).toContain('30 seconds')
    expect(explain(messages, new WidgetApiError('ORIGIN_NOT_ALLOWED', 403))).toMatch(/call the clinic/i)
    expect(explain(messages, new WidgetApiError('NOT_FOUND', 404))).toMatch(/not set up correctly/i)
    expect(explain(messages, new WidgetApiError('SLOT_TAKEN', 409))).toMatch(/just taken/)
    expect(explain(messages, new Error('boom'))).toMatch(/try again/i)
  })
})

describe('resolveLocale', () => {
  it('picks a language by its base tag and falls back to English', () => {
    expect(resolveLocale('de-AT').locale).toBe('de')
    expect(resolveLocale('DE').locale).toBe('de')
    expect(resolveLocale('fr-FR').locale).toBe('en')
    expect(resolveLocale(undefined).locale).toBe('en')
    expect(resolveLocale('de').messages.headings.time).not.toBe(resolveLocale('en').messages.headings.time)
  })
})
