// A clinic's region: tagged when created, shown in its settings, never changed by the clinic, and guarded by
// FRONTDESK_REGION when a clinic is created and when the server starts.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClinic } from '../src/catalogue/clinic-store.js'
import { assertClinicsInRegion, RegionError, regionFromEnv } from '../src/catalogue/region.js'
import { openDatabase } from '../src/db/database.js'
import { migrate } from '../src/db/migrate.js'
import type { Database } from '../src/db/schema.js'
import { ApiError } from '../src/errors.js'
import { createApiKey } from '../src/keys/store.js'
import { createLogger } from '../src/logger.js'
import { startServer } from '../src/server.js'
import { ORIGIN, TEST_MASTER_KEY_ENV, useHarness } from './harness.js'
import { expectError } from './security/fixtures.js'

// On PostgreSQL every test file shares one database, and other files start `frontdesk serve` on it: the only
// region any test leaves behind there is `eu` (cli.test.ts too). Clinics of other regions are made inside
// transactions that roll back, so no other file, and no later test here, ever sees them.
const harness = useHarness()
const system = () => harness.deps.system
let counter = 0
const clinicName = () => `Region Clinic ${++counter} ${Date.now()}`

/** Runs `work` in a transaction of the system connection and undoes everything it wrote. */
async function rolledBack(work: (trx: Kysely<Database>) => Promise<void>): Promise<void> {
  const undo = new Error('roll back')
  await expect(
    system()
      .transaction()
      .execute(async (trx) => {
        await work(trx)
        throw undo
      }),
  ).rejects.toBe(undo)
}

/** A clinic with a secret key and a publishable key that works from ORIGIN. */
async function clinicWithKeys(input: { region?: string }, deploymentRegion: string | null = null) {
  const { id } = await createClinic(
    system(),
    { name: clinicName(), timeZone: 'Europe/Berlin', allowedOrigins: [ORIGIN], ...input },
    { deploymentRegion },
  )
  const sk = (await createApiKey(system(), id, { kind: 'secret' })).token
  const pk = (await createApiKey(system(), id, { kind: 'publishable' })).token
  return { id, sk, pk }
}

const settingsOf = (token: string) => harness.call('GET', '/v1/clinic/settings', { token })

async function clinicsNamed(db: Kysely<Database>, name: string) {
  const clinics = await db.selectFrom('clinics').select('id').where('name', '=', name).execute()
  const organizations = await db
    .selectFrom('staff.organization')
    .select('id')
    .where('name', '=', name)
    .execute()
  return clinics.length + organizations.length
}

describe('a clinic created with a region', () => {
  it('shows the region in the settings its secret key reads', async () => {
    const clinic = await clinicWithKeys({ region: 'eu' })
    const settings = await settingsOf(clinic.sk)
    expect(settings.status).toBe(200)
    expect(settings.body).toMatchObject({ id: clinic.id, region: 'eu' })
  })

  it("takes the deployment's region when it names none, and none on a deployment without one", async () => {
    const tagged = await clinicWithKeys({}, 'eu')
    expect((await settingsOf(tagged.sk)).body.region).toBe('eu')
    const untagged = await clinicWithKeys({})
    expect((await settingsOf(untagged.sk)).body.region).toBeNull()
  })

  it('is refused with 422 VALIDATION_FAILED on a deployment of another region, and nothing is written', async () => {
    const name = clinicName()
    const refused = createClinic(
      system(),
      { name, timeZone: 'Europe/Berlin', region: 'us' },
      { deploymentRegion: 'eu' },
    )
    await expect(refused).rejects.toBeInstanceOf(ApiError)
    await expect(refused).rejects.toMatchObject({
      status: 422,
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/serves region "eu".*"us" belongs to another deployment/),
      issues: [{ path: 'region', message: expect.stringContaining('another deployment') }],
    })
    expect(await clinicsNamed(system(), name)).toBe(0)
  })

  it('is refused with 422 VALIDATION_FAILED when the region is not a short lowercase code', async () => {
    for (const region of ['EU', 'europe_west', 'e', 'eu-', '-eu', ' eu', `eu-${'x'.repeat(40)}`, '']) {
      const name = clinicName()
      await expect(
        createClinic(system(), { name, timeZone: 'Europe/Berlin', region }, { deploymentRegion: null }),
      ).rejects.toMatchObject({ status: 422, code: 'VALIDATION_FAILED', issues: [{ path: 'region' }] })
      expect(await clinicsNamed(system(), name)).toBe(0)
    }
  })

  it('is accepted in the forms a deployment names its region', async () => {
    await rolledBack(async (trx) => {
      for (const region of ['us', 'in', 'eu-central', 'ap-south-1']) {
        const { id } = await createClinic(trx, { name: clinicName(), timeZone: 'UTC', region })
        const row = await trx.selectFrom('clinics').select('region').where('id', '=', id).executeTakeFirst()
        expect(row?.region).toBe(region)
      }
    })
  })
})

describe("a clinic's region after it is created", () => {
  it('cannot be changed with the clinic key: 422 naming the field, and the region stays', async () => {
    const clinic = await clinicWithKeys({ region: 'eu' })
    const changed = await harness.call('PATCH', '/v1/clinic', { token: clinic.sk, body: { region: 'us' } })
    expectError(changed, 422, 'VALIDATION_FAILED')
    expect(changed.body.error.issues).toContainEqual({ path: 'region', message: 'Unknown field' })
    expect((await settingsOf(clinic.sk)).body.region).toBe('eu')
  })

  it('is fixed in the database too: a tagged clinic never moves, an untagged one may be tagged once', async () => {
    await rolledBack(async (trx) => {
      const tagged = await createClinic(trx, { name: clinicName(), timeZone: 'UTC', region: 'eu' })
      const untagged = await createClinic(trx, { name: clinicName(), timeZone: 'UTC' })
      await sql`UPDATE clinics SET region = 'eu' WHERE id = ${untagged.id}`.execute(trx)
      await sql`SAVEPOINT move`.execute(trx)
      await expect(
        sql`UPDATE clinics SET region = 'us' WHERE id = ${tagged.id}`.execute(trx),
      ).rejects.toThrow(/region is fixed/)
      await sql`ROLLBACK TO SAVEPOINT move`.execute(trx)
      const rows = await trx
        .selectFrom('clinics')
        .select('region')
        .where('id', 'in', [tagged.id, untagged.id])
        .execute()
      expect(rows.map((row) => row.region)).toEqual(['eu', 'eu'])
    })
  })

  it("is another clinic's own: its keys read their clinic's settings, never this one's", async () => {
    const eu = await clinicWithKeys({ region: 'eu' })
    const other = await clinicWithKeys({})
    const seen = await settingsOf(other.sk)
    expect(seen.body).toMatchObject({ id: other.id, region: null })
    expect(JSON.stringify(seen.body)).not.toContain(eu.id)
    // Settings are for servers: a publishable key, safe in a browser, does not read them at all.
    expectError(await settingsOf(eu.pk), 403, 'FORBIDDEN')
  })
})

describe('FRONTDESK_REGION', () => {
  it('is a region code, or nothing', () => {
    expect(regionFromEnv({})).toBeNull()
    expect(regionFromEnv({ FRONTDESK_REGION: '' })).toBeNull()
    expect(regionFromEnv({ FRONTDESK_REGION: 'eu-central' })).toBe('eu-central')
    expect(() => regionFromEnv({ FRONTDESK_REGION: 'Frankfurt' })).toThrow(RegionError)
    expect(() => regionFromEnv({ FRONTDESK_REGION: 'Frankfurt' })).toThrow(/FRONTDESK_REGION="Frankfurt"/)
  })

  it('lets a deployment start on clinics of its own region and clinics without one', async () => {
    await rolledBack(async (trx) => {
      await createClinic(trx, { name: clinicName(), timeZone: 'UTC', region: 'eu' })
      await createClinic(trx, { name: clinicName(), timeZone: 'UTC' })
      await expect(assertClinicsInRegion(trx, 'eu')).resolves.toBeUndefined()
    })
  })

  it('stops the start on a database holding clinics of another region, naming them', async () => {
    await rolledBack(async (trx) => {
      await createClinic(trx, { name: clinicName(), timeZone: 'UTC', region: 'eu' })
      await createClinic(trx, { name: clinicName(), timeZone: 'UTC', region: 'us' })
      await createClinic(trx, { name: clinicName(), timeZone: 'UTC', region: 'us' })
      const check = assertClinicsInRegion(trx, 'eu')
      await expect(check).rejects.toBeInstanceOf(RegionError)
      await expect(check).rejects.toThrow(
        /FRONTDESK_REGION is "eu" but this database holds clinics of another region \(2 of region "us"\): their data would be served from the wrong region/,
      )
      // Seen from the US deployment, the EU clinic is the stranger.
      await expect(assertClinicsInRegion(trx, 'us')).rejects.toThrow(/of region "eu"/)
      // A deployment that names no region checks nothing.
      await expect(assertClinicsInRegion(trx, null)).resolves.toBeUndefined()
    })
  })
})

describe('frontdesk serve with FRONTDESK_REGION', () => {
  // Its own PGlite folder, whichever storage the suite runs on: a server on the shared database would see
  // every other file's clinics.
  let dataDir = ''
  const quiet = createLogger({ level: 'silent' })
  const env = (region: string) => ({
    FRONTDESK_MASTER_KEY: TEST_MASTER_KEY_ENV,
    FRONTDESK_REGION: region,
    FRONTDESK_WEBHOOK_DISPATCH: '0',
  })
  const start = (region: string) =>
    startServer({ port: 0, hostname: '127.0.0.1', storage: { dataDir }, logger: quiet, env: env(region) })

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'frontdesk-region-'))
    const opened = await openDatabase({ dataDir })
    try {
      await migrate(opened.system)
      await createClinic(opened.system, {
        name: 'Clinic in the US',
        timeZone: 'America/New_York',
        region: 'us',
      })
    } finally {
      await opened.close()
    }
  }, 60_000)

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true })
  })

  it('refuses to start on a database of another region, and on a malformed region', async () => {
    await expect(start('eu')).rejects.toThrow(/holds clinics of another region \(1 of region "us"\)/)
    await expect(start('US')).rejects.toThrow(RegionError)
  })

  it('starts on a database of its own region', async () => {
    const running = await start('us')
    try {
      const health = await fetch(`${running.url.replace('localhost', '127.0.0.1')}/healthz`)
      expect(health.status).toBe(200)
    } finally {
      await running.close()
    }
  })
})
