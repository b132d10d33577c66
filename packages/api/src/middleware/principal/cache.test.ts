import { DEFAULT_MESSAGE_SETTINGS } from '@frontdesk/contracts'
// The principal cache's rules, driven by a hand-fed change feed: what it may remember and when it forgets.
import { describe, expect, it } from 'vitest'
import type { ChangeFeed, ChangeListener } from '../../db/change-feed.js'
import { PrincipalCache, type ResolvedPrincipal } from './cache.js'

function feed() {
  const listeners = new Set<ChangeListener>()
  const control = {
    live: true,
    notice: (clinicId: string | null) => {
      for (const listener of listeners) listener(clinicId)
    },
  }
  const changes: ChangeFeed = {
    get live() {
      return control.live
    },
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: async () => {},
  }
  return { changes, control }
}

const resolved = (clinicId: string, keyId = 'key_1'): ResolvedPrincipal => ({
  principal: { kind: 'secret', id: keyId, mode: 'test' },
  clinic: {
    id: clinicId,
    name: 'Clinic',
    timeZone: 'Europe/Berlin',
    messaging: DEFAULT_MESSAGE_SETTINGS,
    holdMinutes: 10,
    cancellationNoticeMinutes: 60,
    allowedOrigins: ['https://clinic.example'],
    catalogueVersion: 1,
    intakeDraftIdleDays: 14,
    region: null,
  },
})

describe('PrincipalCache', () => {
  it("stops answering for a rolled key at its expiry, on the app's clock, with no notice", () => {
    const { changes } = feed()
    const clock = { now: 1_000_000 }
    const cache = new PrincipalCache(changes, () => clock.now)
    cache.remember('rolled', { ...resolved('clinic_a'), expiresAt: clock.now + 60_000 }, cache.generation())
    cache.remember('kept', resolved('clinic_a', 'key_2'), cache.generation())
    clock.now += 59_999
    expect(cache.get('rolled')?.principal.id).toBe('key_1')
    clock.now += 1
    expect(cache.get('rolled')).toBeUndefined()
    expect(cache.get('kept')?.principal.id).toBe('key_2')
  })

  it('forgets only the clinic a notice names', () => {
    const { changes, control } = feed()
    const cache = new PrincipalCache(changes)
    cache.remember('a', resolved('clinic_a'), cache.generation())
    cache.remember('b', resolved('clinic_b'), cache.generation())
    control.notice('clinic_a')
    expect(cache.get('a')).toBeUndefined()
    expect(cache.get('b')?.clinic.id).toBe('clinic_b')
  })

  it('does not remember a lookup that began before a notice: it may have read the old row', () => {
    const { changes, control } = feed()
    const cache = new PrincipalCache(changes)
    const began = cache.generation()
    control.notice('clinic_b')
    cache.remember('a', resolved('clinic_a'), began)
    expect(cache.get('a')).toBeUndefined()
    cache.remember('a', resolved('clinic_a'), cache.generation())
    expect(cache.get('a')).toBeDefined()
  })

  it('neither answers nor remembers while the feed is dark, and forgets all when notices were lost', () => {
    const { changes, control } = feed()
    const cache = new PrincipalCache(changes)
    cache.remember('a', resolved('clinic_a'), cache.generation())
    control.live = false
    expect(cache.get('a')).toBeUndefined()
    cache.remember('b', resolved('clinic_b'), cache.generation())
    control.live = true
    control.notice(null)
    expect(cache.get('a')).toBeUndefined()
    expect(cache.get('b')).toBeUndefined()
  })

  it('hands out frozen entries, so no request can change what the next one sees', () => {
    const { changes } = feed()
    const cache = new PrincipalCache(changes)
    cache.remember('a', resolved('clinic_a'), cache.generation())
    const entry = cache.get('a')!
    expect(() => (entry.clinic.allowedOrigins as string[]).push('https://evil.example')).toThrow()
    expect(() => Object.assign(entry.clinic, { holdMinutes: 1 })).toThrow()
    expect(cache.get('a')?.clinic.allowedOrigins).toEqual(['https://clinic.example'])
  })
})
