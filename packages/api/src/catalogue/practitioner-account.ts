// Which staff account is a practitioner: the link that gives a practitioner member their own calendar
// (db/tenant-scope.ts `ownCalendar` reads it on every request of theirs, see middleware/principal).
import type { Practitioner } from '@frontdesk/contracts'
import { audit } from '../audit/trail.js'
import type { RequestScope } from '../env.js'
import { ApiError, notFound } from '../errors.js'
import { listPractitioners } from './practitioners.js'

/**
 * Links `userId` (a practitioner member of this clinic) to the practitioner, or unlinks with null. One
 * account is one practitioner and a practitioner has one account, so the account leaves any other
 * practitioner in the same transaction (the unique index on (clinic_id, staff_user_id) holds it).
 */
export async function linkPractitionerAccount(
  scope: RequestScope,
  practitionerId: string,
  userId: string | null,
): Promise<Practitioner> {
  const clinicId = scope.clinic.id
  if (userId !== null) await assertPractitionerMember(scope, userId)
  const found = await scope.db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('practitioners')
      .select('id')
      .where('clinic_id', '=', clinicId)
      .where('id', '=', practitionerId)
      .forUpdate()
      .executeTakeFirst()
    if (!exists) return false
    if (userId !== null) {
      await trx
        .updateTable('practitioners')
        .set({ staff_user_id: null })
        .where('clinic_id', '=', clinicId)
        .where('staff_user_id', '=', userId)
        .where('id', '!=', practitionerId)
        .execute()
    }
    await trx
      .updateTable('practitioners')
      .set({ staff_user_id: userId })
      .where('clinic_id', '=', clinicId)
      .where('id', '=', practitionerId)
      .execute()
    await audit(trx, scope, [
      {
        action: userId === null ? 'practitioner.unlink_account' : 'practitioner.link_account',
        objectType: 'practitioner',
        objectId: practitionerId,
      },
    ])
    return true
  })
  if (!found) throw notFound('practitioner')
  const [practitioner] = await listPractitioners(scope.db, clinicId, {
    ids: [practitionerId],
    includeInactive: true,
    staffAccounts: true,
  })
  return practitioner!
}

/**
 * Staff accounts live outside the clinic tables (better-auth's schema), so the system connection reads the
 * membership, filtered by this clinic: another clinic's member is refused exactly like no account at all.
 */
async function assertPractitionerMember(scope: RequestScope, userId: string): Promise<void> {
  const member = await scope.system
    .selectFrom('staff.member')
    .select('role')
    .where('organizationId', '=', scope.clinic.id)
    .where('userId', '=', userId)
    .executeTakeFirst()
  if (member?.role === 'practitioner') return
  throw new ApiError('VALIDATION_FAILED', 'userId: no practitioner member of this clinic has this account', {
    issues: [{ path: 'userId', message: 'No practitioner member of this clinic has this account' }],
  })
}
