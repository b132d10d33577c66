// A developer who has never seen the repository: the public packages packed as npm would publish them,
// installed from their tarballs into an empty folder outside the workspace, the CLI seeding and serving,
// the SDK booking a slot, and a file using the SDK's and the widgets' types compiling (and a wrong one not).
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const repo = fileURLToPath(new URL('../../', import.meta.url))
const PUBLIC = ['contracts', 'sdk', 'widgets', 'mocks', 'api'] as const

let folder: string
let app: string
let tarballs: string[]
let server: ChildProcess | undefined
let port: number

/** Every file a package's exports, main and types name, so a stale or partial build is noticed. */
async function exportedFiles(name: string): Promise<string[]> {
  const manifest = JSON.parse(await readFile(join(repo, 'packages', name, 'package.json'), 'utf8'))
  const targets = new Set<string>([manifest.main, manifest.types].filter(Boolean))
  const walk = (value: unknown) => {
    if (typeof value === 'string') targets.add(value)
    else if (value && typeof value === 'object') Object.values(value).forEach(walk)
  }
  walk(manifest.exports)
  return [...targets].map((target) => join(repo, 'packages', name, target))
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })

const npm = (args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) =>
  run('npm', args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 })

beforeAll(async () => {
  const missing = (await Promise.all(PUBLIC.map(exportedFiles))).flat().filter((file) => !existsSync(file))
  // `npm test` on a fresh clone: build what will be packed (CI has built already, so this is skipped).
  if (missing.length) await npm(['run', 'build', '--silent'], repo)

  folder = await mkdtemp(join(tmpdir(), 'frontdesk-install-'))
  await npm(
    [
      'pack',
      '--silent',
      '--pack-destination',
      folder,
      ...PUBLIC.flatMap((name) => ['-w', `@frontdesk/${name}`]),
    ],
    repo,
  )
  tarballs = (await readdir(folder)).filter((file) => file.endsWith('.tgz')).map((file) => join(folder, file))
  app = join(folder, 'clinic-app')
  await mkdir(app)
  await writeFile(
    join(app, 'package.json'),
    JSON.stringify({ name: 'clinic-app', private: true, type: 'module' }),
  )
  await npm(['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs, 'typescript@5.9'], app)
  port = await freePort()
}, 600_000)

afterAll(async () => {
  // npx runs frontdesk as a child of its own: the whole group goes, or `frontdesk serve` outlives the run.
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve))
    process.kill(-server.pid, 'SIGTERM')
    await exited
  }
  if (folder) await rm(folder, { recursive: true, force: true })
})

describe('the public packages, installed from their tarballs', () => {
  it('pack one tarball each, with a README, licence and changelog, their types, and pass publint and are-the-types-wrong (ESM only)', async () => {
    expect(
      tarballs
        .map((file) =>
          file
            .split('/')
            .at(-1)!
            .replace(/-\d+\.\d+\.\d+\.tgz$/, ''),
        )
        .sort(),
    ).toEqual(PUBLIC.map((name) => `frontdesk-${name}`).sort())
    for (const tarball of tarballs) {
      const listed = (await run('tar', ['-tzf', tarball])).stdout.split('\n')
      expect({
        tarball,
        files: ['README.md', 'LICENSE', 'CHANGELOG.md'].filter((file) => !listed.includes(`package/${file}`)),
      }).toEqual({ tarball, files: [] })
    }
    for (const name of PUBLIC) {
      const lint = await run(
        process.execPath,
        [join(repo, 'node_modules/publint/src/cli.js'), join(repo, 'packages', name)],
        {
          cwd: repo,
        },
      )
      expect(lint.stdout, name).toMatch(/All good!/)
    }
    for (const tarball of tarballs) {
      const types = await run(
        process.execPath,
        [
          join(repo, 'node_modules/@arethetypeswrong/cli/dist/index.js'),
          tarball,
          '--profile',
          'esm-only',
          '--format',
          'json',
        ],
        { cwd: repo, maxBuffer: 16 * 1024 * 1024 },
      ).catch((failed: { stdout: string }) => failed)
      const report = JSON.parse(types.stdout)
      const problems = (report.analysis.problems as { resolutionKind?: string }[]).filter(
        (problem: { resolutionKind?: string }) =>
          problem.resolutionKind !== 'node16-cjs' && problem.resolutionKind !== 'node10',
      )
      expect({ tarball, problems, typed: report.analysis.types !== false }).toEqual({
        tarball,
        problems: [],
        typed: true,
      })
    }
  })

  it('seed the demo clinic and serve it with npx frontdesk, and the SDK books a slot', async () => {
    const env = { PORT: String(port), FRONTDESK_RATE_LIMITS: 'off' }
    const seeded = JSON.parse(
      (await run('npx', ['frontdesk', 'seed', '--json'], { cwd: app, env: { ...process.env, ...env } }))
        .stdout,
    )
    expect(seeded.publishableKey).toMatch(/^pk_test_/)
    expect(seeded.allowedOrigins).toContain(`http://localhost:${port}`)

    server = spawn('npx', ['frontdesk', 'serve'], {
      cwd: app,
      env: { ...process.env, ...env },
      stdio: 'ignore',
      // A process group of its own, so that afterAll can end npx and the server it started together.
      detached: true,
    })
    const api = `http://localhost:${port}`
    await expect
      .poll(
        () =>
          fetch(`${api}/readyz`).then(
            (answer) => answer.status,
            () => 0,
          ),
        { timeout: 60_000, interval: 500 },
      )
      .toBe(200)

    await writeFile(
      join(app, 'book.mjs'),
      `import { createFrontdesk } from '@frontdesk/sdk'
const [api, publishableKey, serviceId] = process.argv.slice(2)
const frontdesk = createFrontdesk({ publishableKey, baseUrl: api, origin: api })
const day = new Date(Date.now() + 2 * 864e5)
while ([0, 6].includes(day.getUTCDay())) day.setUTCDate(day.getUTCDate() + 1)
const from = day.toISOString().slice(0, 10)
const to = new Date(+day + 2 * 864e5).toISOString().slice(0, 10)
const free = await frontdesk.availability.get({ serviceId, from, to })
const slot = free.days.flatMap((d) => d.slots)[0]
const booked = await frontdesk.bookings.create({
  serviceId,
  startsAt: slot.startsAt,
  patient: { name: 'Jane Doe', email: 'jane@example.com', dateOfBirth: '1990-02-03' },
})
console.log(JSON.stringify({ bookingId: booked.booking.id, startsAt: booked.booking.startsAt, slot: slot.startsAt }))
`,
    )
    const booked = JSON.parse(
      (
        await run(process.execPath, ['book.mjs', api, seeded.publishableKey, seeded.serviceIds[0]], {
          cwd: app,
        })
      ).stdout,
    )
    expect(booked.bookingId).toMatch(/^bkg_/)
    expect(booked.startsAt).toBe(booked.slot)
  })

  it("type-check a file that uses the SDK and the widgets' element and event types, and refuse a wrong one", async () => {
    await writeFile(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'es2022',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          lib: ['es2022', 'dom'],
          skipLibCheck: false,
        },
        include: ['*.ts'],
      }),
    )
    const source = (
      detail: string,
    ) => `import { createFrontdeskAdmin, type FrontdeskAdmin } from '@frontdesk/sdk'
import '@frontdesk/widgets'

const admin: FrontdeskAdmin = createFrontdeskAdmin({ secretKey: 'sk_test_x', baseUrl: 'http://localhost:8787' })
export const firstBooking = async (): Promise<string | undefined> => (await admin.bookings.list()).data[0]?.id

const booking = document.createElement('frontdesk-booking')
booking.addEventListener('frontdesk-booking-confirmed', (event) => {
  const id: string = event.detail.${detail}
  console.log(id)
})
`
    await writeFile(join(app, 'uses.ts'), source('bookingId'))
    const compiled = await run('npx', ['tsc', '-p', '.'], { cwd: app }).catch(
      (failed: { stdout: string }) => failed,
    )
    expect(compiled.stdout).toBe('')

    await writeFile(join(app, 'uses.ts'), source('patientName'))
    const refused = await run('npx', ['tsc', '-p', '.'], { cwd: app }).catch(
      (failed: { stdout: string }) => failed,
    )
    expect(refused.stdout).toMatch(/patientName/)
  })
})
