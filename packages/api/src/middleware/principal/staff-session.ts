// A staff member's principal from their better-auth session cookie, with the console's CSRF rule:
// a cookie acts only on requests this API's own pages made.
import { isStaffRole } from '@frontdesk/contracts/staff'
import type { Context } from 'hono'
import type { AppEnv, ClinicContext, Principal } from '../../env.js'
import { ApiError } from '../../errors.js'
import { clinicColumns, toClinic } from './clinic-row.js'
import { isOwnOrigin } from './own-origin.js'

const SAFE_METHODS = new Set(['GET', 'HEAD'])

export async function resolveStaffSession(
  c: Context<AppEnv>,
): Promise<{ principal: Principal; clinic: ClinicContext } | null> {
  const { staff, system } = c.get('deps')
  const cookies = c.req.header('Cookie')
  if (!staff || !cookies?.includes('session_token')) return null

  // Cookies ride along on cross-site requests; changes must come from this origin's own pages.
  if (!SAFE_METHODS.has(c.req.method) && !sameOrigin(c)) {
    throw new ApiError(
      'FORBIDDEN',
      'A signed-in session may change things only from the console on this origin',
    )
  }
  const session = await staff.api.getSession({ headers: c.req.raw.headers })
  const clinicId = session?.session.activeOrganizationId
  if (!session || !clinicId) return null

  // Before a clinic is known: the connection that runs without one.
  const row = await system
    .selectFrom('staff.member')
    .innerJoin('clinics', 'clinics.id', 'staff.member.organizationId')
    .leftJoin('practitioners', (join) =>
      join
        .onRef('practitioners.clinic_id', '=', 'clinics.id')
        .onRef('practitioners.staff_user_id', '=', 'staff.member.userId'),
    )
    .select([
      'staff.member.id as memberId',
      'staff.member.role',
      'practitioners.id as practitionerId',
      ...clinicColumns,
    ])
    .where('staff.member.userId', '=', session.user.id)
    .where('staff.member.organizationId', '=', clinicId)
    .executeTakeFirst()
  if (!row || !isStaffRole(row.role)) return null
  return {
    principal: {
      kind: 'staff',
      id: session.user.id,
      role: row.role,
      memberId: row.memberId,
      practitionerId: row.practitionerId,
    },
    clinic: toClinic(row),
  }
}

/** Fetch metadata when the browser sends it, else the Origin header against this request's own origin. */
function sameOrigin(c: Context<AppEnv>): boolean {
  const site = c.req.header('Sec-Fetch-Site')
  if (site) return site === 'same-origin'
  return isOwnOrigin(c, c.req.header('Origin'))
}
