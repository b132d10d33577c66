// What the patient reads for each validator issue: their language, the question's own limit written in.
import type { FormItem, IntakeIssueCode } from '@frontdesk/contracts/intake'
import { describe, expect, it } from 'vitest'
import { resolveLocale } from '../i18n/index.js'
import { byteSize, issueText } from './issue-text.js'

const en = resolveLocale('en').messages.intake
const de = resolveLocale('de').messages.intake

const card: FormItem = {
  id: 'card',
  type: 'file',
  label: 'Insurance card',
  accept: ['image/jpeg', 'image/png', 'application/pdf'],
  maxBytes: 10 * 1024 * 1024,
  maxFiles: 2,
}

describe('issueText', () => {
  it('writes the limit of the question into the sentence', () => {
    const name: FormItem = { id: 'name', type: 'text', label: 'Medicine', maxLength: 200 }
    expect(issueText(en, 'tooLong', name, 'en')).toBe('Write at most 200 characters.')
    const loose: FormItem = { id: 'notes', type: 'longText', label: 'Notes' }
    expect(issueText(en, 'tooLong', loose, 'en')).toBe('Write at most 5,000 characters.')
    expect(issueText(de, 'tooLong', loose, 'de')).toBe('Bitte höchstens 5.000 Zeichen.')
    const height: FormItem = { id: 'heightCm', type: 'number', label: 'Height', min: 40, max: 250 }
    expect(issueText(en, 'tooSmall', height, 'en')).toBe('Enter 40 or more.')
    expect(issueText(en, 'tooLarge', height, 'en')).toBe('Enter 250 or less.')
  })

  it('writes date limits as dates, and "today" as the word', () => {
    const birth: FormItem = { id: 'dob', type: 'date', label: 'Born', min: '2008-01-01', max: 'today' }
    expect(issueText(en, 'tooEarly', birth, 'en-GB')).toBe('Enter a date on or after 1 January 2008.')
    expect(issueText(en, 'tooLate', birth, 'en')).toBe('Enter a date on or before today.')
    expect(issueText(de, 'tooEarly', birth, 'de')).toBe('Bitte ein Datum ab 1. Januar 2008 eingeben.')
  })

  it('names the file kinds a question takes and its size limit in words', () => {
    expect(issueText(en, 'fileTypeNotAccepted', card, 'en')).toBe(
      'Use a file of this kind: JPEG, PNG, or PDF.',
    )
    expect(issueText(de, 'fileTypeNotAccepted', card, 'de')).toBe(
      'Bitte eine Datei dieser Art: JPEG, PNG oder PDF.',
    )
    expect(issueText(en, 'fileTooLarge', card, 'en')).toBe('Each file can be at most 10 MB.')
    expect(issueText(en, 'tooManyFiles', card, 'en')).toBe('Add at most 2 files.')
  })

  it('has a sentence for every issue in both languages, with no placeholder left over', () => {
    const codes = Object.keys(en.issues) as IntakeIssueCode[]
    expect(Object.keys(de.issues).sort()).toEqual([...codes].sort())
    const items: FormItem[] = [
      card,
      { id: 'meds', type: 'group', label: 'Medicines', items: [], repeat: { min: 1, max: 20 } },
      {
        id: 'allergies',
        type: 'multiChoice',
        label: 'Allergies',
        options: [],
        minSelected: 1,
        maxSelected: 3,
      },
    ]
    for (const messages of [en, de]) {
      for (const code of codes) {
        const relevant = items.find((item) => issueText(messages, code, item, 'en') !== messages.issues[code])
        const text = issueText(messages, code, relevant ?? items[0], 'en')
        expect(text, code).not.toMatch(/\{n\}|undefined/)
        expect(text.length, code).toBeGreaterThan(10)
      }
    }
  })

  it('falls back to a plain sentence for a code it does not know, rather than showing the code', () => {
    expect(issueText(en, 'somethingNew', undefined, 'en')).toBe(en.issues.wrongType)
  })
})

describe('byteSize', () => {
  it('writes sizes as a patient reads them', () => {
    expect(byteSize(120 * 1024, 'en')).toBe('120 kB')
    expect(byteSize(1.25 * 1024 * 1024, 'de')).toBe('1,3 MB')
    expect(byteSize(12, 'en')).toBe('1 kB')
  })
})
