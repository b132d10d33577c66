// Staff accounts: made by the operator (the seed, `frontdesk staff add`) rather than through an
// invitation, written straight into better-auth's tables with better-auth's own password hash (scrypt),
// so the seed needs no running auth instance and the account signs in like any other; and the signed-in
// member as the console sees them.
import { randomBytes, randomUUID } from 'node:crypto'
import { ConsoleLanguage, type StaffMe } from '@frontdesk/contracts'
import { ROLE_PERMISSIONS, type StaffRole } from '@frontdesk/contracts/staff'
import { hashPassword } from 'better-auth/crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { RequestScope } from '../env.js'
import { ApiError } from '../errors.js'

export interface NewStaffAccount {
  clinicId: string
  email: string
  name: string
  password: string
  role: StaffRole
}

/** Creates the account (or reuses one with that email) and makes it a member of the clinic with the role. */
export async function addStaffMember(
  db: Kysely<Database>,
  input: NewStaffAccount,
): Promise<{ userId: string; memberId: string }> {
  const email = input.email.toLowerCase()
  const now = new Date()
  return db.transaction().execute(async (trx) => {
    let user = await trx.selectFrom('staff.user').select('id').where('email', '=', email).executeTakeFirst()
    if (!user) {
      user = { id: randomUUID() }
      await trx
        .insertInto('staff.user')
        .values({ id: user.id, email, name: input.name, emailVerified: true, twoFactorEnabled: false })
        .execute()
      await trx
        .insertInto('staff.account')
        .values({
          id: randomUUID(),
          accountId: user.id,
          providerId: 'credential',
          userId: user.id,
          password: await hashPassword(input.password),
          createdAt: now,
          updatedAt: now,
        })
        .execute()
    }
    const memberId = randomUUID()
    await trx
      .insertInto('staff.member')
      .values({
        id: memberId,
        organizationId: input.clinicId,
        userId: user.id,
        role: input.role,
        createdAt: now,
      })
      .execute()
    return { userId: user.id, memberId }
  })
}

/** Sets a new password and ends every session of the account; false when no account has this email. */
export async function setStaffPassword(
  db: Kysely<Database>,
  email: string,
  password: string,
): Promise<boolean> {
  const user = await db
    .selectFrom('staff.user')
    .select('id')
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst()
  if (!user) return false
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('staff.account')
      .set({ password: await hashPassword(password), updatedAt: new Date() })
      .where('userId', '=', user.id)
      .where('providerId', '=', 'credential')
      .execute()
    await trx.deleteFrom('staff.session').where('userId', '=', user.id).execute()
  })
  return true
}

/** 20 random characters for a first password the operator hands over (and the staff member changes). */
export function newStaffPassword(): string {
  return randomBytes(15).toString('base64url')
}

/** The signed-in member, their clinic and what their role may do; read on the connection staff belong to. */
export async function staffMe(scope: RequestScope): Promise<StaffMe> {
  const { principal, clinic } = scope
  if (principal.kind !== 'staff') throw new ApiError('FORBIDDEN', 'Only a staff session has a staff member')
  const user = await scope.system
    .selectFrom('staff.user')
    .select(['id', 'email', 'name', 'twoFactorEnabled', 'language'])
    .where('id', '=', principal.id)
    .executeTakeFirstOrThrow()
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      twoFactorEnabled: user.twoFactorEnabled === true,
      language: ConsoleLanguage.safeParse(user.language).data ?? null,
    },
    clinic: { id: clinic.id, name: clinic.name, timeZone: clinic.timeZone },
    role: principal.role,
    permissions: [...ROLE_PERMISSIONS[principal.role]],
    practitionerId: principal.practitionerId,
  }
}
