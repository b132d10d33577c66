// Consent documents in storage: a document per purpose, its published versions and their texts per
// language (rendered, sanitized and hashed on the way in), read back in wire shape.
import type { ConsentDocument, ConsentDocumentVersion, ConsentTextInput } from '@frontdesk/contracts'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { ApiError, notFound } from '../errors.js'
import { newId } from '../tokens.js'
import { consentTextHash, renderConsentText } from './render.js'

type Db = Kysely<Database>

export interface DocumentInput {
  name: string
  purpose: string
  legalBasis: string
  method: string
  texts: ConsentTextInput[]
}

/** Creates the document and its version 1; call inside a transaction. */
export async function createConsentDocument(trx: Db, clinicId: string, input: DocumentInput) {
  const id = newId('cdoc')
  await trx
    .insertInto('consent_documents')
    .values({ id, clinic_id: clinicId, name: input.name, purpose: input.purpose })
    .execute()
  await insertVersion(trx, clinicId, id, 1, input)
  return readConsentDocument(trx, clinicId, id)
}

/** The next version, numbered under the document row's lock; method and basis default to the current ones. */
export async function publishConsentVersion(
  db: Db,
  clinicId: string,
  documentId: string,
  input: { method?: string | undefined; legalBasis?: string | undefined; texts: ConsentTextInput[] },
): Promise<ConsentDocumentVersion> {
  return db.transaction().execute(async (trx) => {
    const document = await trx
      .updateTable('consent_documents')
      .set((eb) => ({ current_version: eb('current_version', '+', 1) }))
      .where('clinic_id', '=', clinicId)
      .where('id', '=', documentId)
      .returning(['current_version', 'name', 'purpose'])
      .executeTakeFirst()
    if (!document) throw notFound('consent document')
    const previous = await readConsentVersion(trx, clinicId, documentId, document.current_version - 1)
    await insertVersion(trx, clinicId, documentId, document.current_version, {
      name: document.name,
      purpose: document.purpose,
      legalBasis: input.legalBasis ?? previous.legalBasis,
      method: input.method ?? previous.method,
      texts: input.texts,
    })
    return readConsentVersion(trx, clinicId, documentId, document.current_version)
  })
}

async function insertVersion(
  trx: Db,
  clinicId: string,
  documentId: string,
  version: number,
  input: DocumentInput,
) {
  await trx
    .insertInto('consent_document_versions')
    .values({
      clinic_id: clinicId,
      document_id: documentId,
      version,
      legal_basis: input.legalBasis,
      method: input.method,
    })
    .execute()
  await trx
    .insertInto('consent_texts')
    .values(
      input.texts.map((text) => {
        const html = renderConsentText(text.body)
        return {
          document_id: documentId,
          version,
          language: text.language,
          title: text.title,
          html,
          hash: consentTextHash(text.title, html),
        }
      }),
    )
    .execute()
}

export async function readConsentVersion(
  db: Db,
  clinicId: string,
  documentId: string,
  version: number,
): Promise<ConsentDocumentVersion> {
  const row = await db
    .selectFrom('consent_document_versions')
    .innerJoin('consent_documents', 'consent_documents.id', 'consent_document_versions.document_id')
    .select([
      'consent_document_versions.version',
      'consent_document_versions.legal_basis',
      'consent_document_versions.method',
      'consent_document_versions.published_at',
      'consent_documents.purpose',
    ])
    .where('consent_document_versions.clinic_id', '=', clinicId)
    .where('consent_document_versions.document_id', '=', documentId)
    .where('consent_document_versions.version', '=', version)
    .executeTakeFirst()
  if (!row) throw notFound('consent document version')
  const texts = await db
    .selectFrom('consent_texts')
    .select(['language', 'title', 'html', 'hash'])
    .where('document_id', '=', documentId)
    .where('version', '=', version)
    .orderBy('language')
    .execute()
  return {
    documentId,
    version: row.version,
    purpose: row.purpose as ConsentDocumentVersion['purpose'],
    legalBasis: row.legal_basis as ConsentDocumentVersion['legalBasis'],
    method: row.method as ConsentDocumentVersion['method'],
    texts: texts.map((text) => ({
      language: text.language,
      title: text.title,
      html: text.html,
      hash: Buffer.from(text.hash).toString('hex'),
    })),
    publishedAt: new Date(row.published_at).toISOString(),
  }
}

export async function readConsentDocument(
  db: Db,
  clinicId: string,
  documentId: string,
): Promise<ConsentDocument> {
  const row = await db
    .selectFrom('consent_documents')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('id', '=', documentId)
    .executeTakeFirst()
  if (!row) throw notFound('consent document')
  return {
    id: row.id,
    name: row.name,
    purpose: row.purpose as ConsentDocument['purpose'],
    currentVersion: row.current_version,
    current: await readConsentVersion(db, clinicId, row.id, row.current_version),
    createdAt: new Date(row.created_at).toISOString(),
  }
}

/** Refuses consent document ids this clinic does not have (another clinic's look the same), naming the field. */
export async function assertConsentDocumentsExist(db: Db, clinicId: string, ids: string[] | undefined) {
  if (!ids?.length) return
  const found = await db
    .selectFrom('consent_documents')
    .select('id')
    .where('clinic_id', '=', clinicId)
    .where('id', 'in', ids)
    .execute()
  if (found.length === ids.length) return
  throw new ApiError('VALIDATION_FAILED', 'consentDocumentIds: no such consent document in this clinic', {
    issues: [{ path: 'consentDocumentIds', message: 'No such consent document in this clinic' }],
  })
}

export async function listConsentDocuments(db: Db, clinicId: string): Promise<ConsentDocument[]> {
  const rows = await db
    .selectFrom('consent_documents')
    .select('id')
    .where('clinic_id', '=', clinicId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  return Promise.all(rows.map((row) => readConsentDocument(db, clinicId, row.id)))
}
