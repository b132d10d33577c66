// The hosted booking page offers the languages the contracts list (PAGE_LANGUAGES); the widgets in it must
// speak every one of them, and a new locale here should be offered there.
import { PAGE_LANGUAGES } from '@frontdesk/contracts'
import { describe, expect, it } from 'vitest'
import { SUPPORTED_LOCALES } from './index.js'

describe('the hosted page languages', () => {
  it('are exactly the locales the widgets have', () => {
    expect([...SUPPORTED_LOCALES].sort()).toEqual([...PAGE_LANGUAGES].sort())
  })
})
