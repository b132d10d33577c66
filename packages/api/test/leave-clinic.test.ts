// A clinic leaves: the owner's archive (every entry's hash in the manifest, FHIR NDJSON that validates,
// the files as uploaded) and the close (no row with its id anywhere, its key gone, its keys and sessions
// dead, the other clinic untouched), both behind the owner's re-typed password.

import { createHash } from 'node:crypto'
import { type ClinicArchiveManifest, ClinicClosure } from '@frontdesk/contracts'
import { unzipSync } from 'fflate'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { clinicTables } from '../src/clinic-leave/clinic-tables.js'
import { FieldCipher } from '../src/crypto/field-cipher.js'
import { fhirErrors } from './fhir-check.js'
import { STAFF_ORIGIN, TEST_MASTER_KEY, useHarness } from './harness.js'
import { patientWithHistory } from './patient-history.js'
import { bookSlot, createWorld, PNG, type World } from './security/fixtures.js'
import { STAFF_PASSWORD, staffMember } from './staff-session.js'

vi.setConfig({ testTimeout: 120_000 })
const harness = useHarness()
let world: World
const cookies = {} as Record<'ownerA' | 'adminA' | 'receptionA' | 'ownerB', string>

beforeAll(async () => {
  world = await createWorld(harness)
  await patientWithHistory(harness, world.a, 'Leave')
  cookies.ownerA = (await staffMember(harness, world.a.clinicId, 'owner')).cookie
  cookies.adminA = (await staffMember(harness, world.a.clinicId, 'admin')).cookie
  cookies.receptionA = (await staffMember(harness, world.a.clinicId, 'reception')).cookie
  cookies.ownerB = (await staffMember(harness, world.b.clinicId, 'owner')).cookie
}, 120_000)

/** A POST from the console's own origin with the session cookie, as the browser sends it. */
function post(path: string, body: unknown, cookie?: string) {
  return harness.app.request(path, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: STAFF_ORIGIN,
      ...(cookie && { Cookie: cookie }),
    },
    body: JSON.stringify(body),
  })
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('utf8')

async function exportCount(clinicId: string) {
  const row = await harness.deps.system
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('clinic_id', '=', clinicId)
    .where('action', '=', 'clinic.export')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Rows carrying the clinic's id, table by table, from every table that has a clinic_id column. */
async function rowsOf(clinicId: string): Promise<Record<string, number>> {
  const tables = await sql<{ table_name: string }>`
    SELECT c.table_name FROM information_schema.columns c
      JOIN information_schema.tables t USING (table_schema, table_name)
     WHERE c.table_schema = 'public' AND c.column_name = 'clinic_id' AND t.table_type = 'BASE TABLE'
     ORDER BY c.table_name`.execute(harness.deps.system)
  const counts: Record<string, number> = {}
  for (const { table_name } of tables.rows) {
    const row = await sql<{ n: string }>`
      SELECT count(*) AS n FROM ${sql.table(table_name)} WHERE clinic_id = ${clinicId}`.execute(
      harness.deps.system,
    )
    counts[table_name] = Number(row.rows[0]!.n)
  }
  const texts = await sql<{ n: string }>`
    SELECT count(*) AS n FROM consent_texts
     WHERE document_id IN (SELECT id FROM consent_documents WHERE clinic_id = ${clinicId})`.execute(
    harness.deps.system,
  )
  counts.consent_texts = Number(texts.rows[0]!.n)
  const clinics = await sql<{ n: string }>`SELECT count(*) AS n FROM clinics WHERE id = ${clinicId}`.execute(
    harness.deps.system,
  )
  counts.clinics = Number(clinics.rows[0]!.n)
  const staff = await sql<{ n: string }>`
    SELECT (SELECT count(*) FROM staff.member WHERE "organizationId" = ${clinicId})
         + (SELECT count(*) FROM staff.organization WHERE id = ${clinicId}) AS n`.execute(harness.deps.system)
  counts.staff = Number(staff.rows[0]!.n)
  return counts
}

describe('the archive', () => {
  it('holds every entry the manifest lists, each with its hash, FHIR NDJSON that validates, and the files', async () => {
    const before = await exportCount(world.a.clinicId)
    const response = await post('/v1/clinic/archive', { password: STAFF_PASSWORD }, cookies.ownerA)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/zip')
    expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; filename="frontdesk-/)
    const entries = unzipSync(new Uint8Array(await response.arrayBuffer()))

    const manifest = JSON.parse(text(entries['manifest.json'])) as ClinicArchiveManifest
    expect(manifest).toMatchObject({
      format: 'frontdesk-clinic-archive/1',
      clinicId: world.a.clinicId,
      frontdeskVersion: expect.stringMatching(/^\d+\.\d+\.\d+/),
    })
    const listed = manifest.entries.map((entry) => entry.path).sort()
    expect(listed).toEqual(
      Object.keys(entries)
        .filter((path) => path !== 'manifest.json')
        .sort(),
    )
    for (const entry of manifest.entries) {
      const bytes = entries[entry.path]!
      expect({ path: entry.path, bytes: bytes.length, sha256: sha256(bytes) }).toEqual(entry)
    }

    // FHIR: every line a valid R4 resource, the patient's kinds all there, and every reference resolving.
    const resources = Object.keys(entries)
      .filter((path) => path.startsWith('fhir/'))
      .flatMap((path) =>
        text(entries[path])
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as { resourceType: string; id: string }),
      )
    const types = new Set(resources.map((resource) => resource.resourceType))
    for (const type of ['Organization', 'Practitioner', 'Location', 'DocumentReference', 'Patient'])
      expect(types).toContain(type)
    for (const type of ['Appointment', 'QuestionnaireResponse', 'Consent', 'AuditEvent'])
      expect(types).toContain(type)
    for (const resource of resources) expect(fhirErrors(resource), resource.resourceType).toEqual([])
    const known = new Set(resources.map((resource) => `${resource.resourceType}/${resource.id}`))
    const references = JSON.stringify(resources).match(/"reference":"[^"]+"/g) ?? []
    for (const reference of references) expect(known).toContain(reference.slice(13, -1))

    // The file and the drawn signature as they came; the patient's JSON; the audit trail with this export.
    const { responseId, fileId, recordId, patientId } = world.a.ids
    expect(Buffer.from(entries[`files/${responseId}/${fileId}.png`]!)).toEqual(PNG)
    expect(Buffer.from(entries[`signatures/${recordId}.png`]!)).toEqual(PNG)
    expect(JSON.parse(text(entries[`intake/${responseId}.json`]))).toMatchObject({
      answers: { reason: 'Checkup' },
    })
    expect(JSON.parse(text(entries[`patients/${patientId}.json`]))).toMatchObject({
      format: 'frontdesk-patient-export/1',
      patient: { id: patientId },
    })
    const audit = text(entries['audit/events.0001.ndjson'])
    expect(audit).toContain('"action":"clinic.export"')
    expect(JSON.parse(text(entries['clinic.json'])).clinic.id).toBe(world.a.clinicId)
    expect(await exportCount(world.a.clinicId)).toBe(before + 1)

    // Nothing of the other clinic, and no secret: key hashes and webhook secrets stay in the database.
    const everything = Object.values(entries).map(text).join('\n')
    expect(everything).not.toContain(world.b.clinicId)
    expect(everything).not.toContain('token_hash')
  })

  it('refuses a wrong password, other roles, keys and no session, and exports nothing', async () => {
    const before = await exportCount(world.a.clinicId)
    const wrong = await post('/v1/clinic/archive', { password: 'not the password at all' }, cookies.ownerA)
    expect(wrong.status).toBe(403)
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN')
    expect((await post('/v1/clinic/archive', { password: STAFF_PASSWORD }, cookies.adminA)).status).toBe(403)
    expect((await post('/v1/clinic/archive', { password: STAFF_PASSWORD }, cookies.receptionA)).status).toBe(
      403,
    )
    expect((await post('/v1/clinic/archive', { password: STAFF_PASSWORD })).status).toBe(401)
    const byKey = await harness.call('POST', '/v1/clinic/archive', {
      token: world.a.sk,
      body: { password: STAFF_PASSWORD },
    })
    expect(byKey.status).toBe(403)
    expect(await exportCount(world.a.clinicId)).toBe(before)
  })

  it('answers 422 for a body without a password, and exports nothing', async () => {
    const before = await exportCount(world.a.clinicId)
    expect((await post('/v1/clinic/archive', {}, cookies.ownerA)).status).toBe(422)
    expect((await post('/v1/clinic/archive', { password: '' }, cookies.ownerA)).status).toBe(422)
    expect(await exportCount(world.a.clinicId)).toBe(before)
  })

  it("gives another clinic's owner their own clinic only", async () => {
    const response = await post('/v1/clinic/archive', { password: STAFF_PASSWORD }, cookies.ownerB)
    expect(response.status).toBe(200)
    const entries = unzipSync(new Uint8Array(await response.arrayBuffer()))
    expect(JSON.parse(text(entries['manifest.json'])).clinicId).toBe(world.b.clinicId)
    expect(Object.values(entries).map(text).join('\n')).not.toContain(world.a.clinicId)
  })
})

describe('closing the clinic', () => {
  it('covers every table that has a clinic_id column, and the ones hanging off them', async () => {
    const covered = (await clinicTables(harness.deps.system)).map((table) => table.name).sort()
    const counted = Object.keys(await rowsOf(world.a.clinicId))
      .filter((name) => name !== 'staff')
      .sort()
    expect(covered).toEqual(counted)
    expect(covered.at(-1) === 'clinics' || covered.includes('clinics')).toBe(true)
  })

  it('refuses a wrong name, a wrong password, an admin, a key and another clinic, and deletes nothing', async () => {
    const before = await rowsOf(world.a.clinicId)
    const name = 'Test Clinic'
    const misnamed = await post(
      '/v1/clinic/close',
      { password: STAFF_PASSWORD, clinicName: 'Test Clinik' },
      cookies.ownerA,
    )
    expect(misnamed.status).toBe(422)
    expect(JSON.stringify(await misnamed.json())).toContain('clinicName')
    expect((await post('/v1/clinic/close', { password: STAFF_PASSWORD }, cookies.ownerA)).status).toBe(422)
    expect(
      (
        await post(
          '/v1/clinic/close',
          { password: 'not the password at all', clinicName: name },
          cookies.ownerA,
        )
      ).status,
    ).toBe(403)
    expect(
      (await post('/v1/clinic/close', { password: STAFF_PASSWORD, clinicName: name }, cookies.adminA)).status,
    ).toBe(403)
    expect((await post('/v1/clinic/close', { password: STAFF_PASSWORD, clinicName: name })).status).toBe(401)
    const byKey = await harness.call('POST', '/v1/clinic/close', {
      token: world.a.sk,
      body: { password: STAFF_PASSWORD, clinicName: name },
    })
    expect(byKey.status).toBe(403)
    expect(await rowsOf(world.a.clinicId)).toEqual(before)
  })

  it('deletes every row with its id, destroys its key, ends its keys and sessions, and leaves the other clinic be', async () => {
    const { a, b } = world
    // A sealed byte that outlives the rows, as one in a backup would.
    const leftover = await harness.deps.cipher!.seal(a.clinicId, 'test:leftover', 'Erika Mustermann')
    const otherBefore = await rowsOf(b.clinicId)
    const archiveSha256 = 'a'.repeat(64)

    const response = await post(
      '/v1/clinic/close',
      { password: STAFF_PASSWORD, clinicName: 'Test Clinic', archiveSha256 },
      cookies.ownerA,
    )
    expect(response.status).toBe(200)
    const closure = ClinicClosure.parse(await response.json())
    expect(closure).toMatchObject({ clinicId: a.clinicId, archiveSha256, dataKeyVersions: 1 })
    expect(closure.rows).toMatchObject({ clinics: 1, 'staff.organization': 1, 'staff.member': 3 })
    expect(closure.rows.patients).toBeGreaterThanOrEqual(2)
    expect(closure.rows.audit_events).toBeGreaterThan(0)
    expect(closure.rows.consent_records).toBeGreaterThan(0)

    expect(Object.entries(await rowsOf(a.clinicId)).filter(([, count]) => count > 0)).toEqual([])
    // The platform's record of it: ids and counts, no names.
    const record = await harness.deps.system
      .selectFrom('clinic_closures')
      .selectAll()
      .where('closed_clinic_id', '=', a.clinicId)
      .executeTakeFirstOrThrow()
    expect(record.rows_deleted).toEqual(closure.rows)
    expect(JSON.stringify(record)).not.toContain('Test Clinic')

    // The key is gone: nothing sealed under it opens, here or in a process that never saw it.
    await expect(harness.deps.cipher!.open(a.clinicId, 'test:leftover', leftover)).rejects.toThrow()
    const fresh = new FieldCipher({ system: harness.deps.system, masterKey: TEST_MASTER_KEY })
    await expect(fresh.open(a.clinicId, 'test:leftover', leftover)).rejects.toThrow()

    // Its keys and sessions are dead.
    expect((await harness.call('GET', '/v1/bookings', { token: a.sk })).status).toBe(401)
    expect((await harness.call('GET', '/v1/services', { token: a.pk })).status).toBe(401)
    expect((await harness.call('GET', '/v1/staff/me', { cookie: cookies.ownerA })).status).toBe(401)
    expect((await harness.call('GET', '/v1/staff/me', { cookie: cookies.adminA })).status).toBe(401)

    // The other clinic: every row still there, its staff signed in, and it still books.
    expect(await rowsOf(b.clinicId)).toEqual(otherBefore)
    expect((await harness.call('GET', '/v1/staff/me', { cookie: cookies.ownerB })).status).toBe(200)
    const booked = await bookSlot(harness, b)
    expect(booked.id).toMatch(/^bkg_/)
  })
})
