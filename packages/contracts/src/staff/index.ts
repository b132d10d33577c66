// Staff roles and what each may do: defined once, read by the API's checks, better-auth's and the console's.
// Plain data, no zod, so the console can import it without the schemas.

export const STAFF_ROLES = ['owner', 'admin', 'practitioner', 'reception'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

/** Every resource a staff member can be allowed to act on, and its actions. */
export const PERMISSION_STATEMENTS = {
  /** Services, locations, practitioners, forms and documents as the public sees them. */
  catalogue: ['read', 'manage'],
  /** Bookings and holds. */
  booking: ['read', 'manage'],
  /** Intake responses and consent records: health data. */
  patient: ['read', 'manage'],
  /** Working hours, date overrides and time off. */
  schedule: ['read', 'manage'],
  /** Intake forms and consent documents and their versions. */
  form: ['manage'],
  /** The clinic's own settings: name, time zone, policies, allowed origins. */
  settings: ['read', 'manage'],
  key: ['manage'],
  webhook: ['manage'],
  /** Members, their roles and invitations. */
  staff: ['manage'],
  audit: ['read'],
  /** Patients' rights: exports, erasure, restriction, legal holds, retention, and patients' own requests. */
  rights: ['manage'],
  /** Taking the clinic's whole archive and closing the clinic: the owner's alone. */
  clinic: ['close'],
} as const

export type PermissionResource = keyof typeof PERMISSION_STATEMENTS
export type Permission = {
  [R in PermissionResource]: `${R}:${(typeof PERMISSION_STATEMENTS)[R][number]}`
}[PermissionResource]

export const ALL_PERMISSIONS: readonly Permission[] = Object.entries(PERMISSION_STATEMENTS).flatMap(
  ([resource, actions]) => actions.map((action) => `${resource}:${action}` as Permission),
)

/**
 * What each role may do. Secret keys may do everything an owner may, except manage staff and close the
 * clinic (those routes take a staff session only).
 */
export const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  owner: ALL_PERMISSIONS,
  admin: ALL_PERMISSIONS.filter((permission) => permission !== 'clinic:close'),
  reception: [
    'catalogue:read',
    'booking:read',
    'booking:manage',
    'patient:read',
    'patient:manage',
    'schedule:read',
    'schedule:manage',
  ],
  practitioner: ['catalogue:read', 'booking:read', 'patient:read', 'schedule:read'],
}

/**
 * A practitioner's reads reach only their own calendar: bookings with them, the intake answers and
 * consent records of those bookings' patients, and their own hours, date overrides and time off.
 * Everyone else with the permission sees the whole clinic.
 */
export const OWN_ONLY: Partial<Record<StaffRole, readonly Permission[]>> = {
  practitioner: ['booking:read', 'patient:read', 'schedule:read'],
}

export function roleAllows(role: StaffRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission)
}

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value)
}
