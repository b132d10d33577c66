// Consent through the SDK against the real API: the clinic writes a document, a patient's browser
// client records consent with the booking's visit token and withdraws with the receipt token, the
// clinic reads the ledger, the state, FHIR and the signature, and verifies the chain.
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import { ValidationError } from '../src/index.js'
import { adminClient, patient, publicClient } from './support/clients.js'
import { type Practice, seedPractice } from './support/practice.js'
import { slotsOn } from './support/slots.js'

const admin = adminClient()
const frontdesk = publicClient()
let practice: Practice

const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='

beforeAll(async () => {
  practice = await seedPractice(admin, 'Consent')
})

describe('consent', () => {
  it('a parent signs for a booked child, withdraws from the receipt, and the clinic sees both records', async () => {
    const document = await admin.consent.documents.create({
      name: 'Treatment of minors',
      purpose: 'treatment',
      legalBasis: 'explicit_consent',
      method: 'drawn_signature',
      texts: [
        { language: 'en', title: 'Consent to treatment', body: 'I agree to my child being **treated**.' },
      ],
    })
    const [slot] = await slotsOn(frontdesk, practice.service.id, 4)
    const { booking, visitToken } = await frontdesk.bookings.create({
      serviceId: practice.service.id,
      startsAt: slot!.startsAt,
      patient: { ...patient, dateOfBirth: '2018-05-01' },
    })
    const shown = (await frontdesk.consent.documents.get(document.id, { visitToken })).current
    const { record, receiptToken } = await frontdesk.consent.records.record(
      {
        documentId: document.id,
        version: shown.version,
        language: 'en',
        textHash: shown.texts[0]!.hash,
        decision: 'given',
        signer: { relation: 'parent', name: 'Henrike Vogelsang' },
        signature: PNG,
      },
      { visitToken },
    )
    expect(record).toMatchObject({
      bookingId: booking.id,
      signer: { relation: 'parent', name: 'Henrike Vogelsang' },
    })
    expect((await frontdesk.consent.receipt(record.id, { receiptToken })).decision).toBe('given')
    const withdrawal = await frontdesk.consent.records.withdraw(record.id, {}, { receiptToken })
    expect(withdrawal).toMatchObject({ decision: 'withdrawn', withdraws: record.id })

    const ledger = await admin.consent.records.list({ documentId: document.id })
    expect(ledger.data.map((row) => row.decision)).toEqual(['given', 'withdrawn'])
    const patientId = ledger.data[0]!.patientId!
    expect((await admin.consent.state(patientId)).purposes).toEqual([
      expect.objectContaining({ purpose: 'treatment', state: 'withdrawn', recordId: withdrawal.id }),
    ])
    // Withdrawn, so no longer active in the EHR either.
    const fhirConsent = await admin.consent.records.exportFhir(record.id)
    expectTypeOf(fhirConsent.resourceType).toEqualTypeOf<'Consent'>()
    expect(fhirConsent).toMatchObject({ resourceType: 'Consent', status: 'inactive' })
    const signature = await admin.consent.records.signature(record.id)
    expect(signature.type).toBe('image/png')
    expect(await admin.consent.verify()).toMatchObject({ intact: true, firstBroken: null })
    // Every step is on the audit trail, by the principal that took it, and the trail's chain holds.
    const steps = []
    for await (const event of admin.audit.listAll({ patientId, limit: 2 })) {
      if (event.action.startsWith('consent.')) steps.push([event.action, event.actor.type])
    }
    expect(steps).toEqual(
      expect.arrayContaining([
        ['consent.record', 'visit'],
        ['consent.withdraw', 'receipt'],
      ]),
    )
    expect(await admin.audit.verify()).toMatchObject({ intact: true, firstBroken: null })
  })

  it('names the field when the text hash is not the one shown', async () => {
    const document = await admin.consent.documents.create({
      name: 'Newsletter',
      purpose: 'marketing_email',
      legalBasis: 'consent',
      method: 'checkbox',
      texts: [{ language: 'en', title: 'News by email', body: 'Send me news.' }],
    })
    const [slot] = await slotsOn(frontdesk, practice.service.id, 5)
    const { visitToken } = await frontdesk.bookings.create({
      serviceId: practice.service.id,
      startsAt: slot!.startsAt,
      patient,
    })
    const error = await frontdesk.consent.records
      .record(
        {
          documentId: document.id,
          version: 1,
          language: 'en',
          textHash: '0'.repeat(64),
          decision: 'given',
          signer: { relation: 'self' },
        },
        { visitToken },
      )
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['textHash'])
  })
})
