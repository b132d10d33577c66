// Runs the whole demo in one process: builds the widgets if needed, starts the API, seeds the clinic, serves its site.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { access } from 'node:fs/promises'
import type { Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath, pathToFileURL } from 'node:url'
import {
  addStaffMember,
  createClinic,
  createLogger,
  type RunningServer,
  seedDemoClinic,
  startServer,
  twilioSignature,
} from '@frontdesk/api/testing'
import { startDevInbox } from '@frontdesk/dev-inbox'
import { createSiteServer } from './site-server.js'

export interface DemoOptions {
  /** The API's port; 0 picks a free one. Default: PORT or 8787. */
  apiPort?: number
  /** The clinic site's port; 0 picks a free one. Default: SITE_PORT or 5173. */
  sitePort?: number
  /** PGlite data folder, or memory:// for nothing on disk. Default: FRONTDESK_DATA_DIR or ./.frontdesk. */
  dataDir?: string
  /** The dev inbox's page (patient mail, SMS and WhatsApp); 0 picks a free one. Default: INBOX_PORT or 8025. */
  inboxPort?: number
  /** No build output, logs or banner: for tests. */
  quiet?: boolean
  /** The API's clock; the wall clock unless told. Tests move one to have a reminder fall due at once. */
  now?: () => number
}

export interface RunningDemo {
  siteUrl: string
  apiUrl: string
  publishableKey: string
  clinicId: string
  /** The clinic's hosted booking page on the API (`/c/demo`), for clinics without a site: link or QR code. */
  hostedBookingUrl: string
  /** The new-patient history the booking on the home page is followed by. */
  intakeFormId: string
  /** The child's first-visit form, used instead when the patient is under 18. */
  childIntakeFormId: string
  /** The consent documents the booking asks for after intake. */
  consentDocuments: string[]
  /** The clinic's secret key when this run seeded it (always with memory://); null if it existed. */
  secretKey: string | null
  /** The staff console (/admin on the API) and its owner; the password only when this run seeded it. */
  staff: { consoleUrl: string; email: string; password: string | null }
  /** The master key file made for the data folder; null when the key comes from the environment or memory. */
  masterKeyFile: string | null
  /** The dev inbox: every email, SMS and WhatsApp message the demo sends patients and staff, with a reply box. */
  inboxUrl: string
  /** A clinic of its own with an owner who can sign in: for a test that must leave the demo clinic be. */
  addClinic(name: string): Promise<{ clinicId: string; name: string; email: string; password: string }>
  close(): Promise<void>
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const widgetBundle = fileURLToPath(new URL('../../packages/widgets/dist/widgets.js', import.meta.url))

export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const {
    apiPort = portFromEnv('PORT', 8787),
    sitePort = portFromEnv('SITE_PORT', 5173),
    dataDir = process.env.FRONTDESK_DATA_DIR || './.frontdesk',
    inboxPort = portFromEnv('INBOX_PORT', 8025),
    quiet = false,
    now,
  } = options

  await ensureWidgetBundle(quiet)
  // Messages stay on this machine: patient and staff mail to the dev inbox's SMTP server, SMS and WhatsApp to its
  // stand-in for Twilio's API, and replies typed there come back signed, as Twilio would send them.
  const twilio = {
    accountSid: `AC${randomBytes(16).toString('hex')}`,
    authToken: randomBytes(16).toString('hex'),
  }
  let apiUrl: string | undefined
  const inbox = await startDevInbox({
    httpPort: inboxPort,
    twilio,
    sign: twilioSignature,
    inboundUrl: () => apiUrl && `${apiUrl}/v1/inbound/twilio`,
  })
  // The demo names the master key it made in its own summary; a warning would alarm a newcomer for nothing.
  let masterKeyFile: string | null = null
  const logger = createLogger({
    level: quiet ? 'silent' : 'warn',
    write: (line) => {
      const entry = JSON.parse(line) as { event?: string; path?: string }
      if (entry.event === 'master-key-file') masterKeyFile = entry.path ?? null
      else process.stdout.write(`${line}\n`)
    },
  })
  // Delivery starts once the clinic is seeded: on PGlite the job queue's start would make the seeding wait.
  let seededNow = () => {}
  const seeding = new Promise<void>((resolve) => {
    seededNow = resolve
  })
  let api: RunningServer
  try {
    api = await startServer({
      port: apiPort,
      // The demo is for this machine: nothing on the network should reach its keys or its patients.
      hostname: '127.0.0.1',
      storage: { databaseUrl: process.env.DATABASE_URL || undefined, dataDir },
      env: {
        ...process.env,
        // …and so its webhooks may reach a receiver on this machine (examples/webhook-receiver).
        FRONTDESK_WEBHOOKS_ALLOW_PRIVATE: process.env.FRONTDESK_WEBHOOKS_ALLOW_PRIVATE ?? '1',
        FRONTDESK_SMTP_URL: `smtp://${inbox.smtp.host}:${inbox.smtp.port}`,
        FRONTDESK_MAIL_FROM: 'praxis@lindenhof.example',
        FRONTDESK_TWILIO_ACCOUNT_SID: twilio.accountSid,
        FRONTDESK_TWILIO_AUTH_TOKEN: twilio.authToken,
        FRONTDESK_TWILIO_API_URL: inbox.twilioBaseUrl,
      },
      logger,
      ...(now && { now }),
      // The demo seeds and serves its site meanwhile; message delivery starts a moment after the API answers.
      resolveWhenAnswering: true,
      backgroundAfter: seeding,
    })
  } catch (error) {
    await inbox.close()
    throw error
  }
  // Heard here: the API has closed itself by then, and its log says why to whoever looks.
  api.background.catch((error: Error) =>
    logger.error('message and webhook delivery did not start; the API stopped', { error: error.message }),
  )
  apiUrl = api.url
  let site: HttpServer | undefined
  try {
    let publishableKey = ''
    let seededClinic: Awaited<ReturnType<typeof seedDemoClinic>> | undefined
    site = createSiteServer({
      apiUrl: api.url,
      publishableKey: () => publishableKey,
      intakeFormId: () => seededClinic?.intakeForms.newPatient ?? '',
      childIntakeFormId: () => seededClinic?.intakeForms.child ?? '',
      consentDocuments: () => seededClinic?.bookingConsentDocuments.join(' ') ?? '',
    })
    const siteUrl = `http://localhost:${await listen(site, sitePort)}`

    const seeded = await seedDemoClinic(
      { ...api.opened, cipher: api.cipher },
      {
        allowedOrigins: [siteUrl, api.url],
        intakePageUrl: `${siteUrl}/intake.html`,
        publicUrl: api.url,
      },
    )
    await allowOrigin(api, seeded.clinicId, siteUrl)
    publishableKey = seeded.publishableKey
    seededClinic = seeded
    seededNow()

    const openSite = site
    return {
      siteUrl,
      apiUrl: api.url,
      publishableKey,
      clinicId: seeded.clinicId,
      hostedBookingUrl: seeded.hostedBookingUrl,
      intakeFormId: seeded.intakeForms.newPatient,
      childIntakeFormId: seeded.intakeForms.child,
      consentDocuments: seeded.bookingConsentDocuments,
      secretKey: seeded.secretKey,
      staff: { consoleUrl: `${api.url}/admin`, ...seeded.staff },
      masterKeyFile,
      inboxUrl: inbox.url,
      async addClinic(name: string) {
        const { id } = await createClinic(api.opened.system, {
          name,
          timeZone: 'Europe/Berlin',
          allowedOrigins: [],
        })
        const email = `owner-${id.slice(-8).toLowerCase()}@clinic.example`
        const password = randomBytes(12).toString('base64url')
        await addStaffMember(api.opened.system, {
          clinicId: id,
          email,
          name: 'Owner',
          password,
          role: 'owner',
        })
        return { clinicId: id, name, email, password }
      },
      async close() {
        await Promise.all([closeServer(openSite), closeApi(api)])
        await inbox.close()
      },
    }
  } catch (error) {
    if (site?.listening) await closeServer(site)
    await closeApi(api)
    await inbox.close()
    throw error
  }
}

/** The widget's script comes from the API, which serves packages/widgets/dist/widgets.js: build it once. */
async function ensureWidgetBundle(quiet: boolean): Promise<void> {
  if (
    await access(widgetBundle).then(
      () => true,
      () => false,
    )
  )
    return
  if (!quiet) console.log('Building the widgets first (packages/widgets/dist/widgets.js is missing)…')
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const build = spawn(npm, ['run', 'build', '-w', '@frontdesk/contracts', '-w', '@frontdesk/widgets'], {
    cwd: repoRoot,
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
    shell: process.platform === 'win32',
  })
  const code = await new Promise<number | null>((resolve, reject) => {
    build.once('error', reject)
    build.once('exit', resolve)
  })
  if (code !== 0) throw new Error(`Building the widgets failed (exit code ${code}); see the output above`)
}

/**
 * The browser sends the site's own origin, with its real port, and the publishable key is accepted
 * only from the clinic's allowed origins. A clinic seeded earlier on other ports needs this one added.
 * Updating the clinic row also tells the API's key cache, through the database's change notices.
 */
async function allowOrigin(api: RunningServer, clinicId: string, origin: string): Promise<void> {
  const db = api.opened.system
  const clinic = await db
    .selectFrom('clinics')
    .select('allowed_origins')
    .where('id', '=', clinicId)
    .executeTakeFirstOrThrow()
  if (clinic.allowed_origins.includes(origin)) return
  await db
    .updateTable('clinics')
    .set({ allowed_origins: [...clinic.allowed_origins, origin] })
    .where('id', '=', clinicId)
    .execute()
}

function portFromEnv(name: string, fallback: number): number {
  const value = process.env[name]
  if (!value) return fallback
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number`)
  return port
}

/** Same loopback address as the API; browsers try it for localhost. Resolves the port actually bound. */
function listen(server: HttpServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

/** Open keep-alive connections would hold close() until the browser gives them up. */
function closeServer(server: HttpServer): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  server.closeAllConnections()
  return closed
}

async function closeApi(api: RunningServer): Promise<void> {
  const closed = api.close()
  if ('closeAllConnections' in api.server) api.server.closeAllConnections()
  await closed
}

const runDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href

/** Starts the demo and prints its addresses; stops it on Ctrl-C or SIGTERM (`npm run demo`, through ./demo.mjs). */
export async function runDemo(): Promise<void> {
  const demo = await startDemo()
  console.log(`Lindenhof Family Practice demo: ${demo.siteUrl}  (API ${demo.apiUrl}, reference /docs)`)
  console.log(`  intake page ${demo.siteUrl}/intake.html`)
  console.log(
    `  hosted booking page ${demo.hostedBookingUrl}   (for clinics without a site; QR code: ${demo.hostedBookingUrl}/qr.svg)`,
  )
  console.log(`  privacy page ${demo.siteUrl}/privacy.html   (patients ask for a copy of their data there)`)
  if (demo.secretKey) {
    console.log(`  secret key  ${demo.secretKey}   (shown once: read intake answers back with it)`)
    console.log(
      `              curl ${demo.apiUrl}/v1/intake/responses -H "Authorization: Bearer ${demo.secretKey}"`,
    )
  }
  console.log(
    demo.staff.password
      ? `  staff console ${demo.staff.consoleUrl}  as ${demo.staff.email} / ${demo.staff.password}   (shown once)`
      : `  staff console ${demo.staff.consoleUrl}  as ${demo.staff.email} (new password: npx frontdesk staff password --email ${demo.staff.email})`,
  )
  if (demo.masterKeyFile) {
    console.log(
      `  master key    ${demo.masterKeyFile}   (seals patient data in this folder; production sets FRONTDESK_MASTER_KEY)`,
    )
  }
  console.log(
    `  mail          ${demo.inboxUrl}   (dev inbox: confirmations, reminders, SMS, WhatsApp, staff invitations and resets; reply STOP there)`,
  )
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    demo.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('The demo did not stop cleanly:', error)
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

if (runDirectly) await runDemo()
