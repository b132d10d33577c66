// Consent routes of the mocks: documents read by any key or token; a decision recorded with the visit or
// resume token it follows (the text's hash checked); its receipt read and withdrawn with the receipt token.
import {
  type ConsentRecord,
  type ConsentRecorded,
  consentReceipt,
  endpoints,
  RecordConsent,
  WithdrawConsent,
} from '@frontdesk/contracts'
import { toConsentDocument } from '../consent-text.js'
import { jsonBody, MockApiError, notFound, parseOrThrow } from '../responses.js'
import type { ConsentRow, MockStore, Principal } from '../store.js'
import { newId, newToken } from '../tokens.js'
import type { Router } from './route.js'

const invalid = (path: string, message: string) =>
  new MockApiError('VALIDATION_FAILED', `${path}: ${message}`, [{ path, message }])

/** What the document asks for, or the typed name a drawn signature always accepts instead. */
function methodUsed(required: ConsentRecord['method'], input: RecordConsent): ConsentRecord['method'] {
  if (input.decision === 'refused') return required
  if (required === 'typed_name' && !input.typedName)
    throw invalid('typedName', 'Type your full name to agree')
  if (required === 'drawn_signature') {
    if (input.signature) return 'drawn_signature'
    if (input.typedName) return 'typed_name'
    throw invalid('signature', 'Sign, or type your full name instead')
  }
  return required
}

export function consentHandlers(store: MockStore, { route }: Router) {
  const documents = () => store.clinic.consentDocuments ?? []
  const findDocument = (id: string) => documents().find((document) => document.id === id)

  /** Whose consent: the visit token's booking, the resume token's intake, or the patient the clinic names. */
  function subjectOf(principal: Principal, patientId: string | undefined) {
    if (principal.kind !== 'secret' && patientId) {
      throw invalid('patientId', 'Only the secret key names a patient; a token records for its own')
    }
    const patientOf = (rowId: string | null) =>
      (rowId ? store.rows.get(rowId)?.patient?.id : undefined) ?? null
    if (principal.kind === 'visit') {
      return { patientId: patientOf(principal.rowId), bookingId: principal.rowId, intakeResponseId: null }
    }
    if (principal.kind === 'resume') {
      const draft = store.drafts.get(principal.draftId)!
      return {
        patientId: draft.patientId ?? patientOf(draft.bookingId),
        bookingId: draft.bookingId,
        intakeResponseId: draft.id,
      }
    }
    if (!patientId) throw invalid('patientId', 'Name the patient whose consent this is')
    if (![...store.rows.values()].some((row) => row.patient?.id === patientId)) throw notFound('patient')
    return { patientId, bookingId: null, intakeResponseId: null }
  }

  /** A receipt token reaches its own record only; the secret key any of the clinic's. */
  function ownRecord(principal: Principal, id: string): ConsentRow {
    const row = store.consentLedger.find((each) => each.record.id === id)
    if (!row || (principal.kind === 'receipt' && principal.recordId !== id)) throw notFound('consent record')
    return row
  }

  const withdrawalOf = (id: string) => store.consentLedger.find((row) => row.record.withdraws === id)

  return [
    route(endpoints.listConsentDocuments, async () => {
      const versions = await store.consentVersions()
      const data = documents().map((document) => toConsentDocument(document, versions.get(document.id)!))
      return { status: 200, body: { data, nextCursor: null } }
    }),

    route(endpoints.getConsentDocument, async ({ params }) => {
      const document = findDocument(params.id)
      if (!document) throw notFound('consent document')
      const versions = await store.consentVersions()
      return { status: 200, body: toConsentDocument(document, versions.get(document.id)!) }
    }),

    route(endpoints.getConsentDocumentVersion, async ({ params: { id, version } }) => {
      const published = (await store.consentVersions()).get(id)?.[version - 1]
      if (!published) throw notFound('consent document version')
      return { status: 200, body: published }
    }),

    route(endpoints.recordConsent, async ({ request, principal }) => {
      const input = parseOrThrow(RecordConsent, await jsonBody(request))
      const subject = subjectOf(principal, input.patientId)
      const document = findDocument(input.documentId)
      const version = (await store.consentVersions()).get(input.documentId)?.[input.version - 1]
      if (!document || !version) throw notFound('consent document version')
      const shown = version.texts.find((text) => text.language === input.language)
      if (!shown) throw invalid('language', 'This version has no text in that language')
      if (shown.hash !== input.textHash) {
        throw invalid('textHash', 'Not the hash of that version’s text in that language')
      }
      const method = methodUsed(version.method, input)
      const given = input.decision === 'given'
      const receiptToken = newToken('ct')
      const signature = given && method === 'drawn_signature' ? (input.signature ?? null) : null
      const { record } = await store.appendConsent({
        record: {
          id: newId('cons'),
          documentId: document.id,
          version: version.version,
          purpose: document.purpose,
          legalBasis: version.legalBasis,
          language: shown.language,
          textHash: shown.hash,
          decision: input.decision,
          method,
          signer: { relation: input.signer.relation, name: input.signer.name ?? null },
          typedName: given ? (input.typedName ?? null) : null,
          hasSignature: signature !== null,
          ...subject,
          withdraws: null,
          recordedAt: new Date(store.now()).toISOString(),
          origin: request.headers.get('Origin'),
        },
        receiptToken,
        signature,
      })
      const body: ConsentRecorded = { record, receiptToken }
      return { status: 201, body }
    }),

    route(endpoints.withdrawConsent, async ({ request, params: { id }, principal }) => {
      parseOrThrow(WithdrawConsent, await jsonBody(request))
      const { record: original } = ownRecord(principal, id)
      if (original.decision !== 'given') {
        throw new MockApiError('CONSENT_NOT_WITHDRAWABLE', 'Only a consent that was given can be withdrawn')
      }
      if (withdrawalOf(id)) {
        throw new MockApiError('CONSENT_NOT_WITHDRAWABLE', 'This consent is withdrawn already')
      }
      // A new record naming the original, which stays as it was.
      const { record } = await store.appendConsent({
        record: {
          ...original,
          id: newId('cons'),
          decision: 'withdrawn',
          method: principal.kind === 'receipt' ? 'receipt_link' : 'clinic',
          signer: { relation: original.signer.relation, name: null },
          typedName: null,
          hasSignature: false,
          withdraws: original.id,
          recordedAt: new Date(store.now()).toISOString(),
          origin: request.headers.get('Origin'),
        },
        receiptToken: null,
        signature: null,
      })
      return { status: 201, body: record }
    }),

    route(endpoints.getConsentReceipt, ({ params, principal }) => {
      const { record } = ownRecord(principal, params.id)
      const name = findDocument(record.documentId)?.name ?? record.documentId
      return {
        status: 200,
        body: consentReceipt({
          clinic: store.clinic,
          documentName: name,
          record,
          withdrawnBy: withdrawalOf(record.id)?.record.id ?? null,
        }),
      }
    }),
  ]
}
