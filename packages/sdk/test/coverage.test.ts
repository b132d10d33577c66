// Every operation of the endpoint table that a client's key, session or a patient's token may call has a
// method on that client. Found by calling, not by a list kept by hand: each client runs on a fetch that
// records the request and answers 404, every function in its tree is called, and the requests that went
// out are matched against the table's paths.
import { type Endpoint, endpointList, type PrincipalKind } from '@frontdesk/contracts'
import { describe, expect, it } from 'vitest'
import { createFrontdesk, createFrontdeskAdmin, createFrontdeskStaff } from '../src/index.js'

const baseUrl = 'https://api.clinic.test'
const PATIENT_TOKENS: readonly PrincipalKind[] = ['visit', 'manage', 'resume', 'receipt']

/**
 * Every argument is the same id-shaped string: as an id it fills a path, as params or options it carries
 * nothing. That is all a request needs to leave; what the API would make of it is not the question here.
 */
const PLACEHOLDER_ARGUMENTS = ['plc_0000', 'plc_0001', 'plc_0002', 'plc_0003']

interface Reached {
  /** The method's place in the client, `patients.legalHolds.place`. */
  name: string
  /** The operations its requests matched, or the request itself when it matched none. */
  operations: string[]
}

function recordingFetch() {
  const requests: { method: string; pathname: string }[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init)
    requests.push({ method: request.method.toLowerCase(), pathname: new URL(request.url).pathname })
    return Response.json(
      { error: { code: 'NOT_FOUND', message: 'Recorded, not served', requestId: 'req_coverage' } },
      { status: 404 },
    )
  }
  return { fetch, requests }
}

/** Every function in a client with its dotted name; namespaces are plain objects. */
function methodsOf(tree: object, prefix = ''): [string, (...args: unknown[]) => unknown][] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const name = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'function') return [[name, value as (...args: unknown[]) => unknown]]
    return value && typeof value === 'object' ? methodsOf(value, name) : []
  })
}

const templates = endpointList.map((entry) => ({
  entry,
  pattern: new RegExp(`^${entry.path.replace(/\{\w+\}/g, '[^/]+')}$`),
  // A literal segment beats a parameter: `/v1/bookings/manage` is the page, not the booking "manage".
  parameters: entry.path.split('{').length - 1,
}))

function operationOf(method: string, pathname: string): Endpoint | undefined {
  return templates
    .filter((template) => template.entry.method === method && template.pattern.test(pathname))
    .sort((a, b) => a.parameters - b.parameters)[0]?.entry
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value

/** Calls every method of the client built on `fetch` and says which operations each one reached. */
async function reach(build: Client['build']): Promise<{ reached: Reached[]; operations: Set<string> }> {
  const recorder = recordingFetch()
  const client = build(recorder.fetch)
  const reached: Reached[] = []
  for (const [name, method] of methodsOf(client)) {
    const before = recorder.requests.length
    try {
      const answer = method(...PLACEHOLDER_ARGUMENTS)
      // A list walked page by page asks for its first page only when the loop does.
      if (isAsyncIterable(answer)) await answer[Symbol.asyncIterator]().next()
      else await answer
    } catch {}
    const operations = recorder.requests
      .slice(before)
      .map(({ method, pathname }) => operationOf(method, pathname)?.operationId ?? `${method} ${pathname}`)
    reached.push({ name, operations })
  }
  return { reached, operations: new Set(reached.flatMap((method) => method.operations)) }
}

interface Client {
  /** Whose operations the client must offer: its key or session, and for the browser the patient's tokens. */
  principals: readonly PrincipalKind[]
  /** Public operations too, where the table does not leave them out of the SDK. */
  public: boolean
  build: (fetch: typeof globalThis.fetch) => object
}

const clients: Record<'browser' | 'admin' | 'staff', Client> = {
  browser: {
    principals: ['publishable', ...PATIENT_TOKENS],
    public: true,
    build: (fetch) =>
      createFrontdesk({ publishableKey: `pk_test_${'a'.repeat(43)}`, baseUrl, fetch, maxRetries: 0 }),
  },
  admin: {
    principals: ['secret'],
    public: false,
    build: (fetch) =>
      createFrontdeskAdmin({ secretKey: `sk_test_${'a'.repeat(43)}`, baseUrl, fetch, maxRetries: 0 }),
  },
  staff: {
    principals: ['staff'],
    public: false,
    build: (fetch) => createFrontdeskStaff({ baseUrl, fetch, maxRetries: 0 }),
  },
}

const offeredBy = (client: Client) =>
  endpointList
    .filter((entry) => !entry.sdk?.excluded)
    .filter(
      (entry) =>
        entry.principals.some((kind) => client.principals.includes(kind)) ||
        (client.public && entry.principals.length === 0),
    )
    .map((entry) => entry.operationId)

describe('SDK coverage of the endpoint table', () => {
  it.each(Object.entries(clients))(
    'the %s client has a method for every operation its key, session or patient tokens may call',
    async (_, client) => {
      const { operations } = await reach(client.build)
      expect(offeredBy(client).filter((operationId) => !operations.has(operationId))).toEqual([])
    },
  )

  it.each(Object.entries(clients))(
    'each %s method calls one operation its key, session or a patient token may call',
    async (_, client) => {
      const { reached } = await reach(client.build)
      const callers = [...client.principals, ...PATIENT_TOKENS]
      const mayCall = (operationId: string) =>
        endpointList.some(
          (entry) =>
            entry.operationId === operationId && entry.principals.some((kind) => callers.includes(kind)),
        )
      const miswired = reached.filter(
        ({ operations }) => operations.length !== 1 || !operations.every(mayCall),
      )
      expect(miswired).toEqual([])
    },
  )
})
