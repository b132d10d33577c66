import { ROLE_PERMISSIONS } from '@frontdesk/contracts/staff'
import { describe, expect, it } from 'vitest'
import { parseHash, sectionHref, sectionsFor } from './sections.js'

describe('sectionsFor', () => {
  it('shows an owner every section', () => {
    expect(sectionsFor(ROLE_PERMISSIONS.owner)).toEqual([
      'bookings',
      'patients',
      'go-live',
      'settings',
      'services',
      'schedule',
      'messaging',
      'forms',
      'consent',
      'keys',
      'webhooks',
      'staff',
      'audit',
      'rights',
      'retention',
      'account',
      'leave',
    ])
  })

  it('shows the rights inbox and retention to owners and admins only', () => {
    for (const role of ['owner', 'admin'] as const) {
      expect(sectionsFor(ROLE_PERMISSIONS[role])).toEqual(expect.arrayContaining(['rights', 'retention']))
    }
    for (const role of ['reception', 'practitioner'] as const) {
      expect(sectionsFor(ROLE_PERMISSIONS[role])).not.toContain('rights')
      expect(sectionsFor(ROLE_PERMISSIONS[role])).not.toContain('retention')
    }
    expect(sectionsFor(['settings:read'])).not.toContain('rights')
    expect(parseHash('#/rights')).toEqual({ kind: 'section', section: 'rights', id: null })
  })

  it('shows Leave Frontdesk to the owner alone', () => {
    expect(sectionsFor(ROLE_PERMISSIONS.admin)).not.toContain('leave')
    expect(sectionsFor(ROLE_PERMISSIONS.reception)).not.toContain('leave')
    expect(sectionsFor(ROLE_PERMISSIONS.practitioner)).not.toContain('leave')
  })

  it('shows reception bookings, patients and schedules, never messaging settings, keys, webhooks, staff or the audit trail', () => {
    expect(sectionsFor(ROLE_PERMISSIONS.reception)).toEqual(['bookings', 'patients', 'schedule', 'account'])
  })

  it('shows Go live to owners and admins only', () => {
    expect(sectionsFor(ROLE_PERMISSIONS.admin)).toContain('go-live')
    expect(sectionsFor(ROLE_PERMISSIONS.reception)).not.toContain('go-live')
    expect(sectionsFor(ROLE_PERMISSIONS.practitioner)).not.toContain('go-live')
    expect(sectionsFor(['settings:read'])).not.toContain('go-live')
  })

  it('shows the form and consent editors to whoever may publish forms: owners and admins, not reception or practitioners', () => {
    for (const role of ['owner', 'admin'] as const) {
      expect(sectionsFor(ROLE_PERMISSIONS[role])).toEqual(expect.arrayContaining(['forms', 'consent']))
    }
    for (const role of ['reception', 'practitioner'] as const) {
      expect(sectionsFor(ROLE_PERMISSIONS[role])).not.toContain('forms')
      expect(sectionsFor(ROLE_PERMISSIONS[role])).not.toContain('consent')
    }
  })

  it('shows a practitioner their bookings, their patients and schedule only', () => {
    expect(sectionsFor(ROLE_PERMISSIONS.practitioner)).toEqual([
      'bookings',
      'patients',
      'schedule',
      'account',
    ])
  })

  it('shows Clinic settings and the Messages settings to whoever may read the clinic settings', () => {
    expect(sectionsFor(['settings:read'])).toEqual(['settings', 'messaging', 'retention', 'account'])
  })

  it('keeps Clinic settings from reception and practitioners', () => {
    expect(sectionsFor(ROLE_PERMISSIONS.reception)).not.toContain('settings')
    expect(sectionsFor(ROLE_PERMISSIONS.practitioner)).not.toContain('settings')
  })

  it('shows a member without permissions their account alone', () => {
    expect(sectionsFor([])).toEqual(['account'])
  })
})

describe('parseHash', () => {
  it('reads sections and their ids', () => {
    expect(parseHash('')).toEqual({ kind: 'home' })
    expect(parseHash('#/keys')).toEqual({ kind: 'section', section: 'keys', id: null })
    expect(parseHash('#/bookings/bkg_abc123')).toEqual({
      kind: 'section',
      section: 'bookings',
      id: 'bkg_abc123',
    })
  })

  it('reads the links in invitation and password reset mails', () => {
    expect(parseHash('#invitation=Ab12_x-Y')).toEqual({ kind: 'invitation', invitationId: 'Ab12_x-Y' })
    expect(parseHash('#reset=tok3n')).toEqual({ kind: 'reset', token: 'tok3n' })
  })

  it('follows nothing it does not know', () => {
    expect(parseHash('#/nowhere')).toEqual({ kind: 'unknown' })
    expect(parseHash('#/bookings/../keys')).toEqual({ kind: 'unknown' })
    expect(parseHash('#/bookings/bkg_1/more')).toEqual({ kind: 'unknown' })
    expect(parseHash('#reset=%E0%A4%A')).toEqual({ kind: 'unknown' })
    expect(parseHash('#reset=')).toEqual({ kind: 'unknown' })
  })

  it('writes hrefs the parser reads back', () => {
    expect(parseHash(sectionHref('webhooks', 'whe_9'))).toEqual({
      kind: 'section',
      section: 'webhooks',
      id: 'whe_9',
    })
  })
})
