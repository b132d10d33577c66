// Consent. Any client reads documents to show them; a patient records a decision with the token of their
// booking or intake, and reads or withdraws it with the receipt token. The admin client also writes
// documents, reads the ledger (decrypted), the state per patient, FHIR exports, and verifies the chain.
import {
  ConsentChainCheck,
  ConsentDocument,
  ConsentDocumentVersion,
  ConsentReceipt,
  ConsentRecord,
  ConsentRecorded,
  type ConsentRecordListQuery,
  ConsentState,
  type CreateConsentDocument,
  listOf,
  type PublishConsentVersion,
  type RecordConsent,
  type WithdrawConsent,
} from '@frontdesk/contracts'
import * as z from 'zod'
import { segment, type Transport } from '../core/transport.js'
import type { RequestOptions } from '../types/options.js'
import type { Page } from '../types/params.js'
import { everyItem } from '../utils/pages.js'

const Documents = listOf(ConsentDocument)
const Records = listOf(ConsentRecord)

export type RecordConsentParams = z.input<typeof RecordConsent>
export type ConsentRecordListParams = Partial<ConsentRecordListQuery>

export interface ConsentResource {
  documents: {
    list(options?: RequestOptions): Promise<ConsentDocument[]>
    get(documentId: string, options?: RequestOptions): Promise<ConsentDocument>
    version(documentId: string, version: number, options?: RequestOptions): Promise<ConsentDocumentVersion>
  }
  records: {
    /**
     * Records a decision about the text that was shown (`textHash` from its version). Pass the patient's
     * `visitToken` or `resumeToken`; keep the answer's `receiptToken` for the patient's receipt link.
     */
    record(params: RecordConsentParams, options?: RequestOptions): Promise<ConsentRecorded>
    /** Withdraws a given consent: a new record. Pass the `receiptToken` (or use the admin client). */
    withdraw(recordId: string, params?: WithdrawConsent, options?: RequestOptions): Promise<ConsentRecord>
  }
  /** The receipt of one record (Kantara Consent Receipt fields); pass the `receiptToken`. */
  receipt(recordId: string, options?: RequestOptions): Promise<ConsentReceipt>
}

export interface AdminConsentResource extends ConsentResource {
  documents: ConsentResource['documents'] & {
    create(params: CreateConsentDocument, options?: RequestOptions): Promise<ConsentDocument>
    publish(
      documentId: string,
      params: PublishConsentVersion,
      options?: RequestOptions,
    ): Promise<ConsentDocumentVersion>
  }
  records: ConsentResource['records'] & {
    list(query?: ConsentRecordListParams, options?: RequestOptions): Promise<Page<ConsentRecord>>
    listAll(query?: ConsentRecordListParams, options?: RequestOptions): AsyncGenerator<ConsentRecord>
    get(recordId: string, options?: RequestOptions): Promise<ConsentRecord>
    /** As a FHIR R4 Consent resource. */
    exportFhir(recordId: string, options?: RequestOptions): Promise<Record<string, unknown>>
    /** The drawn signature, as a PNG Blob. */
    signature(recordId: string, options?: RequestOptions): Promise<Blob>
    /** A page of the ledger as a FHIR R4 Bundle of Consent resources; `link` names the next page. */
    exportBundle(query?: ConsentRecordListParams, options?: RequestOptions): Promise<Record<string, unknown>>
  }
  /** The patient's latest decision per purpose: what reminders and messages must obey. */
  state(patientId: string, options?: RequestOptions): Promise<ConsentState>
  /** Checks the ledger's chain; `firstBroken` names the first record that does not hold. */
  verify(options?: RequestOptions): Promise<ConsentChainCheck>
}

const documentPath = (documentId: string) => `consent/documents/${segment(documentId)}`
const recordPath = (recordId: string) => `consent/records/${segment(recordId)}`

export function consentResource(transport: Transport): ConsentResource {
  return {
    documents: {
      list: async (options) =>
        (await transport.send(Documents, { method: 'get', path: 'consent/documents', options })).data,
      get: (documentId, options) =>
        transport.send(ConsentDocument, { method: 'get', path: documentPath(documentId), options }),
      version: (documentId, version, options) =>
        transport.send(ConsentDocumentVersion, {
          method: 'get',
          path: `${documentPath(documentId)}/versions/${segment(String(version))}`,
          options,
        }),
    },
    records: {
      record: (params, options) =>
        transport.send(ConsentRecorded, { method: 'post', path: 'consent/records', body: params, options }),
      withdraw: (recordId, params = {}, options) =>
        transport.send(ConsentRecord, {
          method: 'post',
          path: `${recordPath(recordId)}/withdraw`,
          body: params,
          options,
        }),
    },
    receipt: (recordId, options) =>
      transport.send(ConsentReceipt, {
        method: 'get',
        path: `consent/receipts/${segment(recordId)}`,
        options,
      }),
  }
}

export function adminConsentResource(transport: Transport): AdminConsentResource {
  const base = consentResource(transport)
  const list = (query: ConsentRecordListParams = {}, options?: RequestOptions) =>
    transport.send(Records, { method: 'get', path: 'consent/records', query: { ...query }, options })
  return {
    ...base,
    documents: {
      ...base.documents,
      create: (params, options) =>
        transport.send(ConsentDocument, { method: 'post', path: 'consent/documents', body: params, options }),
      publish: (documentId, params, options) =>
        transport.send(ConsentDocumentVersion, {
          method: 'post',
          path: `${documentPath(documentId)}/versions`,
          body: params,
          options,
        }),
    },
    records: {
      ...base.records,
      list,
      listAll: (query = {}, options) => everyItem(list, query, options),
      get: (recordId, options) =>
        transport.send(ConsentRecord, { method: 'get', path: recordPath(recordId), options }),
      exportFhir: async (recordId, options) =>
        (await transport.send(FhirResource, {
          method: 'get',
          path: `${recordPath(recordId)}/fhir`,
          options,
        })) as Record<string, unknown>,
      signature: (recordId, options) =>
        transport.sendForBlob({ method: 'get', path: `${recordPath(recordId)}/signature`, options }),
      exportBundle: async (query = {}, options) =>
        (await transport.send(FhirBundle, {
          method: 'get',
          path: 'consent/bundle',
          query: { ...query },
          options,
        })) as Record<string, unknown>,
    },
    state: (patientId, options) =>
      transport.send(ConsentState, { method: 'get', path: 'consent/state', query: { patientId }, options }),
    verify: (options) =>
      transport.send(ConsentChainCheck, { method: 'get', path: 'consent/verification', options }),
  }
}

/** Checked for its type only: the SDK does not model all of FHIR R4 Consent. */
const FhirResource = z.looseObject({ resourceType: z.literal('Consent') })
const FhirBundle = z.looseObject({ resourceType: z.literal('Bundle') })
