// The clinic's whole archive: what it holds, read through the clinic's own scope and written entry by
// entry into a streaming zip (./archive-writer.ts). FHIR R4 as NDJSON per resource type in Bulk Data's
// manner (`fhir/Patient.0001.ndjson`, one file per type and page of patients), each patient's full JSON
// export (messages and access log included), the intake files and drawn signatures as they came, and as
// JSON what FHIR does not cover: the clinic's settings and catalogue, consent documents, rights requests'
// outcomes, legal holds, retention runs and the audit trail. manifest.json, last, lists every entry's hash.
import { readFileSync } from 'node:fs'
import type { Kysely } from 'kysely'
import { type ConsentRow, openSignature } from '../consent/record-store.js'
import type { FieldCipher } from '../crypto/field-cipher.js'
import type { Database } from '../db/schema.js'
import type { ClinicContext } from '../env.js'
import type { FhirResource } from '../fhir/bundle.js'
import { consentTextsOf, locationsOf, organizationOf, practitionersOf } from '../fhir/clinic-resources.js'
import { listFiles, openFile, readAnswers } from '../intake/response-store.js'
import { patientExport } from '../rights/export.js'
import { fhirResourcesOf } from '../rights/export-fhir.js'
import type { ArchiveWriter } from './archive-writer.js'
import { plainRows } from './plain-rows.js'

type Db = Kysely<Database>

/** Patients per page: each page's resources wait in memory until its NDJSON files are written. */
const PATIENTS_PER_PAGE = 100
const AUDIT_EVENTS_PER_FILE = 5000

export interface ArchiveSource {
  db: Db
  cipher: FieldCipher
  clinic: ClinicContext
  at: number
}

/** Writes everything into `writer` and finishes it; the caller streams `writer.stream` meanwhile. */
export async function writeClinicArchive(writer: ArchiveWriter, source: ArchiveSource): Promise<void> {
  const { db, clinic } = source
  await writer.add('clinic.json', json(await clinicSettings(db, clinic.id)))
  await writer.add('consent-documents.json', json(await consentDocuments(db, clinic.id)))
  await writeClinicResources(writer, db, clinic)
  await writePatients(writer, source)
  await writeIntake(writer, db, source.cipher, clinic.id)
  await writeSignatures(writer, db, source.cipher, clinic.id)
  await writer.add('legal-holds.json', json(await plainRows(db, 'legal_holds', clinic.id)))
  await writer.add('rights-requests.json', json(await plainRows(db, 'rights_requests', clinic.id)))
  await writer.add('retention-runs.json', json(await plainRows(db, 'retention_runs', clinic.id)))
  await writeAuditTrail(writer, db, clinic.id)
  await writer.finish({
    format: 'frontdesk-clinic-archive/1',
    clinicId: clinic.id,
    clinicName: clinic.name,
    exportedAt: new Date(source.at).toISOString(),
    frontdeskVersion: FRONTDESK_VERSION,
  })
}

async function clinicSettings(db: Db, clinicId: string) {
  const clinic = await db
    .selectFrom('clinics')
    .selectAll()
    .where('id', '=', clinicId)
    .executeTakeFirstOrThrow()
  const tables = [
    'locations',
    'services',
    'practitioners',
    'practitioner_services',
    'weekly_hours',
    'date_overrides',
    'time_off',
    'intake_forms',
    'intake_form_versions',
    'api_keys',
    'webhook_endpoints',
  ] as const
  const rows = await Promise.all(tables.map((table) => plainRows(db, table, clinicId)))
  return { clinic, ...Object.fromEntries(tables.map((table, index) => [table, rows[index]])) }
}

async function consentDocuments(db: Db, clinicId: string) {
  const [documents, versions, texts] = await Promise.all([
    plainRows(db, 'consent_documents', clinicId),
    plainRows(db, 'consent_document_versions', clinicId),
    db
      .selectFrom('consent_texts')
      .innerJoin('consent_documents as d', 'd.id', 'consent_texts.document_id')
      .select([
        'consent_texts.document_id',
        'consent_texts.version',
        'consent_texts.language',
        'consent_texts.title',
        'consent_texts.html',
        'consent_texts.hash',
      ])
      .where('d.clinic_id', '=', clinicId)
      .orderBy('consent_texts.document_id')
      .orderBy('consent_texts.version')
      .orderBy('consent_texts.language')
      .execute(),
  ])
  return {
    documents,
    versions,
    texts: texts.map((text) => ({ ...text, hash: Buffer.from(text.hash).toString('hex') })),
  }
}

/** The clinic's side of FHIR once for all patients: every reference a patient's resources make resolves here. */
async function writeClinicResources(writer: ArchiveWriter, db: Db, clinic: ClinicContext) {
  const [practitionerIds, locationIds, textKeys] = await Promise.all([
    db.selectFrom('practitioners').select('id').where('clinic_id', '=', clinic.id).execute(),
    db.selectFrom('locations').select('id').where('clinic_id', '=', clinic.id).execute(),
    db
      .selectFrom('consent_texts')
      .innerJoin('consent_documents as d', 'd.id', 'consent_texts.document_id')
      .select(['consent_texts.document_id as documentId', 'consent_texts.version', 'consent_texts.language'])
      .where('d.clinic_id', '=', clinic.id)
      .execute(),
  ])
  const resources: FhirResource[] = [
    organizationOf(clinic),
    ...(await practitionersOf(
      db,
      clinic.id,
      practitionerIds.map((row) => row.id),
    )),
    ...(await locationsOf(
      db,
      clinic.id,
      locationIds.map((row) => row.id),
    )),
    ...(await consentTextsOf(db, clinic.id, textKeys)),
  ]
  await writeNdjson(writer, resources, '')
}

async function writePatients(writer: ArchiveWriter, source: ArchiveSource) {
  const { db, cipher, clinic, at } = source
  let after = ''
  for (let page = 1; ; page++) {
    const ids = await db
      .selectFrom('patients')
      .select('id')
      .where('clinic_id', '=', clinic.id)
      .where('id', '>', after)
      .orderBy('id')
      .limit(PATIENTS_PER_PAGE)
      .execute()
    if (ids.length === 0) return
    after = ids.at(-1)!.id
    const resources: FhirResource[] = []
    for (const { id } of ids) {
      const data = await patientExport(db, cipher, clinic, id, at)
      await writer.add(`patients/${id}.json`, json(data))
      resources.push(...(await fhirResourcesOf(db, data)).patientSide)
    }
    await writeNdjson(writer, resources, `.${String(page).padStart(4, '0')}`)
  }
}

/**
 * Every intake response, a patient's or not (a form filled on the clinic's page before any booking), with
 * its answers opened and its files as they were uploaded.
 */
async function writeIntake(writer: ArchiveWriter, db: Db, cipher: FieldCipher, clinicId: string) {
  let after = ''
  for (;;) {
    const rows = await db
      .selectFrom('intake_responses')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(PATIENTS_PER_PAGE)
      .execute()
    if (rows.length === 0) return
    after = rows.at(-1)!.id
    for (const row of rows) {
      const files = await listFiles(db, row.id)
      const response = {
        id: row.id,
        formId: row.form_id,
        version: row.version,
        status: row.status,
        patientId: row.patient_id,
        bookingId: row.booking_id,
        createdAt: new Date(row.created_at).toISOString(),
        submittedAt: row.submitted_at === null ? null : new Date(row.submitted_at).toISOString(),
        answers: await readAnswers(db, cipher, row),
        files: files.map((file) => ({ ...file, path: filePath(row.id, file) })),
      }
      await writer.add(`intake/${row.id}.json`, json(response))
      for (const file of files) {
        const opened = await openFile(db, cipher, clinicId, row.id, file.id)
        await writer.add(filePath(row.id, file), opened.bytes)
      }
    }
  }
}

const filePath = (responseId: string, file: { id: string; contentType: string }) =>
  `files/${responseId}/${file.id}${extensionOf(file.contentType)}`

/** Drawn signatures as the PNGs they were drawn as, by consent record. */
async function writeSignatures(writer: ArchiveWriter, db: Db, cipher: FieldCipher, clinicId: string) {
  let after = ''
  for (;;) {
    const rows = (await db
      .selectFrom('consent_records')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .where('signature', 'is not', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(PATIENTS_PER_PAGE)
      .execute()) as ConsentRow[]
    if (rows.length === 0) return
    after = rows.at(-1)!.id
    for (const row of rows) {
      const png = await openSignature(cipher, row)
      if (png) await writer.add(`signatures/${row.id}.png`, png)
    }
  }
}

/** The audit trail in files of a few thousand events, oldest first, by id. */
async function writeAuditTrail(writer: ArchiveWriter, db: Db, clinicId: string) {
  let after = '0'
  for (let part = 1; ; part++) {
    const events = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(AUDIT_EVENTS_PER_FILE)
      .execute()
    if (events.length === 0 && part > 1) return
    await writer.add(
      `audit/events.${String(part).padStart(4, '0')}.ndjson`,
      events.map((event) => `${JSON.stringify(event)}\n`).join(''),
    )
    if (events.length < AUDIT_EVENTS_PER_FILE) return
    after = String(events.at(-1)!.id)
  }
}

/** One NDJSON file per resource type, a line per resource, types in the order first seen. */
async function writeNdjson(writer: ArchiveWriter, resources: FhirResource[], suffix: string) {
  const byType = new Map<string, string[]>()
  for (const resource of resources) {
    const lines = byType.get(resource.resourceType) ?? []
    lines.push(JSON.stringify(resource))
    byType.set(resource.resourceType, lines)
  }
  for (const [type, lines] of byType)
    await writer.add(`fhir/${type}${suffix}.ndjson`, `${lines.join('\n')}\n`)
}

const EXTENSIONS: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/webp': '.webp',
  'image/heic': '.heic',
  'application/pdf': '.pdf',
}
const extensionOf = (contentType: string) => EXTENSIONS[contentType] ?? ''

const json = (value: unknown) => JSON.stringify(value, null, 2)

/** This package's version, from its package.json (beside src/ and dist/ alike). */
const FRONTDESK_VERSION = (() => {
  for (const path of ['../../package.json', '../package.json']) {
    try {
      const parsed = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as {
        name?: string
        version?: string
      }
      if (parsed.name === '@frontdesk/api' && parsed.version) return parsed.version
    } catch {}
  }
  return 'unknown'
})()
