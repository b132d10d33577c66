// The baseline: Hono + zod safeParse + one pg INSERT, the least a booking endpoint could do on this stack.
import { Hono } from 'hono'
import pg from 'pg'
import * as z from 'zod'

export const BARE_TABLE_SQL = `CREATE TABLE IF NOT EXISTS bench_bare_bookings (
  id               bigserial PRIMARY KEY,
  service_id       text NOT NULL,
  practitioner_id  text NOT NULL,
  starts_at        timestamptz NOT NULL,
  patient_name     text NOT NULL,
  patient_email    text NOT NULL,
  date_of_birth    date NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
)`

const BareBooking = z.object({
  serviceId: z.string().min(1).max(64),
  practitionerId: z.string().min(1).max(64),
  startsAt: z.iso.datetime({ offset: true }),
  patient: z.object({
    name: z.string().min(1).max(200),
    email: z.email().max(254),
    dateOfBirth: z.iso.date(),
  }),
})

export function createBareApp(databaseUrl: string, poolSize: number) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize })
  const app = new Hono()
  app.post('/v1/bookings', async (c) => {
    const parsed = BareBooking.safeParse(await c.req.json())
    if (!parsed.success) return c.json({ error: { code: 'VALIDATION_FAILED' } }, 422)
    const booking = parsed.data
    const result = await pool.query<{ id: string }>(
      `INSERT INTO bench_bare_bookings (service_id, practitioner_id, starts_at, patient_name, patient_email, date_of_birth)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        booking.serviceId,
        booking.practitionerId,
        booking.startsAt,
        booking.patient.name,
        booking.patient.email,
        booking.patient.dateOfBirth,
      ],
    )
    return c.json({ id: result.rows[0]?.id }, 201)
  })
  return { app, close: () => pool.end() }
}
