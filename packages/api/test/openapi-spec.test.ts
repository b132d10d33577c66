// The spec others generate from: Redocly's recommended rules pass, and a client whose types come from
// openapi-typescript compiles, refuses a wrong field, and books a slot over real HTTP.
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { endpointList } from '@frontdesk/contracts'
import { serve } from '@hono/node-server'
import openapiTS, { astToString } from 'openapi-typescript'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestClinic, ORIGIN, type TestClinic, useHarness } from './harness.js'

const harness = useHarness()
let folder: string
let document: Record<string, any>

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'frontdesk-openapi-'))
  document = (await harness.call('GET', '/openapi.json')).body
  await writeFile(join(folder, 'openapi.json'), JSON.stringify(document))
})
afterAll(() => rm(folder, { recursive: true, force: true }))

describe('/openapi.json', () => {
  it("passes Redocly's recommended ruleset with no error and no warning", async () => {
    const cli = join(process.cwd(), 'node_modules/@redocly/cli/bin/cli.js')
    const run = await promisify(execFile)(
      process.execPath,
      [cli, 'lint', join(folder, 'openapi.json'), '--format=json'],
      {
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        maxBuffer: 16 * 1024 * 1024,
      },
    ).catch((failed: { stdout: string }) => failed)
    const report = JSON.parse(run.stdout)
    const problems = report.problems.map((problem: any) => `${problem.ruleId}: ${problem.message}`)
    expect(problems).toEqual([])
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 })
  })

  it('marks exactly the operations whose answers may go out compressed (x-frontdesk-compressed)', () => {
    const marked = Object.values(document.paths as Record<string, Record<string, any>>)
      .flatMap((operations) => Object.values(operations))
      .filter((operation) => operation['x-frontdesk-compressed'] === true)
      .map((operation) => operation.operationId)
      .sort()
    const table = endpointList
      .filter((entry) => entry.compressed)
      .map((entry) => entry.operationId)
      .sort()
    expect(marked).toEqual(table)
    expect(marked).toContain('getAvailabilityTimes')
    expect(marked).not.toContain('createBooking')
  })

  it('lists every operation of the endpoint table once, by its operationId', () => {
    const listed = Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(
      ([path, operations]) =>
        Object.entries(operations).map(([method, operation]) => `${operation.operationId} ${method} ${path}`),
    )
    const table = endpointList.map((entry) => `${entry.operationId} ${entry.method} ${entry.path}`)
    expect(listed.sort()).toEqual(table.sort())
    expect(new Set(listed.map((line) => line.split(' ')[0])).size).toBe(listed.length)
  })

  it('shows a valid example body for the main requests', () => {
    const main = [
      'createHold',
      'createBooking',
      'cancelBooking',
      'rescheduleBooking',
      'createWebhookEndpoint',
      'createKey',
    ]
    for (const operationId of main) {
      const entry = endpointList.find((row) => row.operationId === operationId)!
      const listed = document.paths[entry.path][entry.method].requestBody.content['application/json']
      const schema = entry.request!.body!.content['application/json']!.schema as import('zod').ZodType
      expect({ operationId, example: listed.example !== undefined }).toEqual({ operationId, example: true })
      expect({ operationId, valid: schema.safeParse(listed.example).success }).toEqual({
        operationId,
        valid: true,
      })
    }
  })

  it('writes every pattern as a JSON Schema validator reads it, with no regex flags appended', () => {
    const patterns: string[] = []
    JSON.stringify(document, (key, value) => {
      if (key === 'pattern') patterns.push(value)
      return value
    })
    expect(patterns.length).toBeGreaterThan(0)
    expect(patterns.filter((pattern) => /\/[dgimsuvy]+$/.test(pattern))).toEqual([])
    for (const pattern of patterns) expect(() => new RegExp(pattern, 'u')).not.toThrow()
  })

  it('defines every security scheme an operation names', () => {
    const defined = Object.keys(document.components.securitySchemes)
    const named = new Set(
      Object.values(document.paths as Record<string, Record<string, any>>).flatMap((operations) =>
        Object.values(operations).flatMap((operation) =>
          (operation.security ?? []).flatMap((entry: object) => Object.keys(entry)),
        ),
      ),
    )
    expect([...named].filter((scheme) => !defined.includes(scheme))).toEqual([])
  })
})

describe('a client generated from the spec with openapi-typescript', () => {
  let clinic: TestClinic
  let server: ReturnType<typeof serve>
  let api: string

  beforeAll(async () => {
    clinic = await createTestClinic(harness)
    await writeFile(join(folder, 'schema.d.ts'), astToString(await openapiTS(document as never)))
    server = serve({ fetch: harness.app.fetch, port: 0, hostname: '127.0.0.1' })
    await new Promise((resolve) => server.once('listening', resolve))
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise((resolve) => server.close(resolve)))

  const client = (field: string) => `
import type { paths } from './schema.js'

type Availability = paths['/v1/availability']['get']['responses'][200]['content']['application/json']
type NewBooking = NonNullable<paths['/v1/bookings']['post']['requestBody']>['content']['application/json']
type Booked = paths['/v1/bookings']['post']['responses'][201]['content']['application/json']

export async function bookFirstSlot(api: string, key: string, origin: string, serviceId: string, from: string) {
  const headers = { Authorization: \`Bearer \${key}\`, Origin: origin }
  const query = new URLSearchParams({ serviceId, from, to: from })
  const free: Availability = await (await fetch(\`\${api}/v1/availability?\${query}\`, { headers })).json()
  const slot = free.days.flatMap((day) => day.slots)[0]
  if (!slot) throw new Error('no free slot')
  const booking: NewBooking = {
    serviceId,
    ${field}: slot.startsAt,
    patient: { name: 'Jane Doe', email: 'jane@example.com', dateOfBirth: '1990-02-03' },
  }
  const answer = await fetch(\`\${api}/v1/bookings\`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(booking),
  })
  const booked: Booked = await answer.json()
  return { status: answer.status, bookingId: booked.booking.id, startsAt: booked.booking.startsAt, slot: slot.startsAt }
}
`

  function typeErrors(file: string): string[] {
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      skipLibCheck: true,
    })
    return ts
      .getPreEmitDiagnostics(program)
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
  }

  it('compiles against the generated types, and a misspelt field does not', async () => {
    await writeFile(join(folder, 'client.ts'), client('startsAt'))
    await writeFile(join(folder, 'misspelt.ts'), client('startAt'))
    expect(typeErrors(join(folder, 'client.ts'))).toEqual([])
    expect(typeErrors(join(folder, 'misspelt.ts')).join('\n')).toMatch(/startAt/)
  })

  it('books a slot against the running API', async () => {
    const source = ts.transpileModule(client('startsAt'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText
    await writeFile(join(folder, 'client.mjs'), source)
    const { bookFirstSlot } = await import(pathToFileURL(join(folder, 'client.mjs')).href)
    const booked = await bookFirstSlot(api, clinic.pk, ORIGIN, clinic.serviceId, '2027-03-03')
    expect(booked.status).toBe(201)
    expect(booked.bookingId).toMatch(/^bkg_/)
    expect(booked.startsAt).toBe(booked.slot)
    const read = await harness.call('GET', `/v1/bookings/${booked.bookingId}`, { token: clinic.sk })
    expect(read.body.patient.name).toBe('Jane Doe')
  })
})
