// Sealed identity: what sealing a booking's patient costs, and how the clinic's patient search grows with
// its patients. Email search is an index lookup (the baseline of the same run); name search opens every
// patient's name in the API process, so it grows with the clinic.

import { sealPatient, sealText, textPurpose } from '@frontdesk/api/testing'
import { createBenchClinic, expectStatus, type InProcessApi } from './support/clinic.js'
import { heading, ms, note, table, times } from './support/print.js'
import { type Summary, summarize, timeRuns } from './support/stats.js'

/** Name search is fast enough while its median stays under this, one search at a time. */
export const NAME_SEARCH_TARGET_MS = 250

export interface SearchRow {
  patients: number
  email: Summary
  name: Summary
}

export interface SealingReport {
  /** Sealing one booking's patient (four fields, three blind indexes) and its notes, in µs. */
  perBookingMicros: number
  rows: SearchRow[]
  /** The most patients whose name search stayed within the target. */
  fastUpTo: number | undefined
}

export async function benchPatientSearch(
  api: InProcessApi,
  options: { sizes: number[]; runs: number },
): Promise<SealingReport> {
  heading(
    `Sealed identity: sealing per booking, and patient search over ${options.sizes.join(', ')} patients`,
  )
  const clinic = await createBenchClinic(api, { name: 'Search', practitioners: 1 })
  const { cipher } = api
  const patient = (n: number) => ({
    name: `Patient Number ${n} Example`,
    email: `patient.${n}@example.org`,
    phone: `+4930${String(1_000_000 + n).padStart(8, '0')}`,
    dateOfBirth: '1980-05-17',
  })

  // What a booking adds: the patient's four fields sealed, three blind indexes, the notes sealed.
  await sealPatient(cipher, clinic.clinicId, 'pat_warm', patient(0))
  const sealRuns = 2000
  const started = performance.now()
  for (let n = 0; n < sealRuns; n++) {
    await Promise.all([
      sealPatient(cipher, clinic.clinicId, `pat_s${n}`, patient(n)),
      sealText(cipher, clinic.clinicId, textPurpose.bookingNotes(`bkg_s${n}`), 'Back pain for two weeks'),
    ])
  }
  const perBookingMicros = ((performance.now() - started) * 1000) / sealRuns
  note(`sealing a booking's patient and notes: ${perBookingMicros.toFixed(0)} µs (mean of ${sealRuns})`)

  const rows: SearchRow[] = []
  let stored = 0
  for (const size of options.sizes) {
    while (stored < size) {
      const chunk = Math.min(500, size - stored)
      const values = await Promise.all(
        Array.from({ length: chunk }, async (_, index) => {
          const n = stored + index + 1
          return {
            ...(await sealPatient(cipher, clinic.clinicId, `pat_b${n}`, patient(n))),
            clinic_id: clinic.clinicId,
          }
        }),
      )
      await api.system.insertInto('patients').values(values).execute()
      stored += chunk
    }
    const search = (body: object) => async () => {
      const answer = await api.call('POST', '/v1/patients/search', clinic.secretKey, body)
      expectStatus('search', answer, 200)
    }
    const email = summarize(await timeRuns(3, options.runs, search({ email: patient(size).email })))
    // A name no patient has: every name is opened and compared, the worst case.
    const name = summarize(await timeRuns(2, options.runs, search({ name: 'Nobody Byname' })))
    rows.push({ patients: size, email, name })
  }
  table([
    ['patients', 'by email, median', 'by name, median', 'p95', 'name / email'],
    ...rows.map((row) => [
      row.patients.toLocaleString('en'),
      ms(row.email.median),
      ms(row.name.median),
      ms(row.name.p95),
      times(row.name.median / row.email.median),
    ]),
  ])
  const fastUpTo = rows.filter((row) => row.name.median <= NAME_SEARCH_TARGET_MS).at(-1)?.patients
  note(
    `name search stays under ${ms(NAME_SEARCH_TARGET_MS)} up to ${fastUpTo?.toLocaleString('en') ?? 'none'} patients`,
  )
  return { perBookingMicros, rows, fastUpTo }
}
