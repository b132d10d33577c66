import { describe, expect, it } from 'vitest'
import { isTwilioSignatureValid, twilioSignature } from './twilio-signature.js'

// Twilio's own published example (docs, "Validating requests"): token, URL, parameters and signature.
const token = '12345'
const url = 'https://mycompany.com/myapp.php?foo=1&bar=2'
const params = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+14158675309',
  Digits: '1234',
  From: '+14158675309',
  To: '+18005551212',
}

describe('Twilio request signature', () => {
  it("matches Twilio's documented example", () => {
    expect(twilioSignature(token, url, params)).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=')
    expect(isTwilioSignatureValid(token, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=', url, params)).toBe(true)
  })

  it('refuses a changed parameter, URL or token, and a missing signature', () => {
    const signature = twilioSignature(token, url, params)
    expect(isTwilioSignatureValid(token, signature, url, { ...params, Digits: '1235' })).toBe(false)
    expect(isTwilioSignatureValid(token, signature, `${url}&baz=3`, params)).toBe(false)
    expect(isTwilioSignatureValid('54321', signature, url, params)).toBe(false)
    expect(isTwilioSignatureValid(token, undefined, url, params)).toBe(false)
    expect(isTwilioSignatureValid(token, 'short', url, params)).toBe(false)
  })
})
