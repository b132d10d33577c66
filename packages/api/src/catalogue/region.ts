// A deployment's region (FRONTDESK_REGION): the tag each clinic it creates carries, and the guards that keep
// one region's clinics out of another region's deployment. A tag and a guard, not routing (docs/deployment.md).
import { Region } from '@frontdesk/contracts'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { ApiError } from '../errors.js'

/** FRONTDESK_REGION is not a region, or the database holds clinics of another region: the server does not start. */
export class RegionError extends Error {
  override name = 'RegionError'
}

/** FRONTDESK_REGION, checked; null when the deployment names no region. */
export function regionFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const value = env.FRONTDESK_REGION?.trim()
  if (!value) return null
  if (!Region.safeParse(value).success) {
    throw new RegionError(
      `FRONTDESK_REGION="${value}" is not a region: use a short lowercase code such as eu, us, in or eu-central`,
    )
  }
  return value
}

/**
 * The region a new clinic is tagged with: the one asked for, else the deployment's. A clinic of another
 * region belongs to that region's deployment and database, so it is refused here before anything is written.
 */
export function newClinicRegion(
  requested: string | undefined,
  deploymentRegion: string | null,
): string | null {
  if (requested === undefined) return deploymentRegion
  const parsed = Region.safeParse(requested)
  if (!parsed.success) throw regionRefused(parsed.error.issues[0]?.message ?? 'Not a region')
  if (deploymentRegion !== null && parsed.data !== deploymentRegion) {
    throw regionRefused(
      `This deployment serves region "${deploymentRegion}": a clinic in "${parsed.data}" belongs to another deployment, the one running in "${parsed.data}" with its own database`,
    )
  }
  return parsed.data
}

function regionRefused(message: string): ApiError {
  return new ApiError('VALIDATION_FAILED', `region: ${message}`, { issues: [{ path: 'region', message }] })
}

/**
 * At start-up: a deployment that names its region refuses a database holding clinics tagged with another,
 * since it would then keep and serve their patients' data outside their region (typically DATABASE_URL or
 * FRONTDESK_REGION copied from another region's configuration). Clinics without a region are served.
 */
export async function assertClinicsInRegion(system: Kysely<Database>, region: string | null): Promise<void> {
  if (region === null) return
  const foreign = await system
    .selectFrom('clinics')
    .select((eb) => ['region', eb.fn.countAll<string>().as('clinics')])
    .where('region', 'is not', null)
    .where('region', '<>', region)
    .groupBy('region')
    .orderBy('region')
    .execute()
  if (foreign.length === 0) return
  const found = foreign.map((row) => `${Number(row.clinics)} of region "${row.region}"`).join(', ')
  throw new RegionError(
    `FRONTDESK_REGION is "${region}" but this database holds clinics of another region (${found}): ` +
      `their data would be served from the wrong region. Point DATABASE_URL at the "${region}" database, ` +
      `or run this database with the deployment of its own region.`,
  )
}
