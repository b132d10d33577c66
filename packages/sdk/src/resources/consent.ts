// Consent. Any client reads documents to show them; a patient records a decision with the token of their
// booking or intake, and reads or withdraws it with the receipt token. The admin client also writes
// documents, reads the ledger (decrypted), the state per patient, FHIR exports, and verifies the chain.
import {
  type ConsentChainCheck,
  type ConsentDocument,
  type ConsentDocumentVersion,
  ConsentReceipt,
  type ConsentRecord,
  type ConsentRecorded,
  type ConsentRecordListQuery,
  type ConsentRecordPage,
  type ConsentState,
  type CreateConsentDocument,
  endpoints,
  type PublishConsentVersion,
  type RecordConsent,
  type WithdrawConsent,
} from '@frontdesk/contracts'
import type * as z from 'zod'
import type { Transport } from '../core/transport.js'
import type { RequestOptions } from '../types/options.js'
import { FhirBundle, FhirConsent } from '../utils/fhir.js'
import { everyItem } from '../utils/pages.js'

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
    /** A page of the ledger, with its signed head (`head`) as it stood when the page was read. */
    list(query?: ConsentRecordListParams, options?: RequestOptions): Promise<ConsentRecordPage>
    listAll(query?: ConsentRecordListParams, options?: RequestOptions): AsyncGenerator<ConsentRecord>
    get(recordId: string, options?: RequestOptions): Promise<ConsentRecord>
    /** As a FHIR R4 Consent resource. */
    exportFhir(recordId: string, options?: RequestOptions): Promise<FhirConsent>
    /** The drawn signature, as a PNG Blob. */
    signature(recordId: string, options?: RequestOptions): Promise<Blob>
    /**
     * A page of the ledger as a FHIR R4 Bundle of Consent resources; `link` names the next page.
     * `type: 'transaction'` answers a Bundle to POST to a FHIR server as it is.
     */
    exportBundle(
      query?: ConsentRecordListParams & { type?: 'collection' | 'transaction' },
      options?: RequestOptions,
    ): Promise<FhirBundle>
  }
  /** The patient's latest decision per purpose: what reminders and messages must obey. */
  state(patientId: string, options?: RequestOptions): Promise<ConsentState>
  /** Checks the ledger's chain; `firstBroken` names the first record that does not hold. */
  verify(options?: RequestOptions): Promise<ConsentChainCheck>
}

export function consentResource(transport: Transport): ConsentResource {
  return {
    documents: {
      list: async (options) => (await transport.call(endpoints.listConsentDocuments, { options })).data,
      get: (documentId, options) =>
        transport.call(endpoints.getConsentDocument, { params: { id: documentId }, options }),
      version: (documentId, version, options) =>
        transport.call(endpoints.getConsentDocumentVersion, { params: { id: documentId, version }, options }),
    },
    records: {
      record: (params, options) => transport.call(endpoints.recordConsent, { body: params, options }),
      withdraw: (recordId, params = {}, options) =>
        transport.call(endpoints.withdrawConsent, { params: { id: recordId }, body: params, options }),
    },
    // The table answers any object; the SDK reads it as the Kantara receipt the API builds.
    receipt: (recordId, options) =>
      transport.call(endpoints.getConsentReceipt, {
        params: { id: recordId },
        options,
        schema: ConsentReceipt,
      }),
  }
}

export function adminConsentResource(transport: Transport): AdminConsentResource {
  const base = consentResource(transport)
  const list = (query: ConsentRecordListParams = {}, options?: RequestOptions) =>
    transport.call(endpoints.listConsentRecords, { query, options })
  return {
    ...base,
    documents: {
      ...base.documents,
      create: (params, options) => transport.call(endpoints.createConsentDocument, { body: params, options }),
      publish: (documentId, params, options) =>
        transport.call(endpoints.createConsentDocumentVersion, {
          params: { id: documentId },
          body: params,
          options,
        }),
    },
    records: {
      ...base.records,
      list,
      listAll: (query = {}, options) => everyItem(list, query, options),
      get: (recordId, options) =>
        transport.call(endpoints.getConsentRecord, { params: { id: recordId }, options }),
      exportFhir: (recordId, options) =>
        transport.call(endpoints.getConsentRecordFhir, {
          params: { id: recordId },
          options,
          schema: FhirConsent,
        }),
      signature: (recordId, options) =>
        transport.call(endpoints.getConsentSignature, { params: { id: recordId }, options }),
      exportBundle: (query = {}, options) =>
        transport.call(endpoints.getConsentBundle, { query, options, schema: FhirBundle }),
    },
    state: (patientId, options) =>
      transport.call(endpoints.getConsentState, { query: { patientId }, options }),
    verify: (options) => transport.call(endpoints.verifyConsentChain, { options }),
  }
}
