// How staff mail (invitations, password resets) leaves the API: through the SMTP server patient email uses
// when one is configured, else into a local outbox folder for development. Patient messages are not sent from here.
import { randomUUID } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from '../logger.js'
import { escapeHtml } from '../messages/escape-html.js'
import type { OutgoingEmail } from '../messages/transports.js'

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
 * Production: each mail goes through the SMTP transport patient email uses (./../messages/transports.ts),
 * which marks it `Auto-Submitted: auto-generated`. A failure reaches better-auth, which answers the
 * invitation with an error; the log names the code only, never the address (a staff address is personal data).
 */
export function smtpMailer(
  send: (mail: OutgoingEmail) => Promise<string>,
  mailFrom: string,
  logger: Logger,
): StaffMailer {
  return {
    async send(mail) {
      try {
        await send({
          to: mail.to,
          from: { name: 'Frontdesk', address: mailFrom },
          replyTo: null,
          subject: mail.subject,
          text: `${mail.text}\n\n${mail.link}\n`,
          html: `<p>${escapeHtml(mail.text)}</p>\n<p><a href="${escapeHtml(mail.link)}">${escapeHtml(mail.link)}</a></p>`,
        })
      } catch (error) {
        logger.warn('staff mail not sent', { code: (error as { code?: string }).code ?? 'smtp_error' })
        throw error
      }
    },
  }
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

/**
 * The configured mail server when there is one; the outbox only without one, said once at start so an
 * operator who forgot FRONTDESK_SMTP_URL sees why nobody receives invitations.
 */
export function staffMailer(options: {
  email: ((mail: OutgoingEmail) => Promise<string>) | null
  mailFrom: string
  outboxDir: string
  logger: Logger
}): StaffMailer {
  if (options.email) return smtpMailer(options.email, options.mailFrom, options.logger)
  options.logger.warn(
    'staff mail (invitations, password resets) is written to the outbox folder, not sent: set FRONTDESK_SMTP_URL',
    { event: 'staff-mail-outbox', dir: options.outboxDir },
  )
  return outboxMailer(options.outboxDir, options.logger)
}
