// What an auditor finds opening the database: a patient's name, email, phone, date of birth and every
// free text they or the clinic wrote about them are sealed. The proof reads what an attacker would get:
// `pg_dump` of the PostgreSQL server, or every file of PGlite's data folder, WAL included, looking for
// each marker as text and in the common encodings. A value stored in clear (the clinic's name) is found
// by the same search, so a search that finds nothing means something.
import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { planMessages } from '../../src/messages/planner.js'
import { useHarness } from '../harness.js'
import { patientWithHistory } from '../patient-history.js'
import { type Clinic, createClinic } from './fixtures.js'

const storage = inject('storage')
const dataDir = await mkdtemp(join(tmpdir(), 'frontdesk-at-rest-'))
const harness = useHarness({ dataDir })
const tag = Array.from(crypto.getRandomValues(new Uint8Array(5)), (byte) =>
  String.fromCharCode(97 + (byte % 26)),
)
  .join('')
  .replace(/^./, (first) => first.toUpperCase())

/** The clinic's name is no patient's: stored in clear, it shows the search finds what is there. */
const CLINIC_NAME = `Praxis Vorquendel ${tag}`
const markers: Record<string, string> = {}
let clinic: Clinic

beforeAll(async () => {
  clinic = await createClinic(harness)
  const renamed = await harness.call('PATCH', '/v1/clinic', { token: clinic.sk, body: { name: CLINIC_NAME } })
  expect(renamed.status, JSON.stringify(renamed.body)).toBe(200)
  const history = await patientWithHistory(harness, clinic, 'AtRest')
  Object.assign(markers, {
    name: history.who.name,
    email: history.who.email,
    phone: history.who.phone.replace(/\s/g, ''),
    dateOfBirth: history.who.dateOfBirth,
    notes: history.notes,
    intakeAnswer: history.answer,
    typedName: history.typedName,
  })

  // The booking's reminders planned (the message log), a cancellation with a reason, a legal hold and a
  // rights request with the clinic's decision: every other place a person's words are kept.
  await planMessages(harness.deps.system, harness.clock.now, { clinicIds: [clinic.clinicId] })
  markers.cancelReason = `Moving to Tromsø ${tag}`
  const other = await harness.call('POST', '/v1/bookings', {
    token: clinic.pk,
    body: {
      serviceId: clinic.serviceId,
      ...clinic.nextSlot(),
      patient: { ...history.who, phone: undefined },
    },
  })
  expect(other.status, JSON.stringify(other.body)).toBe(201)
  const cancelled = await harness.call('POST', `/v1/bookings/${other.body.booking.id}/cancel`, {
    token: other.body.manageToken,
    body: { reason: markers.cancelReason },
  })
  expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200)
  markers.holdReason = `Malpractice claim Quillfeather ${tag}`
  const hold = await harness.call('POST', `/v1/patients/${history.patientId}/legal-holds`, {
    token: clinic.sk,
    body: { kinds: ['intake'], reason: markers.holdReason },
  })
  expect(hold.status, JSON.stringify(hold.body)).toBe(201)
  markers.requestDetails = `Please send my Zephyrine records ${tag}`
  const request = await harness.call('POST', '/v1/rights-requests', {
    token: clinic.pk,
    body: {
      kind: 'access',
      email: history.who.email,
      dateOfBirth: history.who.dateOfBirth,
      details: markers.requestDetails,
    },
  })
  expect(request.status, JSON.stringify(request.body)).toBe(202)
  const code = /\b(\d{6})\b/.exec(JSON.stringify(harness.sent.at(-1)))?.[1]
  const verified = await harness.call('POST', `/v1/rights-requests/${request.body.requestId}/verify`, {
    token: clinic.pk,
    body: { code },
  })
  expect(verified.status, JSON.stringify(verified.body)).toBe(200)
  markers.decisionNote = `Rejected: Brackenridge ${tag} already has a copy`
  const decided = await harness.call('POST', `/v1/rights-requests/${request.body.requestId}/decision`, {
    token: clinic.sk,
    body: { decision: 'reject', note: markers.decisionNote },
  })
  expect(decided.status, JSON.stringify(decided.body)).toBe(200)

  // Every value still opens for the clinic: the lookups and reads work on sealed data.
  const found = await harness.call('POST', '/v1/patients/search', {
    token: clinic.sk,
    body: { email: history.who.email },
  })
  expect(found.body.data).toEqual([
    expect.objectContaining({ id: history.patientId, name: history.who.name }),
  ])
}, 120_000)

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

/** The ways a value can sit in a file: as written, in UTF-16, hex, base64 (at each alignment) and URL-encoded. */
function encodings(value: string): Buffer[] {
  const utf8 = Buffer.from(value, 'utf8')
  const forms = [value, value.toLowerCase(), value.toUpperCase()].flatMap((text) => [
    Buffer.from(text, 'utf8'),
    Buffer.from(text, 'utf16le'),
    Buffer.from(encodeURIComponent(text), 'utf8'),
  ])
  forms.push(Buffer.from(utf8.toString('hex')), Buffer.from(utf8.toString('hex').toUpperCase()))
  for (let skip = 0; skip < 3; skip++) {
    // A value inside longer base64 lines up with one of three alignments; drop the edge characters.
    const encoded = Buffer.concat([Buffer.alloc(skip), utf8]).toString('base64')
    const core = encoded.slice(Math.ceil((skip * 4) / 3) + 1, -3)
    if (core.length >= 8) {
      forms.push(Buffer.from(core))
      forms.push(Buffer.from(core.replaceAll('+', '-').replaceAll('/', '_')))
    }
  }
  return forms
}

function hits(haystack: Buffer, values: Record<string, string>): string[] {
  return Object.entries(values)
    .filter(([, value]) => encodings(value).some((form) => haystack.includes(form)))
    .map(([name]) => name)
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
}

describe('a patient at rest', () => {
  it.runIf(storage.kind === 'postgres')('pg_dump of the server database shows none of it', async () => {
    const url = storage.kind === 'postgres' ? storage.url : ''
    const { stdout } = await promisify(execFile)('pg_dump', ['--no-owner', url], {
      maxBuffer: 512 * 1024 * 1024,
      encoding: 'buffer',
    })
    const dump = stdout as unknown as Buffer
    expect(hits(dump, { clinic: CLINIC_NAME })).toEqual(['clinic'])
    expect(hits(dump, markers)).toEqual([])
  })

  it.runIf(storage.kind === 'pglite')(
    "PGlite's data folder, every file and the WAL, shows none of it",
    async () => {
      // Closing checkpoints: what the API wrote is in the table files as well as in the WAL.
      await harness.opened.close()
      const files = await filesUnder(dataDir)
      expect(files.some((file) => file.includes('pg_wal'))).toBe(true)
      const found = new Map<string, string[]>()
      let clinicSeen = false
      for (const file of files) {
        const bytes = await readFile(file)
        if (hits(bytes, { clinic: CLINIC_NAME }).length) clinicSeen = true
        const where = hits(bytes, markers)
        if (where.length) found.set(file.slice(dataDir.length), where)
      }
      expect(clinicSeen).toBe(true)
      expect(Object.fromEntries(found)).toEqual({})
    },
    120_000,
  )
})
