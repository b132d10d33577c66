// A clinic's claims arriving together share statements (src/booking/claim-batches.ts): each patient still gets
// their own booking and answer, one failing claim does not fail its neighbours, clinics never share a
// statement, and a database out of reach fails them at once instead of trying each again.
import type { KyselyPlugin } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { createTestClinic, DEFAULT_NOW, patient, type TestClinic, useHarness } from './harness.js'

const harness = useHarness()
const WEDNESDAY_0900 = Date.parse('2027-03-03T08:00:00Z') // 09:00 in Berlin

afterEach(() => {
  harness.clock.now = DEFAULT_NOW
})

/** What reached the database: per claim statement, how many claims it carried and the clinics it named. */
interface Sent {
  claims: number
  clinics: string[]
}

/** The harness's app over a connection that records every claim statement (and can fail them). */
function countingApp(clinicIds: string[], fail?: () => Error | undefined) {
  const sent: Sent[] = []
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      const text = JSON.stringify(args.node)
      const claims = text.split('frontdesk_claim(').length - 1
      if (claims > 0) {
        sent.push({ claims, clinics: clinicIds.filter((id) => text.includes(id)) })
        const error = fail?.()
        if (error) throw error
      }
      return args.node
    },
    transformResult: async (args) => args.result,
  }
  const app = createApp({ ...harness.deps, db: harness.deps.db.withPlugin(plugin) })
  return { app, sent }
}

/** The n-th bookable time on Wednesday: practitioners alternate, half an hour apart. */
function slot(clinic: TestClinic, n: number) {
  return {
    practitionerId: clinic.practitionerIds[n % 2]!,
    startsAt: new Date(WEDNESDAY_0900 + Math.floor(n / 2) * 30 * 60_000).toISOString(),
  }
}

/** A name of letters only, as names are: the n-th patient's. */
const nameOf = (n: number) =>
  `Maria ${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[n % 26]}${'abcdefghij'[Math.floor(n / 26)]}muster`

async function book(app: ReturnType<typeof createApp>, clinic: TestClinic, n: number) {
  const response = await app.request('/v1/bookings', {
    method: 'POST',
    headers: { Authorization: `Bearer ${clinic.sk}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      serviceId: clinic.serviceId,
      ...slot(clinic, n),
      patient: { ...patient, name: nameOf(n), email: `patient${n}@example.org` },
    }),
  })
  return { status: response.status, body: await response.json(), headers: response.headers }
}

describe('claims arriving together', () => {
  it('go to the database in fewer statements, and each patient gets their own booking and answer', async () => {
    const clinic = await createTestClinic(harness)
    const { app, sent } = countingApp([clinic.clinicId])
    const answers = await Promise.all(Array.from({ length: 24 }, (_, n) => book(app, clinic, n)))

    expect(answers.map((answer) => answer.status)).toEqual(Array(24).fill(201))
    answers.forEach((answer, n) => {
      expect(answer.body.booking).toMatchObject(slot(clinic, n))
    })
    expect(sent.reduce((sum, statement) => sum + statement.claims, 0)).toBe(24)
    expect(sent.length).toBeLessThan(24)
    expect(Math.max(...sent.map((statement) => statement.claims))).toBeGreaterThan(1)

    const stored = await Promise.all(
      answers.map((answer) =>
        harness.call('GET', `/v1/bookings/${answer.body.booking.id}`, { token: clinic.sk }),
      ),
    )
    stored.forEach((booking, n) => {
      expect(booking.status).toBe(200)
      expect(booking.body.patient).toMatchObject({ name: nameOf(n), email: `patient${n}@example.org` })
      expect(booking.body).toMatchObject(slot(clinic, n))
    })
  })

  it('one claim refused by the database makes its neighbours go again alone: all are booked, once each', async () => {
    const clinic = await createTestClinic(harness, { holdMinutes: 5 })
    // A hold on the last of the times, left to expire: its row still sits under the exclusion constraint, so
    // the claim that meets it fails the statement it is in (23P01) until the hold is released.
    const last = 11
    const hold = await harness.call('POST', '/v1/holds', {
      token: clinic.pk,
      body: { serviceId: clinic.serviceId, ...slot(clinic, last) },
    })
    expect(hold.status).toBe(201)
    harness.clock.now += 5 * 60_000 + 1

    const { app, sent } = countingApp([clinic.clinicId])
    const answers = await Promise.all(Array.from({ length: last + 1 }, (_, n) => book(app, clinic, n)))

    expect(answers.map((answer) => answer.status)).toEqual(Array(last + 1).fill(201))
    // The failed statement carried the blocked claim and at least one other; each then went alone, and the
    // blocked one once more after its expired hold was released.
    const carried = sent.reduce((sum, statement) => sum + statement.claims, 0)
    expect(carried).toBeGreaterThanOrEqual(last + 1 + 2 + 1)
    const list = await harness.call('GET', '/v1/bookings?limit=100', { token: clinic.sk })
    expect(list.body.data.filter((row: { status: string }) => row.status === 'confirmed')).toHaveLength(
      last + 1,
    )
    expect(
      new Set(
        list.body.data.map(
          (row: { startsAt: string; practitionerId: string }) => `${row.practitionerId} ${row.startsAt}`,
        ),
      ).size,
    ).toBe(list.body.data.length)
  })

  it("never puts two clinics' claims in one statement", async () => {
    const [first, second] = [await createTestClinic(harness), await createTestClinic(harness)]
    const { app, sent } = countingApp([first.clinicId, second.clinicId])
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, n) => book(app, n % 2 ? second : first, Math.floor(n / 2))),
    )

    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(201))
    expect(sent.some((statement) => statement.claims > 1)).toBe(true)
    for (const statement of sent) expect(statement.clinics).toHaveLength(1)
    for (const clinic of [first, second]) {
      const list = await harness.call('GET', '/v1/bookings?limit=100', { token: clinic.sk })
      expect(list.body.data).toHaveLength(10)
      const ids = new Set(list.body.data.map((row: { id: string }) => row.id))
      const own = answers.filter((_, n) => (n % 2 ? second : first) === clinic)
      expect(own.every((answer) => ids.has(answer.body.booking.id))).toBe(true)
    }
  })

  it('a database out of reach fails the waiting claims at once (503), without trying each again', async () => {
    const clinic = await createTestClinic(harness)
    let down = true
    const shutDown = () =>
      down
        ? Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })
        : undefined
    const { app, sent } = countingApp([clinic.clinicId], shutDown)
    const answers = await Promise.all(Array.from({ length: 12 }, (_, n) => book(app, clinic, n)))

    expect(answers.map((answer) => answer.status)).toEqual(Array(12).fill(503))
    expect(answers.every((answer) => answer.body.error.code === 'UNAVAILABLE')).toBe(true)
    expect(answers.every((answer) => answer.headers.get('retry-after') === '5')).toBe(true)
    expect(sent.reduce((sum, statement) => sum + statement.claims, 0)).toBe(12)
    expect(sent.length).toBeLessThan(12)

    // Back up: the queue kept nothing stuck, and the times are still free.
    down = false
    const again = await Promise.all(Array.from({ length: 12 }, (_, n) => book(app, clinic, n)))
    expect(again.map((answer) => answer.status)).toEqual(Array(12).fill(201))
  })
})
