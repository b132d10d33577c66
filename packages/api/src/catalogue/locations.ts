// The clinic's locations: where it sees patients, named in weekly hours and on bookings.
import { type CreateLocation, endpoints, type Location, type UpdateLocation } from '@frontdesk/contracts'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { Database } from '../db/schema.js'
import type { RequestScope } from '../env.js'
import { notFound } from '../errors.js'
import { idempotent } from '../idempotency/idempotent.js'
import { newId } from '../tokens.js'

type Db = Kysely<Database>

export async function listLocations(db: Db, clinicId: string): Promise<Location[]> {
  const rows = await db
    .selectFrom('locations')
    .select(['id', 'name', 'address'])
    .where('clinic_id', '=', clinicId)
    .orderBy('name')
    .orderBy('id')
    .execute()
  return rows
}

export async function createLocation(scope: RequestScope, input: z.infer<typeof CreateLocation>) {
  return idempotent(
    scope,
    { operation: endpoints.createLocation, body: input },
    async () => null,
    async (trx) => {
      const location = { id: newId('loc'), name: input.name, address: input.address }
      await trx
        .insertInto('locations')
        .values({ ...location, clinic_id: scope.clinic.id })
        .execute()
      return { status: 201 as const, body: location }
    },
  )
}

export async function updateLocation(
  scope: RequestScope,
  id: string,
  input: z.infer<typeof UpdateLocation>,
): Promise<Location> {
  const row = await scope.db
    .updateTable('locations')
    .set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.address !== undefined && { address: input.address }),
      id,
    })
    .where('clinic_id', '=', scope.clinic.id)
    .where('id', '=', id)
    .returning(['id', 'name', 'address'])
    .executeTakeFirst()
  if (!row) throw notFound('location')
  return row
}
