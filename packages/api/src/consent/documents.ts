// Consent documents for the clinic: created (with version 1) once per Idempotency-Key. Publishing and
// reading versions need no more than ./document-store.ts.
import { type CreateConsentDocument, endpoints } from '@frontdesk/contracts'
import type { RequestScope } from '../env.js'
import { idempotent } from '../idempotency/idempotent.js'
import { createConsentDocument } from './document-store.js'

export function createDocument(scope: RequestScope, input: CreateConsentDocument) {
  return idempotent(
    scope,
    { operation: endpoints.createConsentDocument, body: input },
    async () => null,
    async (trx) => ({ status: 201 as const, body: await createConsentDocument(trx, scope.clinic.id, input) }),
  )
}
