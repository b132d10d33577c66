// FHIR ids and fullUrls: the id mapping reverses for every Frontdesk id, UUID v5 is RFC 9562's (checked
// against Python's uuid module), and a Bundle rewrites references to its entries and only to them.
import { describe, expect, it } from 'vitest'
import { toBundle } from './bundle.js'
import { fromFhirId, fullUrlOf, toFhirId, URL_NAMESPACE, uuidV5 } from './ids.js'

const DNS_NAMESPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8'

describe('FHIR ids', () => {
  it('map a Frontdesk id to an R4 id and back', () => {
    for (const id of ['pat_3kQ9xVbZ', 'cons_a', 'clinic_demo', 'intake_ZZZZ0000000000000000AA']) {
      expect(toFhirId(id)).toMatch(/^[A-Za-z0-9\-.]{1,64}$/)
      expect(fromFhirId(toFhirId(id))).toBe(id)
    }
  })

  it('name resources by RFC 9562 version-5 UUIDs, the same every time', () => {
    expect(uuidV5('python.org', DNS_NAMESPACE)).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d')
    expect(uuidV5('https://frontdesk.dev/fhir', URL_NAMESPACE)).toBe('55af8ec9-bfe0-56a3-921a-c0f6ec04d828')
    expect(fullUrlOf('Patient', 'pat-Ab12')).toBe(fullUrlOf('Patient', 'pat-Ab12'))
    expect(fullUrlOf('Patient', 'pat-Ab12')).not.toBe(fullUrlOf('Patient', 'pat-Ab13'))
  })
})

describe('a Bundle', () => {
  const consent = {
    resourceType: 'Consent',
    id: 'cons-B',
    patient: { reference: 'Patient/pat-A' },
    extension: [{ url: 'x', valueReference: { reference: 'Consent/cons-Earlier' } }],
  }
  const patient = { resourceType: 'Patient', id: 'pat-A' }

  it('points references at the entries it holds, and names the rest by identifier', () => {
    const bundle = toBundle([patient, consent], { type: 'collection', timestamp: '2027-01-01T00:00:00Z' })
    const [first, second] = bundle.entry
    expect(second!.resource).toEqual({
      ...consent,
      patient: { reference: first!.fullUrl },
      extension: [
        {
          url: 'x',
          valueReference: {
            type: 'Consent',
            identifier: { system: 'https://frontdesk.dev/fhir/consent-record', value: 'cons_Earlier' },
          },
        },
      ],
    })
  })

  it('as a transaction, PUTs by id, or creates only if no resource has the identifier', () => {
    const bundle = toBundle([{ resource: patient, ifNoneExist: 'identifier=s|pat_A' }, consent], {
      type: 'transaction',
      timestamp: '2027-01-01T00:00:00Z',
    })
    expect(bundle.entry.map((entry) => entry.request)).toEqual([
      { method: 'POST', url: 'Patient', ifNoneExist: 'identifier=s|pat_A' },
      { method: 'PUT', url: 'Consent/cons-B' },
    ])
    expect(bundle.entry[0]!.resource).toEqual({ resourceType: 'Patient' })
  })
})
