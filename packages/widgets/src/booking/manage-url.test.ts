import { manageUrl as contractsManageUrl } from '@frontdesk/contracts'
import { describe, expect, it } from 'vitest'
import { manageUrl } from './manage-url.js'

describe('manageUrl', () => {
  it('points at the API’s manage page with the booking and token in the fragment only', () => {
    const url = new URL(manageUrl('https://api.example.com/', 'bkg_1', 'mt_abc-_1'))
    expect(`${url.origin}${url.pathname}${url.search}`).toBe('https://api.example.com/v1/bookings/manage')
    expect(Object.fromEntries(new URLSearchParams(url.hash.slice(1)))).toEqual({
      booking: 'bkg_1',
      token: 'mt_abc-_1',
    })
  })

  it('is the link the API puts in messages', () => {
    for (const base of ['https://api.example.com', 'https://api.example.com//', 'http://127.0.0.1:8787/']) {
      expect(manageUrl(base, 'bkg_1', 'mt_a+b/c=')).toBe(contractsManageUrl(base, 'bkg_1', 'mt_a+b/c='))
    }
  })
})
