// Staff mail on a real server: with FRONTDESK_SMTP_URL, invitations and password resets go over SMTP (caught
// by the dev inbox, parsed with mailparser) and their links work; without it they land in the outbox folder.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClinic } from '../src/catalogue/clinic-store.js'
import { createLogger } from '../src/logger.js'
import { smtpEmail } from '../src/messages/transports.js'
import { type RunningServer, startServer } from '../src/server.js'
import { addStaffMember } from '../src/staff/accounts.js'
import { smtpMailer } from '../src/staff/mailer.js'
import { TEST_MASTER_KEY_ENV } from './harness.js'
import { readMail, useInbox } from './messages-support.js'

const PASSWORD = 'correct horse battery staple'
const mail = useInbox()

interface Started {
  server: RunningServer
  logs: string[]
  outboxDir: string
  clinicId: string
  ownerEmail: string
}

/** `frontdesk serve` on its own PGlite in memory, with an owner to invite and reset from. */
async function start(smtp: boolean): Promise<Started> {
  const logs: string[] = []
  const outboxDir = await mkdtemp(join(tmpdir(), 'frontdesk-staff-outbox-'))
  const server = await startServer({
    port: 0,
    hostname: '127.0.0.1',
    storage: { dataDir: 'memory://' },
    outboxDir,
    logger: createLogger({ level: 'info', write: (line) => void logs.push(line) }),
    env: {
      FRONTDESK_MASTER_KEY: TEST_MASTER_KEY_ENV,
      FRONTDESK_WEBHOOK_DISPATCH: '0',
      FRONTDESK_MAIL_FROM: 'staff-mail@frontdesk.example',
      ...(smtp && { FRONTDESK_SMTP_URL: `smtp://127.0.0.1:${mail.inbox.smtp.port}` }),
    },
  })
  const clinic = await createClinic(server.opened.system, {
    name: 'Praxis Mailtest',
    timeZone: 'Europe/Berlin',
  })
  const ownerEmail = `owner-${Date.now()}@staff.example`
  await addStaffMember(server.opened.system, {
    clinicId: clinic.id,
    email: ownerEmail,
    name: 'Olga Owner',
    password: PASSWORD,
    role: 'owner',
  })
  return { server, logs, outboxDir, clinicId: clinic.id, ownerEmail }
}

async function stop(started: Started | undefined) {
  await started?.server.close()
  if (started) await rm(started.outboxDir, { recursive: true, force: true })
}

/** A browser on the console: same origin as the API, its session cookie carried along. */
function client(server: RunningServer) {
  const base = server.url.replace('localhost', '127.0.0.1')
  let cookie = ''
  return async (path: string, body: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: server.url, ...(cookie && { Cookie: cookie }) },
      body: JSON.stringify(body),
    })
    const session = response.headers
      .getSetCookie()
      .map((line) => line.split(';')[0] as string)
      .find((line) => line.includes('session_token=') && !line.endsWith('='))
    if (session) cookie = session
    return { status: response.status, body: (await response.json().catch(() => null)) as unknown }
  }
}

async function waitForMail(to: string, subject: RegExp) {
  for (let tries = 0; tries < 50; tries++) {
    const found = mail.mailsTo(to).find((message) => subject.test(message.subject ?? ''))
    if (found) return readMail(found)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`no mail matching ${subject}`)
}

/** The one link to this server in the mail's text, as a reader would click it. */
function linkIn(text: string | undefined, server: RunningServer): URL {
  const links = (text ?? '').match(/https?:\/\/\S+/g) ?? []
  const link = links.find((candidate) => candidate.startsWith(`${server.url}/admin#`))
  if (!link) throw new Error('no console link in the mail')
  return new URL(link)
}

describe('staff mail with a mail server', () => {
  let started: Started | undefined
  beforeAll(async () => {
    started = await start(true)
  }, 60_000)
  afterAll(() => stop(started))

  it('sends the invitation over SMTP to the invitee, and its link makes a member', async () => {
    const { server, ownerEmail } = started!
    const owner = client(server)
    expect((await owner('/api/auth/sign-in/email', { email: ownerEmail, password: PASSWORD })).status).toBe(
      200,
    )
    const invitee = `reception-${Date.now()}@staff.example`
    const invited = await owner('/api/auth/organization/invite-member', { email: invitee, role: 'reception' })
    expect(invited.status).toBe(200)

    const { mail: received } = await waitForMail(invitee, /invited to Praxis Mailtest/)
    expect(received.to).toMatchObject({ value: [{ address: invitee }] })
    expect(received.from?.value[0]?.address).toBe('staff-mail@frontdesk.example')
    expect(received.headers.get('auto-submitted')).toBe('auto-generated')
    const link = linkIn(received.text, server)
    expect(received.html).toContain(`href="${link.href}"`)
    const console = await fetch(`${link.origin}${link.pathname}`.replace('localhost', '127.0.0.1'))
    expect(console.status).toBe(200)

    const invitationId = new URLSearchParams(link.hash.slice(1)).get('invitation')
    const newcomer = client(server)
    const signedUp = await newcomer('/api/auth/sign-up/email', {
      email: invitee,
      password: PASSWORD,
      name: 'Rita',
    })
    expect(signedUp.status).toBe(200)
    expect((await newcomer('/api/auth/organization/accept-invitation', { invitationId })).status).toBe(200)
    // Nothing went to the outbox, and no staff address reached the log.
    expect(await readdir(started!.outboxDir)).toEqual([])
    expect(started!.logs.join('\n')).not.toContain(invitee)
    expect(started!.logs.join('\n')).not.toContain('staff-mail-outbox')
  })

  it('sends the password reset over SMTP, and its link sets the new password', async () => {
    const { server, ownerEmail } = started!
    const anyone = client(server)
    expect((await anyone('/api/auth/request-password-reset', { email: ownerEmail })).status).toBe(200)

    const { mail: received } = await waitForMail(ownerEmail, /Reset your Frontdesk password/)
    expect(received.to).toMatchObject({ value: [{ address: ownerEmail }] })
    expect(received.headers.get('auto-submitted')).toBe('auto-generated')
    const token = new URLSearchParams(linkIn(received.text, server).hash.slice(1)).get('reset')
    const newPassword = 'a brand new long password'
    expect((await anyone('/api/auth/reset-password', { token, newPassword })).status).toBe(200)
    expect(
      (await anyone('/api/auth/sign-in/email', { email: ownerEmail, password: newPassword })).status,
    ).toBe(200)
    expect(started!.logs.join('\n')).not.toContain(ownerEmail)
  })
})

describe('staff mail without a mail server', () => {
  let started: Started | undefined
  beforeAll(async () => {
    started = await start(false)
  }, 60_000)
  afterAll(() => stop(started))

  it('writes the mail to the outbox folder, says so once at start, and sends nothing over SMTP', async () => {
    const { server, ownerEmail, outboxDir, logs } = started!
    const warnings = logs.filter((line) => line.includes('"event":"staff-mail-outbox"'))
    expect(warnings).toHaveLength(1)
    const before = mail.inbox.messages().length

    const anyone = client(server)
    expect((await anyone('/api/auth/request-password-reset', { email: ownerEmail })).status).toBe(200)
    const files = await readdir(outboxDir)
    expect(files).toHaveLength(1)
    const written = JSON.parse(await readFile(join(outboxDir, files[0]!), 'utf8'))
    expect(written).toMatchObject({ to: ownerEmail, subject: 'Reset your Frontdesk password' })
    expect(written.link).toMatch(new RegExp(`^${server.url}/admin#reset=`))
    expect(mail.inbox.messages().length).toBe(before)
    expect(logs.filter((line) => line.includes('"event":"staff-mail-outbox"'))).toHaveLength(1)
    expect(logs.join('\n')).not.toContain(ownerEmail)
  })
})

describe('staff mail the mail server does not take', () => {
  it('fails the send, and the log names the SMTP code, not the address', async () => {
    const logs: string[] = []
    // A port nothing listens on: the connection is refused, as with a mail server that is down.
    const smtp = smtpEmail('smtp://127.0.0.1:9/?connectionTimeout=2000')
    const mailer = smtpMailer(
      smtp.send,
      'staff-mail@frontdesk.example',
      createLogger({ write: (line) => void logs.push(line) }),
    )
    const to = 'someone@staff.example'
    await expect(
      mailer.send({ to, subject: 'Reset', text: 'Reset', link: 'http://localhost/admin#reset=x' }),
    ).rejects.toThrow('smtp_unreachable')
    await smtp.close()
    expect(logs.join('\n')).toContain('"code":"smtp_unreachable"')
    expect(logs.join('\n')).not.toContain(to)
  })
})
