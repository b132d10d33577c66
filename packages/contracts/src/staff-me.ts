// The signed-in staff member as the console sees them: who, which clinic, which role and what it allows.
import * as z from 'zod'
import { Id, TimeZone } from './common.js'
import { ALL_PERMISSIONS, type Permission, STAFF_ROLES } from './staff/index.js'

/** The languages the staff console speaks. */
export const CONSOLE_LANGUAGES = ['en', 'de'] as const
export const ConsoleLanguage = z.enum(CONSOLE_LANGUAGES)
export type ConsoleLanguage = z.infer<typeof ConsoleLanguage>

export const StaffMe = z
  .object({
    user: z.object({
      id: z.string(),
      email: z.string(),
      name: z.string(),
      twoFactorEnabled: z.boolean(),
      language: ConsoleLanguage.nullable().meta({
        description:
          "The console's language the member chose in their account; null: the browser's languages decide",
      }),
    }),
    clinic: z.object({ id: Id, name: z.string(), timeZone: TimeZone }),
    role: z.enum(STAFF_ROLES),
    permissions: z
      .array(z.enum(ALL_PERMISSIONS as [Permission, ...Permission[]]))
      .meta({ description: 'What the role allows, as resource:action (see @frontdesk/contracts/staff)' }),
    practitionerId: Id.nullable().meta({
      description:
        "The practitioner this staff member is, whose calendar a practitioner's reads are limited to",
    }),
  })
  .meta({ id: 'StaffMe' })
export type StaffMe = z.infer<typeof StaffMe>
