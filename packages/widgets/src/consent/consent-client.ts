// The consent calls of the widgets' client: a document read with the visit or resume token, and a
// decision recorded with it. Each record carries its own Idempotency-Key, kept for a retry.
import type { RecordConsent } from '@frontdesk/contracts'
import { apiCaller } from '../client.js'

export function createConsentClient(apiBase: string) {
  const call = apiCaller(apiBase)
  return {
    document: (token: string, id: string) =>
      call<'getConsentDocument'>('GET', `/v1/consent/documents/${encodeURIComponent(id)}`, token),
    record: (token: string, record: RecordConsent, attempt: string) =>
      call<'recordConsent'>('POST', '/v1/consent/records', token, {
        json: record,
        idempotencyKey: attempt,
      }),
  }
}

export type ConsentClient = ReturnType<typeof createConsentClient>
