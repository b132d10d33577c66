// The request form's checks and body: the API's refusals, one contact only, details for a correction.
import { describe, expect, it } from 'vitest'
import { emptyRequest, isCode, issueField, requestBody, requestIssues } from './request-form.js'

const TODAY = '2026-03-01'
const filled = {
  ...emptyRequest(),
  kind: 'access' as const,
  email: 'ana@example.org',
  dateOfBirth: '1980-05-06',
}

describe('a rights request form', () => {
  it('asks for what, where to send the code, and the date of birth', () => {
    expect(requestIssues(emptyRequest(), TODAY)).toEqual({
      kind: 'kind.required',
      email: 'email.required',
      dateOfBirth: 'dateOfBirth.required',
    })
    expect(requestIssues({ ...emptyRequest(), via: 'sms' }, TODAY)).toMatchObject({ phone: 'phone.required' })
    expect(requestIssues(filled, TODAY)).toEqual({})
  })

  it('checks the shown contact with the patient rules and ignores the hidden one', () => {
    expect(requestIssues({ ...filled, email: 'ana@' }, TODAY)).toEqual({ email: 'email.invalid' })
    expect(requestIssues({ ...filled, via: 'sms', phone: '12' }, TODAY)).toEqual({ phone: 'phone.tooShort' })
    expect(requestIssues({ ...filled, via: 'sms', phone: '+49 30 1234567' }, TODAY)).toEqual({})
    expect(requestIssues({ ...filled, dateOfBirth: '2026-03-02' }, TODAY)).toEqual({
      dateOfBirth: 'dateOfBirth.notPast',
    })
  })

  it('needs details for a correction only', () => {
    expect(requestIssues({ ...filled, kind: 'rectification', details: ' ' }, TODAY)).toEqual({
      details: 'details.required',
    })
    expect(requestIssues({ ...filled, kind: 'rectification', details: 'My name is Ana' }, TODAY)).toEqual({})
    expect(requestIssues({ ...filled, details: '' }, TODAY)).toEqual({})
  })

  it('sends one contact, trimmed, and details only with a correction', () => {
    const typed = { ...filled, email: ' ana@example.org ', phone: '+49 30 1234567', details: 'old note' }
    expect(requestBody(typed, 'de')).toEqual({
      kind: 'access',
      email: 'ana@example.org',
      dateOfBirth: '1980-05-06',
      language: 'de',
    })
    expect(
      requestBody({ ...typed, via: 'sms', kind: 'rectification', details: ' My name is Ana ' }, undefined),
    ).toEqual({
      kind: 'rectification',
      phone: '+49 30 1234567',
      dateOfBirth: '1980-05-06',
      details: 'My name is Ana',
    })
  })

  it('places the API’s issues on the fields shown, and reads codes as people type them', () => {
    expect(['email', 'phoneRegion', 'dateOfBirth', 'language'].map(issueField)).toEqual([
      'email',
      'phone',
      'dateOfBirth',
      undefined,
    ])
    expect([isCode('123 456'), isCode('12345'), isCode('12345a')]).toEqual([true, false, false])
  })
})
