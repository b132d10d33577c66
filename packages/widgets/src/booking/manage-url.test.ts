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
})
