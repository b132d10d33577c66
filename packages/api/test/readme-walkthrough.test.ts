// The README's curl walk-through, run as a newcomer runs it (bash, curl, node) against the API over HTTP on
// today's date: it must find a slot, book it and cancel it whatever day it is.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestClinic, type TestClinic, useHarness } from './harness.js'

const harness = useHarness()
let server: ReturnType<typeof serve>
let api: string
let clinic: TestClinic
let folder: string

beforeAll(async () => {
  harness.clock.now = Date.now()
  clinic = await createTestClinic(harness)
  server = serve({ fetch: harness.app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  // As seed does for `serve`: the API's own address is an allowed origin, for curl.
  const allowed = await harness.call('PATCH', '/v1/clinic', {
    token: clinic.sk,
    body: { allowedOrigins: [api] },
  })
  expect(allowed.status).toBe(200)
  folder = await mkdtemp(join(tmpdir(), 'frontdesk-readme-'))
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  await rm(folder, { recursive: true, force: true })
})

/** The shell block of the README's "Run the API and book a slot" section, with this run's keys. */
async function walkThrough(): Promise<string> {
  const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8')
  const section = readme.slice(readme.indexOf('book and cancel;'))
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1]
  if (!block) throw new Error('The README has no walk-through block after "book and cancel;"')
  return block
    .replace(/^PK=.*$/m, `PK=${clinic.pk}`)
    .replace(/^SVC=.*$/m, `SVC=${clinic.serviceId}`)
    .replace(/^API=.*$/m, `API=${api}`)
}

describe("the README's walk-through", () => {
  it('books the first free slot on computed dates and cancels it', async () => {
    const script = await walkThrough()
    expect(script).not.toMatch(/\b20\d\d-\d\d-\d\d\b/)
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], { cwd: folder })
    const booked = /Booked (bkg_\w+) at (\S+)/.exec(stdout)
    expect(booked, stdout).not.toBeNull()
    expect(Date.parse(booked![2]!)).toBeGreaterThan(Date.now())
    expect(stdout.trim().split('\n').at(-1)).toBe('cancelled')
    const read = await harness.call('GET', `/v1/bookings/${booked![1]}`, { token: clinic.sk })
    expect(read.body).toMatchObject({ status: 'cancelled', patient: { name: 'Jane Doe' } })
  })
})
