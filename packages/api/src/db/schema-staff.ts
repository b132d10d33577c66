// Kysely types for better-auth's tables in the `staff` schema (migration 0016), as far as Frontdesk reads them.
import type { ColumnType } from 'kysely'

export interface StaffUsersTable {
  id: string
  name: string
  email: string
  emailVerified: boolean
  twoFactorEnabled: boolean | null
  /** The console's language the member chose (migration 0025); null: their browser's decides. */
  language: ColumnType<string | null, string | null | undefined, string | null>
  createdAt: ColumnType<Date, Date | undefined, never>
  updatedAt: ColumnType<Date, Date | undefined, Date>
}

export interface StaffOrganizationsTable {
  /** The clinic's id. */
  id: string
  name: string
  slug: string
  logo: string | null
  metadata: string | null
  createdAt: Date
}

export interface StaffMembersTable {
  id: string
  organizationId: string
  userId: string
  role: string
  createdAt: Date
}

export interface StaffInvitationsTable {
  id: string
  organizationId: string
  email: string
  role: string | null
  status: string
  expiresAt: Date
  inviterId: string
  createdAt: ColumnType<Date, Date | undefined, never>
}

export interface StaffAccountsTable {
  id: string
  accountId: string
  providerId: string
  userId: string
  /** better-auth's scrypt hash, for the 'credential' provider. */
  password: string | null
  createdAt: Date
  updatedAt: Date
}

export interface StaffSessionsTable {
  id: string
  userId: string
  token: string
  expiresAt: Date
  activeOrganizationId: string | null
}

/** A staff member's TOTP secret and backup codes, sealed by better-auth under the staff secret ring. */
export interface StaffTwoFactorTable {
  id: string
  userId: string
  secret: string
  backupCodes: string
}

export interface StaffDatabase {
  'staff.account': StaffAccountsTable
  'staff.session': StaffSessionsTable
  'staff.user': StaffUsersTable
  'staff.organization': StaffOrganizationsTable
  'staff.member': StaffMembersTable
  'staff.invitation': StaffInvitationsTable
  'staff.twoFactor': StaffTwoFactorTable
}
