// Consent over the API: documents rendered safely and hashed, records that prove the exact text shown,
// withdrawal as a new record, the patient's receipt, the state per purpose, FHIR, and a ledger whose
// chain names the first record that was changed, removed or moved.
import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import { describe, expect, it, vi } from 'vitest'
import { ledgerCommand } from '../src/cli-ledgers.js'
import {
  createTestClinic,
  DEFAULT_NOW,
  ORIGIN,
  patient,
  TEST_STORAGE,
  type TestClinic,
  useHarness,
} from './harness.js'
import { databaseRowsMentioning } from './security/database-scan.js'
import { consentTestDocument, SIGNATURE } from './security/fixtures.js'

const harness = useHarness()

async function must(promise: ReturnType<typeof harness.call>, status: number): Promise<any> {
  const response = await promise
  expect({ status: response.status, body: response.body }).toMatchObject({ status })
  return response.body
}

async function booked(clinic: TestClinic, startsAt = '2027-03-03T08:00:00Z') {
  return must(
    harness.call('POST', '/v1/bookings', {
      token: clinic.sk,
      body: { serviceId: clinic.serviceId, practitionerId: clinic.practitionerIds[0], startsAt, patient },
    }),
    201,
  )
}

async function documentIn(clinic: TestClinic, body: object = consentTestDocument()) {
  return must(harness.call('POST', '/v1/consent/documents', { token: clinic.sk, body }), 201)
}

const textOf = (document: any, language: string) =>
  document.current.texts.find((text: { language: string }) => text.language === language)

function give(document: any, language = 'en', extra: object = {}) {
  return {
    documentId: document.id,
    version: document.current.version,
    language,
    textHash: textOf(document, language).hash,
    decision: 'given',
    signer: { relation: 'self' },
    signature: SIGNATURE,
    ...extra,
  }
}

describe('consent documents', () => {
  it('render Markdown to sanitized HTML, whatever a clinic writes, and hash exactly what is shown', async () => {
    const clinic = await createTestClinic(harness)
    const corpus = [
      '<script>window.__xss = 1</script>Plain',
      '<img src=x onerror="window.__xss = 1">',
      '[click](javascript:window.__xss=1)',
      '<a href="javascript:alert(1)">x</a>',
      '<svg onload="window.__xss=1"><circle/></svg>',
      '<iframe src="https://evil.example"></iframe>',
      '<p style="background:url(javascript:alert(1))" onclick="alert(1)">styled</p>',
      '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
      '<form action="https://evil.example"><input name="q"></form>',
      '**Bold** and [our privacy page](https://clinic.example/privacy).',
    ]
    const document = await documentIn(clinic, {
      ...consentTestDocument(),
      texts: [{ language: 'en', title: 'Everything', body: corpus.join('\n\n') }],
    })
    const { html, hash, title } = textOf(document, 'en')
    for (const forbidden of [
      /<script/i,
      /onerror/i,
      /onload/i,
      /onclick/i,
      /javascript:/i,
      /<iframe/i,
      /<svg/i,
      /style=/i,
      /<form/i,
      /<input/i,
      /<img/i,
      /<math/i,
    ]) {
      expect(html).not.toMatch(forbidden)
    }
    expect(html).toContain('<strong>Bold</strong>')
    expect(html).toContain(
      '<a href="https://clinic.example/privacy" rel="noopener noreferrer" target="_blank">our privacy page</a>',
    )
    expect(hash).toBe(createHash('sha256').update(`${title}\n${html}`).digest('hex'))
  })

  it('keep every published version as it was; a new version has its own texts and hashes', async () => {
    const clinic = await createTestClinic(harness)
    const document = await documentIn(clinic)
    const v2 = await must(
      harness.call('POST', `/v1/consent/documents/${document.id}/versions`, {
        token: clinic.sk,
        body: { texts: [{ language: 'en', title: 'Consent to treatment', body: 'I agree, revised.' }] },
      }),
      201,
    )
    expect(v2).toMatchObject({ version: 2, method: 'drawn_signature', legalBasis: 'explicit_consent' })
    const v1 = await must(
      harness.call('GET', `/v1/consent/documents/${document.id}/versions/1`, { token: clinic.pk }),
      200,
    )
    expect(v1).toEqual(document.current)
    await expect(
      sql`UPDATE consent_texts SET html = 'changed' WHERE document_id = ${document.id}`.execute(
        harness.deps.system,
      ),
    ).rejects.toThrow(/append-only/)
  })
})

describe('what a service or a form asks for', () => {
  it('is set on the service and the form, and shown to anyone who books or fills them', async () => {
    const clinic = await createTestClinic(harness)
    const treatment = await documentIn(clinic)
    const news = await documentIn(clinic, {
      ...consentTestDocument(),
      purpose: 'marketing_email',
      method: 'checkbox',
    })
    const service = await must(
      harness.call('PATCH', `/v1/services/${clinic.serviceId}`, {
        token: clinic.sk,
        body: { consentDocumentIds: [treatment.id, news.id] },
      }),
      200,
    )
    expect(service.consentDocumentIds).toEqual([treatment.id, news.id])
    const listed = await must(
      harness.call('GET', `/v1/services/${clinic.serviceId}`, { token: clinic.pk }),
      200,
    )
    expect(listed.consentDocumentIds).toEqual([treatment.id, news.id])
    const twice = await harness.call('PATCH', `/v1/services/${clinic.serviceId}`, {
      token: clinic.sk,
      body: { consentDocumentIds: [news.id, news.id] },
    })
    expect(twice.body.error.issues.map((issue: { path: string }) => issue.path)).toEqual([
      'consentDocumentIds',
    ])

    const form = await must(
      harness.call('POST', '/v1/intake/forms', {
        token: clinic.sk,
        body: {
          name: 'Visit',
          definition: { title: 'Visit', items: [{ id: 'reason', type: 'text', label: 'Why?' }] },
          consentDocumentIds: [news.id],
        },
      }),
      201,
    )
    expect(form.consentDocumentIds).toEqual([news.id])
    const renamed = await must(
      harness.call('PATCH', `/v1/intake/forms/${form.id}`, {
        token: clinic.sk,
        body: { consentDocumentIds: [] },
      }),
      200,
    )
    expect(renamed).toMatchObject({ name: 'Visit', consentDocumentIds: [], currentVersion: 1 })
  })
})

describe('consent records', () => {
  it("prove the exact text and language shown, timed by the server, from the request's origin; sealed at rest", async () => {
    const clinic = await createTestClinic(harness)
    const document = await documentIn(clinic)
    const booking = await booked(clinic)
    const bad = await harness.call('POST', '/v1/consent/records', {
      token: booking.visitToken,
      origin: ORIGIN,
      body: give(document, 'de', { textHash: textOf(document, 'en').hash }),
    })
    expect(bad.status).toBe(422)
    expect(bad.body.error.issues.map((issue: { path: string }) => issue.path)).toEqual(['textHash'])

    const recorded = await must(
      harness.call('POST', '/v1/consent/records', {
        token: booking.visitToken,
        origin: ORIGIN,
        body: give(document, 'de', { signer: { relation: 'parent', name: 'Henrike Vogelsang' } }),
      }),
      201,
    )
    expect(recorded.receiptToken).toMatch(/^ct_/)
    expect(recorded.record).toMatchObject({
      sequence: 1,
      language: 'de',
      textHash: textOf(document, 'de').hash,
      decision: 'given',
      method: 'drawn_signature',
      signer: { relation: 'parent', name: 'Henrike Vogelsang' },
      hasSignature: true,
      bookingId: booking.booking.id,
      patientId: expect.stringMatching(/^pat_/),
      recordedAt: new Date(DEFAULT_NOW).toISOString(),
      origin: ORIGIN,
      purpose: 'treatment',
      legalBasis: 'explicit_consent',
    })
    expect(await databaseRowsMentioning(harness.deps.system, 'Henrike Vogelsang')).toEqual([])
    const png = await harness.app.request(`/v1/consent/records/${recorded.record.id}/signature`, {
      headers: { Authorization: `Bearer ${clinic.sk}` },
    })
    expect(png.headers.get('Content-Type')).toBe('image/png')
    expect(Buffer.from(await png.arrayBuffer()).toString('base64')).toBe(SIGNATURE.split(',')[1])
  })

  it('accept a typed name as the alternative to drawing, and refuse a document’s method unmet', async () => {
    const clinic = await createTestClinic(harness)
    const document = await documentIn(clinic)
    const booking = await booked(clinic)
    const typed = await must(
      harness.call('POST', '/v1/consent/records', {
        token: booking.visitToken,
        body: give(document, 'en', { signature: undefined, typedName: 'Marta Kowalczyk' }),
      }),
      201,
    )
    expect(typed.record).toMatchObject({
      method: 'typed_name',
      typedName: 'Marta Kowalczyk',
      hasSignature: false,
    })
    const nothing = await harness.call('POST', '/v1/consent/records', {
      token: booking.visitToken,
      body: give(document, 'en', { signature: undefined }),
    })
    expect(nothing.body.error.issues.map((issue: { path: string }) => issue.path)).toEqual(['signature'])
  })

  it('withdraw with the receipt link: a new record, the original unchanged, the state and the receipt follow', async () => {
    const clinic = await createTestClinic(harness)
    const document = await documentIn(clinic)
    const booking = await booked(clinic)
    const { record, receiptToken } = await must(
      harness.call('POST', '/v1/consent/records', { token: booking.visitToken, body: give(document) }),
      201,
    )
    const patientId = record.patientId as string
    const before = await must(
      harness.call('GET', `/v1/consent/records/${record.id}`, { token: clinic.sk }),
      200,
    )
    const state = () => harness.call('GET', `/v1/consent/state?patientId=${patientId}`, { token: clinic.sk })
    expect((await state()).body.purposes).toEqual([
      expect.objectContaining({ purpose: 'treatment', state: 'given', recordId: record.id }),
    ])
    const receipt = await must(
      harness.call('GET', `/v1/consent/receipts/${record.id}`, { token: receiptToken }),
      200,
    )
    expect(receipt).toMatchObject({
      version: 'KI-CR-v1.1.0',
      consentReceiptID: record.id,
      consentTimestamp: DEFAULT_NOW / 1000,
      piiControllers: [{ piiController: 'Test Clinic', piiControllerId: clinic.clinicId }],
      decision: 'given',
      textHash: record.textHash,
      recordHash: record.hash,
      withdrawnBy: null,
      sensitive: true,
    })
    expect(JSON.stringify(receipt)).not.toContain(patient.name)

    harness.clock.now = DEFAULT_NOW + 60_000
    try {
      const withdrawal = await must(
        harness.call('POST', `/v1/consent/records/${record.id}/withdraw`, { token: receiptToken, body: {} }),
        201,
      )
      expect(withdrawal).toMatchObject({
        decision: 'withdrawn',
        withdraws: record.id,
        method: 'receipt_link',
        sequence: record.sequence + 1,
        recordedAt: new Date(DEFAULT_NOW + 60_000).toISOString(),
      })
      expect(
        await must(harness.call('GET', `/v1/consent/records/${record.id}`, { token: clinic.sk }), 200),
      ).toEqual(before)
      expect((await state()).body.purposes).toEqual([
        expect.objectContaining({ purpose: 'treatment', state: 'withdrawn', recordId: withdrawal.id }),
      ])
      const after = await must(
        harness.call('GET', `/v1/consent/receipts/${record.id}`, { token: receiptToken }),
        200,
      )
      expect(after.withdrawnBy).toBe(withdrawal.id)
      const twice = await harness.call('POST', `/v1/consent/records/${record.id}/withdraw`, {
        token: receiptToken,
        body: {},
      })
      expect({ status: twice.status, code: twice.body.error.code }).toEqual({
        status: 409,
        code: 'CONSENT_NOT_WITHDRAWABLE',
      })
      const listed = await must(
        harness.call('GET', `/v1/consent/records?patientId=${patientId}`, { token: clinic.sk }),
        200,
      )
      expect(listed.data.map((row: { decision: string }) => row.decision)).toEqual(['given', 'withdrawn'])
      const fhir = await must(
        harness.call('GET', `/v1/consent/records/${withdrawal.id}/fhir`, { token: clinic.sk }),
        200,
      )
      expect(fhir).toMatchObject({ resourceType: 'Consent', status: 'inactive', provision: { type: 'deny' } })
    } finally {
      harness.clock.now = DEFAULT_NOW
    }
  })
})

describe('the consent ledger', () => {
  async function ledgerOf(records: number) {
    const clinic = await createTestClinic(harness)
    const document = await documentIn(clinic)
    const { patientId } = (await booked(clinic)).booking as { patientId?: string }
    const patientRow = await harness.deps.system
      .selectFrom('patients')
      .select('id')
      .where('clinic_id', '=', clinic.clinicId)
      .executeTakeFirstOrThrow()
    const ids: string[] = []
    for (let n = 0; n < records; n++) {
      const body = {
        ...give(document),
        patientId: patientId ?? patientRow.id,
        decision: n % 2 ? 'refused' : 'given',
      }
      ids.push(
        (await must(harness.call('POST', '/v1/consent/records', { token: clinic.sk, body }), 201)).record.id,
      )
    }
    return { clinic, ids }
  }
  const verify = (clinic: TestClinic) =>
    must(harness.call('GET', '/v1/consent/verification', { token: clinic.sk }), 200)
  /** Changes stored rows the way only someone with direct database access could. */
  async function tamper(...statements: ReturnType<typeof sql>[]) {
    await harness.deps.system.transaction().execute(async (trx) => {
      await sql`ALTER TABLE consent_records DISABLE TRIGGER consent_records_append_only`.execute(trx)
      for (const statement of statements) await statement.execute(trx)
      await sql`ALTER TABLE consent_records ENABLE TRIGGER consent_records_append_only`.execute(trx)
    })
  }

  it('refuses any change through the database, and verifies intact', async () => {
    const { clinic, ids } = await ledgerOf(3)
    expect(await verify(clinic)).toMatchObject({ intact: true, records: 3, firstBroken: null })
    await expect(
      sql`UPDATE consent_records SET decision = 'refused' WHERE id = ${ids[0]}`.execute(harness.deps.system),
    ).rejects.toThrow(/append-only/)
    await expect(
      sql`DELETE FROM consent_records WHERE id = ${ids[0]}`.execute(harness.deps.system),
    ).rejects.toThrow(/append-only/)
  })

  it('finds a changed record at that record', async () => {
    const { clinic, ids } = await ledgerOf(4)
    await tamper(sql`UPDATE consent_records SET decision = 'given' WHERE id = ${ids[1]}`)
    expect(await verify(clinic)).toMatchObject({
      intact: false,
      records: 2,
      firstBroken: { sequence: 2, recordId: ids[1], reason: 'its contents changed after it was recorded' },
    })
  })

  it('finds a changed signature, byte for byte, without opening it', async () => {
    const { clinic, ids } = await ledgerOf(3)
    await tamper(
      sql`UPDATE consent_records SET signature = set_byte(signature, 20, get_byte(signature, 20) # 1) WHERE id = ${ids[2]}`,
    )
    expect((await verify(clinic)).firstBroken).toMatchObject({ sequence: 3, recordId: ids[2] })
  })

  it('finds two records swapped, and one removed', async () => {
    const swapped = await ledgerOf(4)
    // Through a free number: the sequence is unique per clinic at every statement.
    await tamper(
      sql`UPDATE consent_records SET sequence = 1000 WHERE id = ${swapped.ids[1]}`,
      sql`UPDATE consent_records SET sequence = 2 WHERE id = ${swapped.ids[2]}`,
      sql`UPDATE consent_records SET sequence = 3 WHERE id = ${swapped.ids[1]}`,
    )
    expect((await verify(swapped.clinic)).firstBroken).toMatchObject({
      sequence: 2,
      recordId: swapped.ids[2],
    })

    const removed = await ledgerOf(4)
    await tamper(sql`DELETE FROM consent_records WHERE id = ${removed.ids[2]}`)
    expect((await verify(removed.clinic)).firstBroken).toEqual({
      sequence: 3,
      recordId: removed.ids[3],
      reason: 'record 3 is missing',
    })
  })

  it('`frontdesk consent verify` says intact, or names the broken record and exits 1', async () => {
    const { clinic, ids } = await ledgerOf(2)
    const run = async () => {
      const out: string[] = []
      const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)))
      try {
        return {
          code: await ledgerCommand('consent', harness.deps.system, TEST_STORAGE, 'verify', [
            '--clinic',
            clinic.clinicId,
          ]),
          out: out.join('\n'),
        }
      } finally {
        log.mockRestore()
      }
    }
    expect(await run()).toEqual({ code: 0, out: `Test Clinic (${clinic.clinicId}): intact, 2 records` })
    await tamper(sql`UPDATE consent_records SET origin = 'https://forged.example' WHERE id = ${ids[0]}`)
    expect(await run()).toEqual({
      code: 1,
      out: `Test Clinic (${clinic.clinicId}): BROKEN at record #1 (${ids[0]}): its contents changed after it was recorded`,
    })
  })
})
