// better-auth's access control built from the one permission table in @frontdesk/contracts/staff, so the
// organization endpoints (invitations, members) and Frontdesk's own routes ask the same question.
import {
  PERMISSION_STATEMENTS,
  type Permission,
  ROLE_PERMISSIONS,
  type StaffRole,
} from '@frontdesk/contracts/staff'
import { createAccessControl } from 'better-auth/plugins/access'
import { adminAc, defaultStatements, ownerAc } from 'better-auth/plugins/organization/access'

export const accessControl = createAccessControl({ ...defaultStatements, ...PERMISSION_STATEMENTS })

function statementsOf(permissions: readonly Permission[]): Record<string, string[]> {
  const statements: Record<string, string[]> = {}
  for (const permission of permissions) {
    const [resource, action] = permission.split(':') as [string, string]
    statements[resource] = [...(statements[resource] ?? []), action]
  }
  return statements
}

/** Owners and admins also hold better-auth's own rights over members and invitations (`staff:manage`). */
export const staffRoles = {
  owner: accessControl.newRole({ ...ownerAc.statements, ...statementsOf(ROLE_PERMISSIONS.owner) }),
  admin: accessControl.newRole({ ...adminAc.statements, ...statementsOf(ROLE_PERMISSIONS.admin) }),
  practitioner: accessControl.newRole(statementsOf(ROLE_PERMISSIONS.practitioner)),
  reception: accessControl.newRole(statementsOf(ROLE_PERMISSIONS.reception)),
} satisfies Record<StaffRole, unknown>
