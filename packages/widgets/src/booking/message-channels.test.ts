// Which channels a patient may choose, what a chosen one needs from the form, and what the booking sends.
import type { PatientInput } from '@frontdesk/contracts/rules'
import { describe, expect, it } from 'vitest'
import {
  channelChoices,
  defaultChannels,
  messageLanguage,
  messagePreferences,
  unreachableChannels,
} from './message-channels.js'

const details: PatientInput = {
  name: 'Marta Kowalczyk',
  email: '',
  phone: '',
  dateOfBirth: '1985-04-12',
  notes: '',
}

describe('channelChoices', () => {
  it("offers the clinic's channels as email, SMS, WhatsApp, whatever order the clinic lists them in", () => {
    expect(channelChoices(['whatsapp', 'email', 'sms'])).toEqual(['email', 'sms', 'whatsapp'])
    expect(channelChoices(['whatsapp', 'sms'])).toEqual(['sms', 'whatsapp'])
  })

  it('offers nothing to choose when the clinic sends on one channel or none', () => {
    expect(channelChoices(['sms'])).toEqual([])
    expect(channelChoices([])).toEqual([])
    expect(channelChoices(undefined)).toEqual([])
  })
})

describe('defaultChannels', () => {
  it('starts with email chosen when it is offered, and nothing else', () => {
    expect(defaultChannels(['email', 'sms', 'whatsapp'])).toEqual(['email'])
    expect(defaultChannels(['sms', 'whatsapp'])).toEqual([])
  })
})

describe('unreachableChannels', () => {
  it('needs an email address for email and a phone number for SMS and WhatsApp', () => {
    const all = ['email', 'sms', 'whatsapp'] as const
    expect(unreachableChannels(all, details)).toEqual(['email', 'sms', 'whatsapp'])
    expect(unreachableChannels(all, { ...details, email: 'marta@example.org' })).toEqual(['sms', 'whatsapp'])
    expect(unreachableChannels(all, { ...details, phone: '+49 30 1234567' })).toEqual(['email'])
    expect(unreachableChannels(['sms'], { ...details, phone: '   ' })).toEqual(['sms'])
  })

  it('finds nothing wrong with choosing no channel at all', () => {
    expect(unreachableChannels([], details)).toEqual([])
  })
})

describe('messageLanguage', () => {
  it('is the language the widget was asked for when messages are written in it', () => {
    expect(messageLanguage('de-AT')).toBe('de')
    expect(messageLanguage('en_GB')).toBe('en')
    expect(messageLanguage('EN')).toBe('en')
    expect(messageLanguage('fr-FR')).toBeUndefined()
    expect(messageLanguage('')).toBeUndefined()
  })
})

describe('messagePreferences', () => {
  const offered = ['email', 'sms', 'whatsapp'] as const

  it('sends the chosen channels in order, and the language', () => {
    expect(messagePreferences(offered, ['sms', 'email'], 'de')).toEqual({
      language: 'de',
      channels: ['email', 'sms'],
    })
  })

  it('sends an empty list when the patient wants no messages', () => {
    expect(messagePreferences(offered, [], 'en')).toEqual({ language: 'en', channels: [] })
  })

  it('sends no channels when there was no choice, and no language it cannot name', () => {
    expect(messagePreferences([], [], 'en')).toEqual({ language: 'en' })
    expect(messagePreferences(offered, ['whatsapp'], undefined)).toEqual({ channels: ['whatsapp'] })
    expect(messagePreferences([], [], undefined)).toBeUndefined()
  })
})
