import { readdirSync, readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { formatLocalDate } from './format.js'
import { chooseLanguage } from './language.js'
import { currentLanguage, languageChanges, messages, setLanguage } from './messages.js'

describe('the console’s language', () => {
  afterEach(() => setLanguage('en'))

  it('is the account’s choice when it has one, whatever the browser prefers', () => {
    expect(chooseLanguage('de', ['en-US', 'en'])).toBe('de')
    expect(chooseLanguage('en', ['de-DE', 'de'])).toBe('en')
  })

  it('else the first of the browser’s languages the console speaks, in the browser’s order', () => {
    expect(chooseLanguage(null, ['de-DE', 'en-US'])).toBe('de')
    expect(chooseLanguage(null, ['fr-FR', 'de-AT', 'en'])).toBe('de')
    expect(chooseLanguage(null, ['fr-FR', 'EN-gb', 'de'])).toBe('en')
    expect(chooseLanguage(undefined, ['DE'])).toBe('de')
  })

  it('else English, and an account value the console does not speak is passed over', () => {
    expect(chooseLanguage(null, [])).toBe('en')
    expect(chooseLanguage(null, ['fr-FR', 'it'])).toBe('en')
    expect(chooseLanguage('fr', ['fr', 'de'])).toBe('de')
  })

  it('switches every word and date at once, and tells the views', () => {
    let told = 0
    const listener = () => told++
    languageChanges.addEventListener('change', listener)
    expect(messages.signIn.submit).toBe('Sign in')
    expect(formatLocalDate('2026-11-25')).toMatch(/^Wed,? 25 Nov 2026$/)
    setLanguage('de')
    expect(currentLanguage()).toBe('de')
    expect(messages.signIn.submit).toBe('Anmelden')
    expect(messages.goLive.checklistHeading).toBe('Checkliste')
    expect(messages.messaging.before(90)).toBe('1 Std. 30 Min. vorher')
    expect(formatLocalDate('2026-11-25')).toMatch(/^Mi\.?, 25\. Nov\.? 2026$/)
    setLanguage('de')
    expect(told).toBe(1)
    languageChanges.removeEventListener('change', listener)
  })
})

describe('the words a view shows', () => {
  it('are read from `messages` while rendering, never kept in a module-level constant', () => {
    const dir = new URL('./', import.meta.url)
    const files = [
      ...readdirSync(dir).filter((name) => name.endsWith('.ts')),
      ...readdirSync(new URL('./views/', dir)).map((name) => `views/${name}`),
    ].filter((name) => !name.endsWith('.test.ts') && !name.startsWith('messages'))
    const captures = files.flatMap((name) =>
      readFileSync(new URL(name, dir), 'utf8')
        .split('\n')
        // A top-level statement that reads the table keeps the language of the moment the module loaded.
        .filter((line) => /^\S.*\bmessages\.(?!js')/.test(line) && !/^(\/\/|import )/.test(line))
        .map((line) => `${name}: ${line}`),
    )
    expect(files.length).toBeGreaterThan(20)
    expect(captures).toEqual([])
  })
})
