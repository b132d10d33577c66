// The `frontdesk` command: serve, migrate, seed, clinics, keys, staff, ledgers and backups, on PGlite or on DATABASE_URL.
// Run through ./cli-entry.ts, which starts opening PGlite's data folder for `serve` before this loads.
import { parseArgs } from 'node:util'
import type { KeyKind, KeyMode } from '@frontdesk/contracts'
import { TimeZone } from '@frontdesk/contracts'
import type { Kysely } from 'kysely'
import { createClinic } from './catalogue/clinic-store.js'
import { regionFromEnv } from './catalogue/region.js'
import { backupCommand, restoreCommand } from './cli-backup.js'
import { rotateDataKeyCommand } from './cli-data-key.js'
import { rotateMasterCommand } from './cli-keys.js'
import { ledgerCommand } from './cli-ledgers.js'
import { staffCommand } from './cli-staff.js'
import { FieldCipher } from './crypto/field-cipher.js'
import { loadMasterKey } from './crypto/master-key.js'
import { openDatabase } from './db/database.js'
import { type MigrationResult, migrate } from './db/migrate.js'
import type { Database } from './db/schema.js'
import { sealExistingData } from './db/seal-existing.js'
import { withStartupLock } from './db/startup-lock.js'
import { ApiError } from './errors.js'
import { createApiKey, listApiKeys, revokeApiKey } from './keys/store.js'
import { anchorExistingChains } from './ledger/anchor-existing.js'
import { DEMO_SLUG, seedDemoClinic } from './seed.js'
import { releaseStartingLoop } from './serve-early.js'
import { startServer, storageFromEnv } from './server.js'

const HELP = `Usage: frontdesk <command> [options]

Commands:
  serve                     Start the API on $PORT (default 8787); migrates first
  migrate                   Apply the SQL migrations
  seed [--json]             Create the demo clinic once and print its keys
  clinics create --name N --time-zone Z [--origin URL]... [--region R]
                            R defaults to FRONTDESK_REGION, and must match it when that is set
  clinics list
  keys create [--clinic ID] --kind publishable|secret [--mode test|live] [--label L]
  keys list [--clinic ID]
  keys revoke <key id> [--clinic ID]
  keys rotate-master [--check] [--batch-size N]   Re-wrap every key under FRONTDESK_MASTER_KEY from
                            FRONTDESK_MASTER_KEY_PREVIOUS; --check reports what each master key still wraps
  keys rotate-data-key [--clinic ID] [--batch-size N]   The clinic's next data key; its values sealed again
  staff add [--clinic ID] --email E [--name N] [--role owner|admin|practitioner|reception]
                            [--practitioner ID] [--password P]   A console account (password printed)
  staff password --email E [--password P]   New password (printed when not given); ends the sessions
  consent verify [--clinic ID] [--json]   Check each clinic's consent ledger; exit 1 if broken
  audit verify [--clinic ID] [--json]     Seal, then check each clinic's audit trail; exit 1 if broken
  backup <file>             Archive the embedded database (stopped) to <file>, without the master key
  restore <file> [--force]  Load such an archive into an empty data folder; --force moves the old one aside

Storage: DATABASE_URL selects a PostgreSQL server; otherwise PGlite keeps its data in
$FRONTDESK_DATA_DIR (default ./.frontdesk). PGlite never calls fsync: use a server in production.
Encrypted fields are sealed under FRONTDESK_MASTER_KEY (32 bytes, base64: openssl rand -base64 32).
Without it, serve on PGlite generates master.key in the data folder; with DATABASE_URL it refuses.
Back the key up, apart from the backups: losing it loses the data.
FRONTDESK_REGION (eu, us, in, …) names the deployment's region: new clinics are tagged with it, and
serve refuses a database holding clinics of another region (docs/deployment.md).
--clinic takes a clinic id or slug ("demo"); it may be left out while there is one clinic.
frontdesk <command> --help shows that command's lines.`

const COMMANDS = [
  'serve',
  'migrate',
  'seed',
  'clinics',
  'keys',
  'staff',
  'consent',
  'audit',
  'backup',
  'restore',
]

export async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP)
    return 0
  }
  if (!COMMANDS.includes(command)) {
    console.error(`Unknown command "${command}".\n\n${HELP}`)
    return 2
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(commandHelp(command))
    return 0
  }
  const storage = storageFromEnv()

  if (command === 'serve') {
    const port = servePort()
    const running = await startServer({
      port,
      storage,
      trustedProxies: (process.env.FRONTDESK_TRUSTED_PROXIES ?? '')
        .split(',')
        .filter((entry) => entry.trim()),
      publicUrl: process.env.FRONTDESK_PUBLIC_URL || undefined,
      outboxDir: process.env.FRONTDESK_MAIL_OUTBOX || undefined,
      // Answering is what ready means; webhook and message delivery follow a moment later.
      resolveWhenAnswering: true,
    }).finally(releaseStartingLoop)
    // Delivery that cannot start is as fatal as it was when the start waited for it (the server is closed).
    running.background.catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error)
      process.exit(1)
    })
    const where = storage.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${storage.dataDir}`
    console.error(`Frontdesk API on ${running.url} (${where}); reference at ${running.url}/docs`)
    const stop = async () => {
      await running.close()
      process.exit(0)
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    return new Promise<number>(() => {})
  }

  // These open the database themselves, or refuse to: the data folder must be free (backup) or new (restore).
  if (command === 'backup') return backupCommand(storage, argv.slice(1))
  if (command === 'restore') return restoreCommand(storage, argv.slice(1))
  const opened = await openDatabase({ url: storage.databaseUrl, dataDir: storage.dataDir })
  try {
    // The system connection: these commands name their clinic themselves or work across clinics.
    const db = opened.system
    // Every command works on an up-to-date schema; `migrate` only says what it applied. In turn with the
    // start-ups of `serve` processes on the same server (./db/startup-lock.ts).
    const afterStartUps = <T>(work: () => Promise<T>) =>
      withStartupLock({ databaseUrl: storage.databaseUrl, applicationName: 'frontdesk-cli' }, work)
    const migrated = await afterStartUps(() => migrate(db))
    switch (command) {
      case 'migrate': {
        console.log(migrated.applied.length ? `Applied ${migrated.applied.join(', ')}` : 'Up to date')
        return await afterStartUps(() => sealPending(opened.system, storage, migrated))
      }
      case 'seed': {
        const { values } = parseArgs({
          args: [sub ?? '', ...rest].filter(Boolean),
          options: { json: { type: 'boolean' } },
        })
        // The API's own origin is allowed, so curl with `Origin: <the API>` works against `serve` on the same PORT.
        const allowedOrigins = [`http://localhost:${servePort()}`, 'http://localhost:5173']
        // The sample patients are sealed under the key `serve` will use (on PGlite: made now if missing).
        const cipher = await cliCipher(opened.system, storage)
        const result = await seedDemoClinic(
          { ...opened, cipher },
          {
            allowedOrigins,
            deploymentRegion: regionFromEnv(),
            publicUrl: process.env.FRONTDESK_PUBLIC_URL || `http://localhost:${servePort()}`,
          },
        )
        if (values.json) console.log(JSON.stringify(result, null, 2))
        else printSeed(result)
        return 0
      }
      case 'clinics':
        return await clinicsCommand(db, sub, rest)
      case 'keys':
        // The one command that needs the master key: it loads it itself.
        if (sub === 'rotate-master') return await rotateMasterCommand(db, storage, rest)
        if (sub === 'rotate-data-key') return await rotateDataKeyCommand(db, storage, rest, resolveClinic)
        return await keysCommand(db, sub, rest)
      case 'staff':
        return await staffCommand(db, sub, rest, resolveClinic)
      case 'consent':
      case 'audit':
        return await ledgerCommand(command, db, storage, sub, rest)
      default:
        console.error(`Unknown command "${command}".\n\n${HELP}`)
        return 2
    }
  } finally {
    await opened.close()
  }
}

/**
 * Seals patient details stored in clear before 0020, and signs the heads of chains from before 0022,
 * with the master key `serve` would use.
 */
async function sealPending(
  system: Kysely<Database>,
  storage: ReturnType<typeof storageFromEnv>,
  migrated: Pick<MigrationResult, 'sealing' | 'anchoring'>,
): Promise<number> {
  if (migrated.sealing.state === 'done' && migrated.anchoring.state === 'done') return 0
  const cipher = await cliCipher(system, storage)
  if (migrated.sealing.state !== 'done') {
    const result = await sealExistingData(system, cipher)
    console.log(
      `Sealed ${result.state === 'done' ? result.sealed : 0} rows of patient details stored in clear`,
    )
  }
  if (migrated.anchoring.state !== 'done') {
    const result = await anchorExistingChains(system, cipher.chainHeads)
    console.log(
      `Signed the heads of ${result.state === 'done' ? result.anchored : 0} audit and consent chains`,
    )
  }
  return 0
}

/** The cipher `serve` would have: the same master key, refused if it did not wrap this database's keys. */
async function cliCipher(system: Kysely<Database>, storage: ReturnType<typeof storageFromEnv>) {
  const ring = await loadMasterKey({ dataDir: storage.dataDir, databaseUrl: storage.databaseUrl })
  const cipher = new FieldCipher({ system, ...ring })
  await cipher.verifyMasterKey()
  return cipher
}

/** The lines of HELP that describe `command`, continuation lines included. */
function commandHelp(command: string): string {
  const lines: string[] = []
  let within = false
  for (const line of HELP.split('\n\n')[1]!.split('\n')) {
    if (/^ {2}\S/.test(line)) within = line.startsWith(`  ${command} `) || line === `  ${command}`
    if (within) lines.push(line)
  }
  return `Usage: frontdesk ${command} …\n${lines.join('\n')}`
}

/** The port `frontdesk serve` listens on: PORT, or 8787. */
function servePort() {
  return Number(process.env.PORT ?? 8787)
}

function printSeed(result: Awaited<ReturnType<typeof seedDemoClinic>>) {
  console.log(
    result.created
      ? 'Created the demo clinic "Lindenhof Family Practice".'
      : 'The demo clinic exists already.',
  )
  console.log(`  clinic           ${result.clinicId}`)
  console.log(
    `  publishable key  ${result.publishableKey}   (works from ${result.allowedOrigins.join(', ')})`,
  )
  console.log(
    result.secretKey
      ? `  secret key       ${result.secretKey}   (shown once: keep it now)`
      : '  secret key       shown when first seeded; make another with: frontdesk keys create --kind secret',
  )
  console.log(
    result.staff.password
      ? `  staff console    /admin as ${result.staff.email}, password ${result.staff.password}   (shown once)`
      : `  staff console    /admin as ${result.staff.email}; new password: frontdesk staff password --email ${result.staff.email}`,
  )
  console.log(`  booking page     ${result.hostedBookingUrl}   (QR code: ${result.hostedBookingUrl}/qr.svg)`)
  console.log(`  services         ${result.serviceIds.join(' ')}`)
  console.log(`  practitioners    ${result.practitionerIds.join(' ')}`)
  console.log(`  intake forms     ${result.intakeForms.newPatient} ${result.intakeForms.child}`)
  console.log(`  consent asked    ${result.bookingConsentDocuments.join(' ')}`)
}

async function clinicsCommand(
  db: Kysely<Database>,
  sub: string | undefined,
  args: string[],
): Promise<number> {
  if (sub === 'list') {
    const rows = await db
      .selectFrom('clinics')
      .select(['id', 'slug', 'region', 'name', 'time_zone'])
      .orderBy('created_at')
      .execute()
    for (const row of rows) {
      console.log(`${row.id}  ${row.slug ?? '-'}  ${row.region ?? '-'}  ${row.time_zone}  ${row.name}`)
    }
    return 0
  }
  if (sub === 'create') {
    const { values } = parseArgs({
      args,
      options: {
        name: { type: 'string' },
        'time-zone': { type: 'string' },
        origin: { type: 'string', multiple: true },
        region: { type: 'string' },
      },
    })
    const timeZone = TimeZone.safeParse(values['time-zone'])
    if (!values.name || !timeZone.success) {
      console.error('clinics create needs --name and a valid --time-zone such as Europe/Berlin')
      return 2
    }
    const origins = (values.origin ?? []).map((origin) => new URL(origin).origin)
    try {
      const { id } = await createClinic(
        db,
        {
          name: values.name,
          timeZone: timeZone.data,
          allowedOrigins: origins,
          ...(values.region !== undefined && { region: values.region }),
        },
        { deploymentRegion: regionFromEnv() },
      )
      console.log(id)
      return 0
    } catch (error) {
      // A malformed region, or one another deployment serves: said as the API would say it.
      if (!(error instanceof ApiError)) throw error
      console.error(error.message)
      return 2
    }
  }
  console.error('Usage: frontdesk clinics create|list')
  return 2
}

async function keysCommand(db: Kysely<Database>, sub: string | undefined, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      clinic: { type: 'string' },
      kind: { type: 'string' },
      mode: { type: 'string', default: 'test' },
      label: { type: 'string' },
      json: { type: 'boolean' },
    },
  })
  const clinicId = await resolveClinic(db, values.clinic)
  if (!clinicId) return 2
  if (sub === 'list') {
    const keys = await listApiKeys(db, clinicId)
    if (values.json) console.log(JSON.stringify(keys, null, 2))
    for (const key of values.json ? [] : keys) {
      console.log(
        `${key.id}  ${key.kind.padEnd(11)} ${key.mode}  ${key.revokedAt ? 'revoked' : 'active '}  ${key.hint}`,
      )
    }
    return 0
  }
  if (sub === 'create') {
    if (values.kind !== 'publishable' && values.kind !== 'secret') {
      console.error('keys create needs --kind publishable or --kind secret')
      return 2
    }
    if (values.mode !== 'test' && values.mode !== 'live') {
      console.error('--mode is test or live')
      return 2
    }
    const created = await createApiKey(db, clinicId, {
      kind: values.kind as KeyKind,
      mode: values.mode as KeyMode,
      label: values.label ?? null,
    })
    if (values.json) console.log(JSON.stringify(created, null, 2))
    else
      console.log(
        `${created.key.id}\n${created.token}${values.kind === 'secret' ? '\n(shown once: keep it now)' : ''}`,
      )
    return 0
  }
  if (sub === 'revoke') {
    const keyId = positionals[0]
    if (!keyId) {
      console.error('keys revoke needs the key id, e.g. frontdesk keys revoke key_…')
      return 2
    }
    const key = await revokeApiKey(db, clinicId, keyId)
    if (!key) {
      console.error(`No key ${keyId} in this clinic`)
      return 1
    }
    console.log(`Revoked ${key.id} at ${key.revokedAt}`)
    return 0
  }
  console.error('Usage: frontdesk keys create|list|revoke|rotate-master|rotate-data-key')
  return 2
}

async function resolveClinic(db: Kysely<Database>, given: string | undefined): Promise<string | null> {
  if (given) {
    const row = await db
      .selectFrom('clinics')
      .select('id')
      .where((eb) => eb.or([eb('id', '=', given), eb('slug', '=', given)]))
      .executeTakeFirst()
    if (!row) console.error(`No clinic "${given}"`)
    return row?.id ?? null
  }
  const rows = await db.selectFrom('clinics').select(['id', 'slug']).limit(2).execute()
  if (rows.length === 1) return rows[0]!.id
  const demo = rows.find((row) => row.slug === DEMO_SLUG)
  console.error(
    rows.length === 0
      ? 'No clinic yet: run frontdesk seed, or frontdesk clinics create'
      : `Several clinics: say which with --clinic${demo ? ' (the demo clinic is "demo")' : ''}`,
  )
  return null
}

/** Runs `argv` as the `frontdesk` command and exits with its code. */
export function runCli(argv: string[]): void {
  main(argv).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error)
      process.exit(1)
    },
  )
}
