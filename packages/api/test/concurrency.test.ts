// Races for one slot: exactly one winner whatever the path, no deadlock, and idempotent replays make one booking.
import type { KyselyPlugin } from 'kysely'
import { describe, expect, inject, it } from 'vitest'
import { createApp } from '../src/app.js'
import { createTestClinic, patient, useHarness } from './harness.js'
import { type ServeProcess, startServeProcess } from './serve-process.js'

const harness = useHarness()
const SLOT = '2027-03-03T08:00:00Z' // Wednesday 09:00 Berlin

const person = (n: number) => ({ ...patient, email: `patient${n}@example.org`, phone: undefined })

describe('no double booking', () => {
  it('50 concurrent bookings of one slot: one succeeds, 49 get SLOT_TAKEN', async () => {
    const clinic = await createTestClinic(harness)
    const attempts = await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        harness.call('POST', '/v1/bookings', {
          token: clinic.pk,
          body: {
            serviceId: clinic.serviceId,
            practitionerId: clinic.practitionerIds[0],
            startsAt: SLOT,
            patient: person(n),
          },
        }),
      ),
    )
    const statuses = attempts.map((attempt) => attempt.status)
    expect(statuses.filter((status) => status === 201)).toHaveLength(1)
    expect(
      attempts.filter((attempt) => attempt.status === 409).map((attempt) => attempt.body.error.code),
    ).toEqual(Array(49).fill('SLOT_TAKEN'))
    const list = await harness.call('GET', '/v1/bookings', { token: clinic.sk })
    expect(list.body.data).toHaveLength(1)
  })

  it('in one process, the losers step aside once the winner holds the time: no claim of their own', async () => {
    const clinic = await createTestClinic(harness)
    // The same app, with every claim statement that reaches the database counted.
    let claims = 0
    const counting: KyselyPlugin = {
      transformQuery(args) {
        if (JSON.stringify(args.node).includes('frontdesk_claim')) claims++
        return args.node
      },
      transformResult: async (args) => args.result,
    }
    const app = createApp({ ...harness.deps, db: harness.deps.db.withPlugin(counting) })
    const attempts = await Promise.all(
      Array.from({ length: 50 }, async (_, n) => {
        const response = await app.request('/v1/bookings', {
          method: 'POST',
          headers: { Authorization: `Bearer ${clinic.sk}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            serviceId: clinic.serviceId,
            practitionerId: clinic.practitionerIds[0],
            startsAt: SLOT,
            patient: person(n),
          }),
        })
        return { status: response.status, body: await response.json() }
      }),
    )
    expect(attempts.filter((attempt) => attempt.status === 201)).toHaveLength(1)
    expect(attempts.filter((attempt) => attempt.body.error?.code === 'SLOT_TAKEN')).toHaveLength(49)
    // Each loser waited for the claim ahead of it instead of queueing for the practitioner's lock.
    expect(claims).toBeGreaterThanOrEqual(1)
    expect(claims).toBeLessThan(10)
    const list = await harness.call('GET', '/v1/bookings', { token: clinic.sk })
    expect(list.body.data).toHaveLength(1)
  })

  it('overlapping slots of different lengths are caught too, for holds and bookings alike', async () => {
    const clinic = await createTestClinic(harness)
    const long = await harness.call('POST', '/v1/services', {
      token: clinic.sk,
      body: { name: 'Long visit', durationMinutes: 60, minNoticeMinutes: 60, slotIntervalMinutes: 30 },
    })
    await harness.call('PATCH', `/v1/practitioners/${clinic.practitionerIds[0]}`, {
      token: clinic.sk,
      body: { serviceIds: [clinic.serviceId, long.body.id] },
    })
    // 09:00–10:00 overlaps 09:30–10:00; 30-minute bookings at 09:30 and holds of the hour race each other.
    const attempts = await Promise.all(
      Array.from({ length: 30 }, (_, n) => {
        const choice =
          n % 2 === 0
            ? {
                serviceId: long.body.id,
                practitionerId: clinic.practitionerIds[0],
                startsAt: '2027-03-03T08:00:00Z',
              }
            : {
                serviceId: clinic.serviceId,
                practitionerId: clinic.practitionerIds[0],
                startsAt: '2027-03-03T08:30:00Z',
              }
        return n % 3 === 0
          ? harness.call('POST', '/v1/holds', { token: clinic.pk, body: choice })
          : harness.call('POST', '/v1/bookings', {
              token: clinic.pk,
              body: { ...choice, patient: person(n) },
            })
      }),
    )
    expect(attempts.filter((attempt) => attempt.status === 201)).toHaveLength(1)
    expect(attempts.filter((attempt) => attempt.status === 409)).toHaveLength(29)
    const day = await harness.call(
      'GET',
      `/v1/availability?serviceId=${clinic.serviceId}&from=2027-03-03&to=2027-03-03`,
      {
        token: clinic.pk,
      },
    )
    const free = (time: string) =>
      day.body.days[0].slots.find((slot: { localTime: string }) => slot.localTime === time)
        ?.practitionerIds ?? []
    expect(free('09:30')).not.toContain(clinic.practitionerIds[0])
  })

  it('"any practitioner" fills each free practitioner once and then answers SLOT_TAKEN', async () => {
    const clinic = await createTestClinic(harness)
    const attempts = await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        harness.call('POST', '/v1/bookings', {
          token: clinic.pk,
          body: { serviceId: clinic.serviceId, startsAt: SLOT, patient: person(n) },
        }),
      ),
    )
    const won = attempts.filter((attempt) => attempt.status === 201)
    expect(won.map((attempt) => attempt.body.booking.practitionerId).sort()).toEqual(
      [...clinic.practitionerIds].sort(),
    )
    expect(attempts.filter((attempt) => attempt.status === 409)).toHaveLength(10)
  })

  it('concurrent replays with one Idempotency-Key create exactly one booking and all answer it', async () => {
    const clinic = await createTestClinic(harness)
    const body = {
      serviceId: clinic.serviceId,
      practitionerId: clinic.practitionerIds[1],
      startsAt: SLOT,
      patient,
    }
    const replays = await Promise.all(
      Array.from({ length: 20 }, () =>
        harness.call('POST', '/v1/bookings', {
          token: clinic.pk,
          body,
          headers: { 'Idempotency-Key': 'checkout-42' },
        }),
      ),
    )
    expect(replays.map((replay) => replay.status)).toEqual(Array(20).fill(201))
    expect(new Set(replays.map((replay) => replay.body.booking.id)).size).toBe(1)
    expect(replays.filter((replay) => replay.headers.get('Idempotent-Replayed') === 'true')).toHaveLength(19)
    const list = await harness.call('GET', '/v1/bookings', { token: clinic.sk })
    expect(list.body.data).toHaveLength(1)
  })
})

describe('two API processes sharing one PostgreSQL server', () => {
  const storage = inject('storage')
  it.runIf(storage.kind === 'postgres')(
    'a race across both still yields one booking',
    async () => {
      const clinic = await createTestClinic(harness)
      const url = storage.kind === 'postgres' ? storage.url : ''
      const servers = await Promise.all([startApiProcess(url), startApiProcess(url)])
      try {
        // These processes run on the real clock: take a slot they offer now.
        const from = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)
        const to = new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10)
        const offered = await fetch(
          `${servers[0]!.url}/v1/availability?serviceId=${clinic.serviceId}&practitionerId=${clinic.practitionerIds[0]}&from=${from}&to=${to}`,
          { headers: { Authorization: `Bearer ${clinic.sk}` } },
        )
        const days = ((await offered.json()) as { days: { slots: { startsAt: string }[] }[] }).days
        const startsAt = days.flatMap((day) => day.slots)[0]!.startsAt
        const attempts = await Promise.all(
          Array.from({ length: 50 }, async (_, n) => {
            const response = await fetch(`${servers[n % 2]!.url}/v1/bookings`, {
              method: 'POST',
              headers: { Authorization: `Bearer ${clinic.sk}`, 'Content-Type': 'application/json' },
              body: JSON.stringify({
                serviceId: clinic.serviceId,
                practitionerId: clinic.practitionerIds[0],
                startsAt,
                patient: person(n),
              }),
            })
            return {
              status: response.status,
              code: ((await response.json()) as { error?: { code: string } }).error?.code,
            }
          }),
        )
        expect(attempts.filter((attempt) => attempt.status === 201)).toHaveLength(1)
        expect(attempts.filter((attempt) => attempt.code === 'SLOT_TAKEN')).toHaveLength(49)
      } finally {
        await Promise.all(servers.map((server) => server.stop()))
      }
    },
    60_000,
  )
})

describe('the catalogue and keys remembered by each API process', () => {
  const storage = inject('storage')
  it.runIf(storage.kind === 'postgres')(
    'sees a schedule change made through another process as soon as its change notice arrives',
    async () => {
      const clinic = await createTestClinic(harness)
      const url = storage.kind === 'postgres' ? storage.url : ''
      const [writer, reader] = await Promise.all([startApiProcess(url), startApiProcess(url)])
      try {
        const from = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)
        const to = new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10)
        const headers = { Authorization: `Bearer ${clinic.sk}`, 'Content-Type': 'application/json' }
        const slotsSeenBy = async (base: string) => {
          const response = await fetch(
            `${base}/v1/availability?serviceId=${clinic.serviceId}&practitionerId=${clinic.practitionerIds[0]}&from=${from}&to=${to}`,
            { headers },
          )
          const body = (await response.json()) as { days: { slots: unknown[] }[] }
          return body.days.flatMap((day) => day.slots).length
        }
        expect(await slotsSeenBy(reader.url)).toBeGreaterThan(0)
        const closed = await fetch(`${writer.url}/v1/practitioners/${clinic.practitionerIds[0]}/hours`, {
          method: 'PUT',
          headers,
          body: JSON.stringify({ hours: [] }),
        })
        expect(closed.status).toBe(200)
        // The notice travels from PostgreSQL to the reader on its own connection: moments, not an instant.
        await expect.poll(() => slotsSeenBy(reader.url), NOTICE_DELAY).toBe(0)
      } finally {
        await Promise.all([writer.stop(), reader.stop()])
      }
    },
    60_000,
  )

  it.runIf(storage.kind === 'postgres')(
    'refuses a key in every process once another process has revoked it',
    async () => {
      const clinic = await createTestClinic(harness)
      const url = storage.kind === 'postgres' ? storage.url : ''
      const spare = await harness.call('POST', '/v1/keys', { token: clinic.sk, body: { kind: 'secret' } })
      const [writer, reader] = await Promise.all([startApiProcess(url), startApiProcess(url)])
      try {
        const statusSeenBy = async (base: string, token: string) =>
          (await fetch(`${base}/v1/clinic`, { headers: { Authorization: `Bearer ${token}` } })).status
        expect(await statusSeenBy(reader.url, spare.body.token)).toBe(200)
        expect(await statusSeenBy(reader.url, spare.body.token)).toBe(200)
        const revoked = await fetch(`${writer.url}/v1/keys/${spare.body.key.id}/revoke`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${clinic.sk}` },
        })
        expect(revoked.status).toBe(200)
        expect(await statusSeenBy(writer.url, spare.body.token)).toBe(401)
        await expect.poll(() => statusSeenBy(reader.url, spare.body.token), NOTICE_DELAY).toBe(401)
      } finally {
        await Promise.all([writer.stop(), reader.stop()])
      }
    },
    60_000,
  )
})

const NOTICE_DELAY = { timeout: 3000, interval: 20 }

/** A real `frontdesk serve` child process; the database is shared, so it delivers no other file's webhooks. */
async function startApiProcess(databaseUrl: string): Promise<ServeProcess> {
  const started = await startServeProcess({ databaseUrl, env: { FRONTDESK_WEBHOOK_DISPATCH: '0' } })
  await started.ready
  return started
}
