// `frontdesk staff …`: accounts for the staff console made by the operator, and new passwords.
import { parseArgs } from 'node:util'
import { isStaffRole } from '@frontdesk/contracts/staff'
import type { Kysely } from 'kysely'
import type { Database } from './db/schema.js'
import { addStaffMember, newStaffPassword, setStaffPassword } from './staff/accounts.js'

export async function staffCommand(
  db: Kysely<Database>,
  sub: string | undefined,
  args: string[],
  resolveClinic: (db: Kysely<Database>, given: string | undefined) => Promise<string | null>,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      clinic: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', default: 'admin' },
      password: { type: 'string' },
      practitioner: { type: 'string' },
    },
  })
  if (!values.email) {
    console.error('--email is required')
    return 2
  }
  const password = values.password ?? newStaffPassword()
  if (password.length < 12) {
    console.error('A staff password has at least 12 characters')
    return 2
  }
  if (sub === 'add') {
    if (!isStaffRole(values.role)) {
      console.error('--role is one of owner, admin, practitioner, reception')
      return 2
    }
    const clinicId = await resolveClinic(db, values.clinic)
    if (!clinicId) return 2
    const { userId } = await addStaffMember(db, {
      clinicId,
      email: values.email,
      name: values.name ?? values.email,
      password,
      role: values.role,
    })
    // A practitioner account sees the calendar of the practitioner it is.
    if (values.practitioner) {
      const linked = await db
        .updateTable('practitioners')
        .set({ staff_user_id: userId })
        .where('clinic_id', '=', clinicId)
        .where('id', '=', values.practitioner)
        .executeTakeFirst()
      if (linked.numUpdatedRows === 0n) console.error(`No practitioner ${values.practitioner} in ${clinicId}`)
    }
    console.log(`${values.email} is ${values.role} of ${clinicId}.`)
  } else if (sub === 'password') {
    if (!(await setStaffPassword(db, values.email, password))) {
      console.error(`No staff account has the email ${values.email}`)
      return 1
    }
    console.log(`New password for ${values.email}; every session of the account has ended.`)
  } else {
    console.error('Usage: frontdesk staff add|password --email E …')
    return 2
  }
  if (!values.password) console.log(`  password  ${password}   (shown once)`)
  return 0
}
