// What follows a booking: the form for the patient's age, and the consents the service, the form and the
// page ask for, each once and in that order.
import { describe, expect, it } from 'vitest'
import { consentDocumentsOf, followUpFor } from './follow-up.js'
import type { FrontdeskBooking } from './frontdesk-booking.js'

const host = (attributes: Partial<FrontdeskBooking>) =>
  ({
    today: '2027-03-02',
    intakeForm: 'form_Adult',
    intakeFormMinor: 'form_Child',
    services: [{ id: 'svc_Checkup', consentDocumentIds: ['cdoc_Treatment', 'cdoc_Privacy'] }],
    ...attributes,
  }) as unknown as FrontdeskBooking

describe('followUpFor', () => {
  it("gives a patient under 18 on the clinic's today the minor's form, and one of 18 the adult's", () => {
    expect(followUpFor(host({}), '2009-03-03', 'svc_Checkup')).toMatchObject({
      minor: true,
      intakeForm: 'form_Child',
    })
    expect(followUpFor(host({}), '2009-03-02', 'svc_Checkup')).toMatchObject({
      minor: false,
      intakeForm: 'form_Adult',
    })
    expect(followUpFor(host({ intakeFormMinor: undefined }), '2015-01-01', 'svc_Checkup').intakeForm).toBe(
      'form_Adult',
    )
  })

  it("asks for the service's consents, then the form's, then the page's, each once", () => {
    const follow = followUpFor(
      host({ consentDocuments: ' cdoc_News  cdoc_Privacy ' }),
      '1980-01-01',
      'svc_Checkup',
    )
    expect(consentDocumentsOf(follow)).toEqual(['cdoc_Treatment', 'cdoc_Privacy', 'cdoc_News'])
    follow.formDocuments = ['cdoc_Sharing', 'cdoc_Treatment']
    expect(consentDocumentsOf(follow)).toEqual([
      'cdoc_Treatment',
      'cdoc_Privacy',
      'cdoc_Sharing',
      'cdoc_News',
    ])
    expect(consentDocumentsOf(followUpFor(host({}), '1980-01-01', 'svc_Other'))).toEqual([])
  })
})
