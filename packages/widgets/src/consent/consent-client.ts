// The consent calls of the widgets' client: a document read with the visit or resume token, and a
// decision recorded with it. Each record carries its own Idempotency-Key, kept for a retry.
import type { ConsentDocument, ConsentRecorded, RecordConsent } from '@frontdesk/contracts'
import { apiCaller } from '../client.js'

export function createConsentClient(apiBase: string) {
  const call = apiCaller(apiBase)
  return {
    document: (token: string, id: string) =>
      call<ConsentDocument>('GET', `/consent/documents/${encodeURIComponent(id)}`, token),
    record: (token: string, record: RecordConsent, attempt: string) =>
      call<ConsentRecorded>('POST', '/consent/records', token, { json: record, idempotencyKey: attempt }),
  }
}

export type ConsentClient = ReturnType<typeof createConsentClient>
