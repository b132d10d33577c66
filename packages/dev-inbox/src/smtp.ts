// The SMTP catch-all: accepts any mail from anyone to anyone on 127.0.0.1 and files it in the inbox.
import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { type AddressObject, simpleParser } from 'mailparser'
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server'
import type { MessageStore } from './store.js'

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024

export interface SmtpCatchAllOptions {
  port: number
  store: MessageStore
  /** The inbox's web address, for the attachments' download links. */
  inboxUrl: string
}

export interface SmtpCatchAll {
  port: number
  close(): Promise<void>
}

export async function startSmtpCatchAll({
  port,
  store,
  inboxUrl,
}: SmtpCatchAllOptions): Promise<SmtpCatchAll> {
  const server = new SMTPServer({
    banner: 'Frontdesk dev inbox: nothing sent here leaves this machine',
    // Plain text on loopback: no certificate to make, and a mailer configured with a user and password still
    // gets in, whatever it sends.
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'dev' }),
    size: MAX_MESSAGE_BYTES,
    logger: false,
    closeTimeout: 1_000,
    onData(stream, session, callback) {
      fileMail(stream, session, store, inboxUrl).then(
        () => callback(),
        (error: Error) => callback(error),
      )
    },
  })
  // A client that drops mid-conversation is its own business; without a listener it would crash the process.
  server.on('error', () => {})
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

async function fileMail(
  stream: SMTPServerDataStream,
  session: SMTPServerSession,
  store: MessageStore,
  inboxUrl: string,
): Promise<void> {
  // The mail as it came over the wire, kept for the source view: headers and MIME parts as a mail client sees them.
  const chunks: Buffer[] = []
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk)
  const source = Buffer.concat(chunks)
  const mail = await simpleParser(source)
  if (stream.sizeExceeded) {
    throw Object.assign(new Error(`Message is larger than ${MAX_MESSAGE_BYTES} bytes`), { responseCode: 552 })
  }
  const id = randomUUID()
  const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : ''
  const envelopeTo = session.envelope.rcptTo.map((recipient) => recipient.address).join(', ')
  store.add(
    {
      id,
      channel: 'email',
      from: mail.from?.text || envelopeFrom,
      to: addressText(mail.to) || envelopeTo,
      subject: mail.subject ?? null,
      text: mail.text ?? '',
      html: mail.html || null,
      attachments: mail.attachments.map((attachment, index) => ({
        // A calendar invitation travels as a text/calendar part with no file name of its own.
        filename:
          attachment.filename ??
          (attachment.contentType === 'text/calendar' ? 'invitation.ics' : `attachment-${index + 1}`),
        contentType: attachment.contentType,
        size: attachment.size,
        url: `${inboxUrl}/messages/${id}/attachments/${index}`,
      })),
      sourceUrl: `${inboxUrl}/messages/${id}/source`,
      receivedAt: new Date().toISOString(),
      providerId: mail.messageId ?? `<${id}@dev-inbox>`,
      replies: [],
    },
    mail.attachments.map((attachment) => attachment.content),
    source,
  )
}

function addressText(addresses: AddressObject | AddressObject[] | undefined): string {
  if (!addresses) return ''
  return (Array.isArray(addresses) ? addresses : [addresses]).map((address) => address.text).join(', ')
}
