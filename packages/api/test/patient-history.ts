// A patient with a history in one clinic (a booking with notes, intake answers, consent signed by typed
// name), and a dump of every table: what the patient-rights and retention tests look for and in.
import { sql } from 'kysely'
import { expect } from 'vitest'
import type { Harness, TestClinic } from './harness.js'
import { consentTestDocument, intakeTestForm } from './security/fixtures.js'

/** Letters only (names allow no digits), different on every run: test files share one PostgreSQL database. */
const runTag = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(6)), (byte) => String.fromCharCode(97 + (byte % 26))).join(
    '',
  )

const person = (tag: string) => ({
  name: `Erika ${tag} Mustermann`,
  email: `erika.${tag.toLowerCase()}@example.org`,
  phone: `+49 151 ${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
  dateOfBirth: '1979-06-30',
})

/** A patient who booked (with notes), filled intake for the booking and signed consent by typed name. */
export async function patientWithHistory(
  harness: Harness,
  clinic: TestClinic,
  tag: string,
  startsAt = '2027-03-04T09:00:00Z',
) {
  const unique = `${tag}${runTag()}`
  const who = person(unique)
  const notes = `Recurring migraine ${unique}`
  const booked = await harness.call('POST', '/v1/bookings', {
    token: clinic.pk,
    body: { serviceId: clinic.serviceId, startsAt, patient: who, notes },
  })
  expect(booked.status, JSON.stringify(booked.body)).toBe(201)
  const bookingId = booked.body.booking.id as string
  const visitToken = booked.body.visitToken as string
  const form = await harness.call('POST', '/v1/intake/forms', {
    token: clinic.sk,
    body: { name: `History ${tag}`, definition: intakeTestForm },
  })
  const draft = await harness.call('POST', '/v1/intake/drafts', {
    token: visitToken,
    body: { formId: form.body.id },
  })
  expect(draft.status, JSON.stringify(draft.body)).toBe(201)
  const answer = `Headaches every morning ${unique}`
  const submitted = await harness.call('POST', `/v1/intake/drafts/${draft.body.draft.id}/submit`, {
    token: draft.body.resumeToken,
    body: { version: 1, answers: { reason: answer } },
  })
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
  const document = await harness.call('POST', '/v1/consent/documents', {
    token: clinic.sk,
    body: { ...consentTestDocument(), method: 'typed_name' },
  })
  const english = document.body.current.texts.find((text: { language: string }) => text.language === 'en')
  const typedName = `${who.name} signed`
  const consent = await harness.call('POST', '/v1/consent/records', {
    token: visitToken,
    body: {
      documentId: document.body.id,
      version: 1,
      language: 'en',
      textHash: english.hash,
      decision: 'given',
      signer: { relation: 'self', name: who.name },
      typedName,
    },
  })
  expect(consent.status, JSON.stringify(consent.body)).toBe(201)
  const patientId = (await harness.call('GET', `/v1/bookings/${bookingId}`, { token: clinic.sk })).body
    .patient.id
  return { who, notes, answer, typedName, bookingId, patientId, recordId: consent.body.record.id as string }
}

/** Every row of every table in the public schema, as text: what a database dump would show. */
export async function databaseDump(harness: Harness): Promise<string> {
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(
    harness.deps.system,
  )
  let dump = ''
  for (const { table_name } of tables.rows) {
    const rows = await sql<{
      row: string
    }>`SELECT row_to_json(t)::text AS row FROM ${sql.table(table_name)} t`.execute(harness.deps.system)
    dump += rows.rows.map((row) => row.row).join('\n')
  }
  return dump
}
