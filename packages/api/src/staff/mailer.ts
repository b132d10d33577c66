// How staff mail (invitations, password resets) leaves the API. Patient messages are not sent from here.
import { randomUUID } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from '../logger.js'

export interface StaffMail {
  to: string
  subject: string
  text: string
  /** The one link the mail carries (an invitation or a reset); its secret sits in the fragment. */
  link: string
}

export interface StaffMailer {
  send(mail: StaffMail): Promise<void>
}

/**
 * Development: each mail is written as a JSON file into a folder (the data folder's `outbox/` by default)
 * and the log says where, never what: a reset link in a log would be a password in a log.
 */
export function outboxMailer(dir: string, logger: Logger): StaffMailer {
  return {
    async send(mail) {
      await mkdir(dir, { recursive: true })
      const file = join(dir, `${new Date().toISOString().replaceAll(':', '-')}-${randomUUID()}.json`)
      await writeFile(file, `${JSON.stringify(mail, null, 2)}\n`, { mode: 0o600 })
      logger.info('staff mail written to the development outbox', { file, subject: mail.subject })
    },
  }
}
