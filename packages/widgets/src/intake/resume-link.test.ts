// The link a patient keeps: their page's own address with the draft in the fragment, read back and
// taken out of the address bar on return, without disturbing the page's own fragment.
import { describe, expect, it } from 'vitest'
import { resumeLink, takeResumeFragment } from './resume-link.js'

const TOKEN = 'rt_Qm9vLWJhci1iYXotcXV1eC0xMjM0NTY3ODkw'
const DRAFT = 'intake_7fK2pQ9xLmN4vB8sR1tW'

describe('resume links', () => {
  it('puts the draft in the fragment, never the query, and keeps the page address as it is', () => {
    const link = resumeLink('https://clinic.example/intake?lang=de', { draftId: DRAFT, resumeToken: TOKEN })
    const url = new URL(link)
    expect(url.origin + url.pathname + url.search).toBe('https://clinic.example/intake?lang=de')
    expect(url.hash).toBe(`#frontdesk-resume=${TOKEN}&frontdesk-draft=${DRAFT}`)
  })

  it("keeps the page's own fragment, and replaces an older resume target rather than adding a second", () => {
    const older = resumeLink('https://clinic.example/#forms', {
      draftId: 'intake_olderDraft0000',
      resumeToken: TOKEN,
    })
    const link = resumeLink(older, { draftId: DRAFT, resumeToken: TOKEN })
    expect(new URL(link).hash).toBe(`#forms&frontdesk-resume=${TOKEN}&frontdesk-draft=${DRAFT}`)
  })

  it('reads a link back whatever the order of its parts, and leaves the rest of the fragment', () => {
    expect(takeResumeFragment(`#top&frontdesk-draft=${DRAFT}&frontdesk-resume=${TOKEN}&x=1`)).toEqual({
      target: { draftId: DRAFT, resumeToken: TOKEN },
      rest: '#top&x=1',
    })
    expect(takeResumeFragment(`#frontdesk-resume=${TOKEN}&frontdesk-draft=${DRAFT}`).rest).toBe('')
  })

  it('calls a link with a part missing or cut short broken, and a page without one plain', () => {
    expect(takeResumeFragment(`#frontdesk-resume=${TOKEN}`)).toEqual({ target: 'broken', rest: '' })
    expect(
      takeResumeFragment(`#frontdesk-resume=${TOKEN.slice(0, 10)}&frontdesk-draft=${DRAFT}`).target,
    ).toBe('broken')
    expect(takeResumeFragment(`#frontdesk-resume=<script>&frontdesk-draft=${DRAFT}`).target).toBe('broken')
    expect(takeResumeFragment('#pricing')).toEqual({ target: null, rest: '#pricing' })
    expect(takeResumeFragment('')).toEqual({ target: null, rest: '' })
  })
})
