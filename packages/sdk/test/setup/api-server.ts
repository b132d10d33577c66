// Vitest global setup for the SDK tests: the real API on an in-memory PGlite, served over HTTP on a free port,
// with a mailbox that keeps the email it sends (a rights request's code) for the tests to read.

import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import type { MessagingDeps, OutgoingEmail } from '@frontdesk/api/testing'
import {
  createApiKey,
  createApp,
  createClinic,
  createLogger,
  FieldCipher,
  MasterKey,
  migrate,
  openDatabase,
} from '@frontdesk/api/testing'
import { serve } from '@hono/node-server'
import type { TestProject } from 'vitest/node'
import { createFrontdeskAdmin } from '../../src/index.js'
import { TIME_ZONE } from '../support/dates.js'
import { seedPractice } from '../support/practice.js'

export interface FrontdeskTestApi {
  baseUrl: string
  publishableKey: string
  secretKey: string
  /** The one origin the test clinic allows. */
  origin: string
  timeZone: string
  serviceId: string
  practitionerIds: [string, string]
  /** GET `?to=address`: the email sent to that address, oldest first, as `{ subject, text }`. */
  mailboxUrl: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    frontdeskApi: FrontdeskTestApi
  }
}

export const ORIGIN = 'http://localhost:5173'
const MAILBOX_PATH = '/__sdk-test/mailbox'

export default async function setup(project: TestProject) {
  const opened = await openDatabase({ dataDir: 'memory://' })
  await migrate(opened.system)
  const { id: clinicId } = await createClinic(opened.system, {
    name: 'SDK Test Clinic',
    timeZone: TIME_ZONE,
    allowedOrigins: [ORIGIN],
    cancellationNoticeMinutes: 60,
    region: 'eu',
  })
  const publishable = await createApiKey(opened.system, clinicId, { kind: 'publishable' })
  const secret = await createApiKey(opened.system, clinicId, { kind: 'secret' })

  const cipher = new FieldCipher({ system: opened.system, masterKey: MasterKey.fromBytes(randomBytes(32)) })
  const sent: OutgoingEmail[] = []
  const messaging: MessagingDeps = {
    publicUrl: '',
    transports: {
      email: async (mail) => {
        sent.push(mail)
        return `mail_${sent.length}`
      },
      text: null,
      close: async () => {},
    },
  }
  const app = createApp({
    db: opened.db,
    system: opened.system,
    logger: createLogger({ level: 'silent' }),
    now: () => Date.now(),
    cipher,
    messaging,
  })
  const mailbox = (request: Request) => {
    const to = new URL(request.url).searchParams.get('to')
    return Response.json(
      sent.filter((mail) => mail.to === to).map(({ subject, text }) => ({ subject, text })),
    )
  }
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve(
      {
        fetch: (request) =>
          new URL(request.url).pathname === MAILBOX_PATH ? mailbox(request) : app.fetch(request),
        port: 0,
        hostname: '127.0.0.1',
      },
      () => resolve(started),
    )
  })
  const { port } = server.address() as AddressInfo
  const baseUrl = `http://127.0.0.1:${port}`
  // Links in the email point here; the port is known only now.
  messaging.publicUrl = baseUrl

  const admin = createFrontdeskAdmin({ secretKey: secret.token, baseUrl })
  const practice = await seedPractice(admin, 'General consultation')

  project.provide('frontdeskApi', {
    baseUrl,
    publishableKey: publishable.token,
    secretKey: secret.token,
    origin: ORIGIN,
    timeZone: TIME_ZONE,
    serviceId: practice.service.id,
    practitionerIds: [practice.practitioners[0].id, practice.practitioners[1].id],
    mailboxUrl: `${baseUrl}${MAILBOX_PATH}`,
  })

  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await opened.close()
  }
}
