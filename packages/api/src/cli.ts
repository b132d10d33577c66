// The `frontdesk` command: serve, migrate, seed, clinics and keys, on PGlite or on DATABASE_URL.
import { parseArgs } from 'node:util'
import type { KeyKind, KeyMode } from '@frontdesk/contracts'
import { TimeZone } from '@frontdesk/contracts'
import type { Kysely } from 'kysely'
import { createClinic } from './catalogue/clinic-store.js'
import { ledgerCommand } from './cli-ledgers.js'
import { staffCommand } from './cli-staff.js'
import { openDatabase } from './db/database.js'
import { migrate } from './db/migrate.js'
import type { Database } from './db/schema.js'
import { createApiKey, listApiKeys, revokeApiKey } from './keys/store.js'
import { DEMO_SLUG, seedDemoClinic } from './seed.js'
import { startServer, storageFromEnv } from './server.js'

const HELP = `Usage: frontdesk <command> [options]

Commands:
  serve                     Start the API on $PORT (default 8787); migrates first
  migrate                   Apply the SQL migrations
  seed [--json]             Create the demo clinic once and print its keys
  clinics create --name N --time-zone Z [--origin URL]...
  clinics list
  keys create [--clinic ID] --kind publishable|secret [--mode test|live] [--label L]
  keys list [--clinic ID]
  keys revoke <key id> [--clinic ID]
  staff add [--clinic ID] --email E [--name N] [--role owner|admin|practitioner|reception]
                            [--practitioner ID] [--password P]   A console account (password printed)
  staff password --email E [--password P]   New password (printed when not given); ends the sessions
  consent verify [--clinic ID] [--json]   Check each clinic's consent ledger; exit 1 if broken
  audit verify [--clinic ID] [--json]     Seal, then check each clinic's audit trail; exit 1 if broken

Storage: DATABASE_URL selects a PostgreSQL server; otherwise PGlite keeps its data in
$FRONTDESK_DATA_DIR (default ./.frontdesk). PGlite never calls fsync: use a server in production.
Encrypted fields are sealed under FRONTDESK_MASTER_KEY (32 bytes, base64: openssl rand -base64 32).
Without it, serve on PGlite generates master.key in the data folder; with DATABASE_URL it refuses.
Back the key up: losing it loses the data.
--clinic takes a clinic id or slug ("demo"); it may be left out while there is one clinic.`

export async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP)
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

  if (!['migrate', 'seed', 'clinics', 'keys', 'consent', 'audit'].includes(command)) {
    console.error(`Unknown command "${command}".\n\n${HELP}`)
    return 2
  }
  const opened = await openDatabase({ url: storage.databaseUrl, dataDir: storage.dataDir })
  try {
    // The system connection: these commands name their clinic themselves or work across clinics.
    const db = opened.system
    // Every command works on an up-to-date schema; `migrate` only says what it applied.
    const migrated = await migrate(db)
    switch (command) {
      case 'migrate': {
        console.log(migrated.applied.length ? `Applied ${migrated.applied.join(', ')}` : 'Up to date')
        return 0
      }
      case 'seed': {
        const { values } = parseArgs({
          args: [sub ?? '', ...rest].filter(Boolean),
          options: { json: { type: 'boolean' } },
        })
        // The API's own origin is allowed, so curl with `Origin: <the API>` works against `serve` on the same PORT.
        const allowedOrigins = [`http://localhost:${servePort()}`, 'http://localhost:5173']
        const result = await seedDemoClinic(opened, { allowedOrigins })
        if (values.json) console.log(JSON.stringify(result, null, 2))
        else printSeed(result)
        return 0
      }
      case 'clinics':
        return await clinicsCommand(db, sub, rest)
      case 'keys':
        return await keysCommand(db, sub, rest)
      case 'staff':
        return await staffCommand(db, sub, rest, resolveClinic)
      case 'consent':
      case 'audit':
        return await ledgerCommand(command, db, sub, rest)
      default:
        console.error(`Unknown command "${command}".\n\n${HELP}`)
        return 2
    }
  } finally {
    await opened.close()
  }
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
      .select(['id', 'slug', 'name', 'time_zone'])
      .orderBy('created_at')
      .execute()
    for (const row of rows) console.log(`${row.id}  ${row.slug ?? '-'}  ${row.time_zone}  ${row.name}`)
    return 0
  }
  if (sub === 'create') {
    const { values } = parseArgs({
      args,
      options: {
        name: { type: 'string' },
        'time-zone': { type: 'string' },
        origin: { type: 'string', multiple: true },
      },
    })
    const timeZone = TimeZone.safeParse(values['time-zone'])
    if (!values.name || !timeZone.success) {
      console.error('clinics create needs --name and a valid --time-zone such as Europe/Berlin')
      return 2
    }
    const origins = (values.origin ?? []).map((origin) => new URL(origin).origin)
    const { id } = await createClinic(db, {
      name: values.name,
      timeZone: timeZone.data,
      allowedOrigins: origins,
    })
    console.log(id)
    return 0
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
  console.error('Usage: frontdesk keys create|list|revoke')
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

const isEntry =
  process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '')
if (isEntry || process.env.FRONTDESK_CLI === '1') {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error)
      process.exit(1)
    },
  )
}
