// What crosses between a clinic's page and its frame: known tokens with plain values, public events with
// ids and step names, and messages only with this mount's nonce.
import { describe, expect, it } from 'vitest'
import { checkTokens, pickEvent, readFrameMessage, readHostMessage } from './bridge-messages.js'

const NONCE = 'a'.repeat(32)

describe('checkTokens', () => {
  it('keeps known tokens whose values are a colour, a length or a font list', () => {
    expect(
      checkTokens({
        '--frontdesk-accent': ' #1f5f4a ',
        '--frontdesk-text': 'rgb(29 35 43 / 90%)',
        '--frontdesk-border': 'slategray',
        '--frontdesk-radius': '0.75rem',
        '--frontdesk-font': '16px/1.5 "Source Sans 3", system-ui, sans-serif',
      }),
    ).toEqual({
      '--frontdesk-accent': '#1f5f4a',
      '--frontdesk-text': 'rgb(29 35 43 / 90%)',
      '--frontdesk-border': 'slategray',
      '--frontdesk-radius': '0.75rem',
      '--frontdesk-font': '16px/1.5 "Source Sans 3", system-ui, sans-serif',
    })
  })

  it.each([
    ['--frontdesk-accent', 'url(https://tracker.example/p.png)'],
    ['--frontdesk-background', 'red; background-image: url(x)'],
    ['--frontdesk-font', 'x} body { display: none'],
    ['--frontdesk-font', 'a\\62 c'],
    ['--frontdesk-radius', 'calc(1px + 1px)'],
    ['--frontdesk-accent', 'image-set("x.png" 1x)'],
    ['--frontdesk-max-width', '40rem !important'],
    ['--page-secret', '#000000'],
  ])('drops %s: %s', (name, value) => {
    expect(checkTokens({ [name]: value })).toEqual({})
  })
})

describe('pickEvent', () => {
  it('rebuilds a public event from its allowed fields only', () => {
    expect(
      pickEvent('frontdesk-booking-confirmed', {
        bookingId: 'bkg_0123456789ab',
        patientName: 'Ada Lovelace',
      }),
    ).toEqual({ name: 'frontdesk-booking-confirmed', detail: { bookingId: 'bkg_0123456789ab' } })
    expect(pickEvent('frontdesk-step', { step: 'details' })).toEqual({
      name: 'frontdesk-step',
      detail: { step: 'details' },
    })
  })

  it('refuses unknown events and fields that are not ids or step names', () => {
    expect(pickEvent('frontdesk-patient', { name: 'Ada' })).toBeNull()
    expect(pickEvent('toString', {})).toBeNull()
    expect(pickEvent('frontdesk-step', { step: 'Ada Lovelace' })).toBeNull()
    expect(pickEvent('frontdesk-booking-confirmed', { bookingId: 'ada@example.org' })).toBeNull()
    expect(pickEvent('frontdesk-consent-recorded', { recordIds: ['cons_0123456789ab', 'Ada'] })).toBeNull()
  })
})

describe('messages', () => {
  it('reads a resize and an event from the frame with this mount’s nonce only', () => {
    expect(
      readFrameMessage({ frontdesk: 'frame', nonce: NONCE, type: 'resize', height: 412.3 }, NONCE),
    ).toEqual({
      frontdesk: 'frame',
      nonce: NONCE,
      type: 'resize',
      height: 413,
    })
    expect(
      readFrameMessage({ frontdesk: 'frame', nonce: 'b'.repeat(32), type: 'resize', height: 1 }, NONCE),
    ).toBeNull()
    expect(
      readFrameMessage({ frontdesk: 'frame', nonce: NONCE, type: 'resize', height: -1 }, NONCE),
    ).toBeNull()
    expect(readFrameMessage({ frontdesk: 'frame', nonce: NONCE, type: 'eval', code: '1' }, NONCE)).toBeNull()
    expect(readFrameMessage('{"frontdesk":"frame"}', NONCE)).toBeNull()
  })

  it('reads the host’s theme with its tokens checked again', () => {
    const message = readHostMessage(
      {
        frontdesk: 'host',
        nonce: NONCE,
        type: 'theme',
        tokens: { '--frontdesk-accent': 'url(x)', '--frontdesk-text': '#000' },
      },
      NONCE,
    )
    expect(message?.tokens).toEqual({ '--frontdesk-text': '#000' })
    expect(readHostMessage({ frontdesk: 'host', nonce: '', type: 'theme', tokens: {} }, NONCE)).toBeNull()
  })
})
