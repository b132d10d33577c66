// Intake forms in storage: a form row per clinic and its published versions, read back in wire shape.
import type { FormDefinition, IntakeForm, IntakeFormVersion } from '@frontdesk/contracts'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { notFound } from '../errors.js'
import { newId } from '../tokens.js'

type Db = Kysely<Database>

/** Writes the form and its version 1; call it inside a transaction (the route's idempotent one). */
export async function createIntakeForm(
  trx: Db,
  clinicId: string,
  name: string,
  definition: FormDefinition,
  consentDocumentIds: string[] = [],
) {
  const id = newId('form')
  await trx
    .insertInto('intake_forms')
    .values({ id, clinic_id: clinicId, name, consent_document_ids: consentDocumentIds })
    .execute()
  await trx
    .insertInto('intake_form_versions')
    .values({ clinic_id: clinicId, form_id: id, version: 1, definition: JSON.stringify(definition) })
    .execute()
  return readIntakeForm(trx, clinicId, id)
}

/** Publishing takes the form row's lock, so two publishes at once get consecutive version numbers. */
export async function publishIntakeFormVersion(
  db: Db,
  clinicId: string,
  formId: string,
  definition: FormDefinition,
): Promise<IntakeFormVersion> {
  return db.transaction().execute(async (trx) => {
    const form = await trx
      .updateTable('intake_forms')
      .set((eb) => ({ current_version: eb('current_version', '+', 1) }))
      .where('clinic_id', '=', clinicId)
      .where('id', '=', formId)
      .where('archived_at', 'is', null)
      .returning('current_version')
      .executeTakeFirst()
    if (!form) throw notFound('intake form')
    await trx
      .insertInto('intake_form_versions')
      .values({
        clinic_id: clinicId,
        form_id: formId,
        version: form.current_version,
        definition: JSON.stringify(definition),
      })
      .execute()
    return readIntakeFormVersion(trx, clinicId, formId, form.current_version)
  })
}

/** Renames a form or changes the consent documents it asks for; its versions stay as they are. */
export async function updateIntakeForm(
  db: Db,
  clinicId: string,
  formId: string,
  change: { name?: string | undefined; consentDocumentIds?: string[] | undefined },
): Promise<IntakeForm> {
  const updated = await db
    .updateTable('intake_forms')
    .set({
      ...(change.name !== undefined && { name: change.name }),
      ...(change.consentDocumentIds !== undefined && { consent_document_ids: change.consentDocumentIds }),
    })
    .where('clinic_id', '=', clinicId)
    .where('id', '=', formId)
    .where('archived_at', 'is', null)
    .returning('id')
    .executeTakeFirst()
  if (!updated) throw notFound('intake form')
  return readIntakeForm(db, clinicId, formId)
}

export async function listIntakeForms(db: Db, clinicId: string): Promise<IntakeForm[]> {
  const rows = await formQuery(db, clinicId)
    .orderBy('intake_forms.created_at')
    .orderBy('intake_forms.id')
    .execute()
  return rows.map(toIntakeForm)
}

export async function readIntakeForm(db: Db, clinicId: string, formId: string): Promise<IntakeForm> {
  const row = await formQuery(db, clinicId).where('intake_forms.id', '=', formId).executeTakeFirst()
  if (!row) throw notFound('intake form')
  return toIntakeForm(row)
}

export async function readIntakeFormVersion(
  db: Db,
  clinicId: string,
  formId: string,
  version: number,
): Promise<IntakeFormVersion> {
  const row = await db
    .selectFrom('intake_form_versions')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('form_id', '=', formId)
    .where('version', '=', version)
    .executeTakeFirst()
  if (!row) throw notFound('intake form version')
  return {
    formId: row.form_id,
    version: row.version,
    definition: parseDefinition(row.definition),
    publishedAt: new Date(row.published_at).toISOString(),
  }
}

function formQuery(db: Db, clinicId: string) {
  return db
    .selectFrom('intake_forms')
    .innerJoin('intake_form_versions', (join) =>
      join
        .onRef('intake_form_versions.form_id', '=', 'intake_forms.id')
        .onRef('intake_form_versions.version', '=', 'intake_forms.current_version'),
    )
    .select([
      'intake_forms.id',
      'intake_forms.name',
      'intake_forms.current_version',
      'intake_forms.created_at',
      'intake_forms.consent_document_ids',
      'intake_form_versions.definition',
    ])
    .where('intake_forms.clinic_id', '=', clinicId)
    .where('intake_forms.archived_at', 'is', null)
}

function toIntakeForm(row: {
  id: string
  name: string
  current_version: number
  created_at: Date
  consent_document_ids: string[]
  definition: unknown
}): IntakeForm {
  return {
    id: row.id,
    name: row.name,
    currentVersion: row.current_version,
    definition: parseDefinition(row.definition),
    consentDocumentIds: row.consent_document_ids,
    createdAt: new Date(row.created_at).toISOString(),
  }
}

/** jsonb arrives parsed from pg and PGlite alike; a string would mean it was stored double-encoded. */
function parseDefinition(value: unknown): FormDefinition {
  return (typeof value === 'string' ? JSON.parse(value) : value) as FormDefinition
}
