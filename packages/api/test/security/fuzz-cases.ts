// Hostile variations of a valid request, as fast-check arbitraries: a case is drawn without knowing the
// request and applied to it afterwards, so one arbitrary serves every row of the route table.
import fc from 'fast-check'
import type { RouteRequest } from './route-spec.js'

/** What goes over the wire: a string or bytes body, exactly as given, and headers as given. */
export interface WireRequest {
  path: string
  headers: Record<string, string>
  body?: string | Uint8Array<ArrayBuffer>
}

const deep = (depth: number, open: string, close: string, inner = '1') =>
  `${open.repeat(depth)}${inner}${close.repeat(depth)}`

/** Values a field should never be able to turn into a 500: NUL, lone surrogates, huge, nested, of the wrong type. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    0,
    -1,
    1e308,
    -1e308,
    2 ** 53 + 1,
    1.5,
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    '\ufeff',
    '💥'.repeat(64),
    'a'.repeat(70_000),
    '9'.repeat(400),
    '2027-02-30T25:61:00Z',
    '0000-00-00',
    '../../etc/passwd',
    "'; DROP TABLE patients; --",
    '<script>alert(1)</script>',
    '%00',
    {},
    [],
    [[[[[[[[[[]]]]]]]]]],
    JSON.parse('{"__proto__":{"polluted":true}}'),
    { constructor: { prototype: { polluted: true } } },
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.jsonValue({ maxDepth: 3 }),
)

/** Raw bodies that are not the JSON a route expects, or not JSON at all. */
const rawBody = fc.constantFrom<string | Uint8Array<ArrayBuffer>>(
  '',
  'null',
  '{',
  '{"a":',
  '[]',
  '"text"',
  '\u0000',
  '{"name":"\\u0000"}',
  '{"name":"\\ud800"}',
  '{"__proto__":{"admin":true}}',
  deep(10_000, '[', ']'),
  deep(10_000, '{"a":', '}'),
  deep(200, '{"a":', '}'),
  `{"name":"${'a'.repeat(2_000_000)}"}`,
  `[${'1,'.repeat(200_000)}1]`,
  new Uint8Array([0xff, 0xfe, 0x00, 0x7b]),
  new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
)

const contentType = fc.constantFrom(
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=fuzz',
  'application/json; charset=utf-16',
  'application/xml',
  'application/octet-stream',
  '*/*',
  'application/json, text/plain',
)

/** Header values fetch will send: printable ASCII, and long ones. */
const headerValue = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 }),
  fc.constantFrom('', ' ', 'a'.repeat(8_000), 'null', 'undefined', '-1', '0', '9'.repeat(40)),
)

const headerName = fc.constantFrom(
  'Idempotency-Key',
  'Authorization',
  'Origin',
  'Accept',
  'Accept-Language',
  'X-Forwarded-For',
  'If-Match',
  'Cookie',
  'X-Request-Id',
  'Content-Language',
)

const queryName = fc.constantFrom(
  'limit',
  'cursor',
  'from',
  'to',
  'date',
  'status',
  'q',
  'serviceId',
  'kind',
  'x',
)

/** One hostile change to a request. `pick` chooses among the request's own fields or segments. */
export type FuzzCase =
  | { kind: 'body'; value: unknown }
  | { kind: 'field'; pick: number; value: unknown }
  | { kind: 'extra'; name: string; value: unknown }
  | { kind: 'drop'; pick: number }
  | { kind: 'raw'; body: string | Uint8Array<ArrayBuffer> }
  | { kind: 'contentType'; value: string }
  | { kind: 'segment'; pick: number; value: string }
  | { kind: 'query'; name: string; value: string }
  | { kind: 'header'; name: string; value: string }

const segmentValue = fc.oneof(
  fc.constantFrom(
    '%00',
    '%ud800',
    '..',
    '%2e%2e',
    'a'.repeat(5_000),
    '%F0%9F%92%A5',
    'null',
    '0',
    '-1',
    '%25',
    "'",
  ),
  fc.string({ maxLength: 30 }).map(encodeURIComponent),
)

export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.oneof(
  fc.record({ kind: fc.constant('body' as const), value: hostileValue }),
  {
    arbitrary: fc.record({ kind: fc.constant('field' as const), pick: fc.nat(), value: hostileValue }),
    weight: 4,
  },
  fc.record({ kind: fc.constant('extra' as const), name: fc.string({ maxLength: 12 }), value: hostileValue }),
  fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }),
  { arbitrary: fc.record({ kind: fc.constant('raw' as const), body: rawBody }), weight: 2 },
  fc.record({ kind: fc.constant('contentType' as const), value: contentType }),
  fc.record({ kind: fc.constant('segment' as const), pick: fc.nat(), value: segmentValue }),
  fc.record({
    kind: fc.constant('query' as const),
    name: queryName,
    value: fc.oneof(headerValue, segmentValue),
  }),
  fc.record({ kind: fc.constant('header' as const), name: headerName, value: headerValue }),
)

/** Every place inside a JSON value one can put something else: [] is the value itself. */
function fieldPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix]
  const entries = Array.isArray(value)
    ? value.map((item, index) => [index, item] as const)
    : Object.entries(value)
  return [prefix, ...entries.flatMap(([key, item]) => fieldPaths(item, [...prefix, key]))]
}

function replaceAt(value: unknown, path: (string | number)[], next: unknown | typeof DROP): unknown {
  if (path.length === 0) return next
  const [head, ...rest] = path
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) }
  if (rest.length === 0 && next === DROP) {
    if (Array.isArray(copy)) copy.splice(head as number, 1)
    else delete copy[head as string]
    return copy
  }
  copy[head as string] = replaceAt(copy[head as string], rest, next)
  return copy
}
const DROP = Symbol('drop')

/** The request as it goes over the wire once `fuzz` is applied to it. */
export function applyCase(request: RouteRequest, fuzz: FuzzCase): WireRequest {
  const headers: Record<string, string> = request.token ? { Authorization: `Bearer ${request.token}` } : {}
  if (request.token.startsWith('pk_')) headers.Origin = 'https://clinic.example'
  let body: string | Uint8Array<ArrayBuffer> | undefined
  let json = request.body
  const paths = fieldPaths(json)
  let path = request.path
  switch (fuzz.kind) {
    case 'body':
      json = fuzz.value
      break
    case 'field':
      json = replaceAt(json ?? {}, paths[fuzz.pick % paths.length]!, fuzz.value)
      break
    case 'extra':
      json =
        json && typeof json === 'object' && !Array.isArray(json) ? { ...json, [fuzz.name]: fuzz.value } : json
      break
    case 'drop': {
      const inner = paths.filter((candidate) => candidate.length > 0)
      if (inner.length > 0) json = replaceAt(json, inner[fuzz.pick % inner.length]!, DROP)
      break
    }
    case 'raw':
      body = fuzz.body
      break
    case 'segment': {
      const [bare, query] = path.split('?')
      const segments = bare!.split('/')
      // Never the leading '' or 'v1': a made-up route is only a 404.
      const index = 2 + (fuzz.pick % Math.max(1, segments.length - 2))
      if (index < segments.length) segments[index] = fuzz.value
      path = segments.join('/') + (query === undefined ? '' : `?${query}`)
      break
    }
    case 'query':
      path += `${path.includes('?') ? '&' : '?'}${encodeURIComponent(fuzz.name)}=${encodeURIComponent(fuzz.value)}`
      break
    case 'header':
      headers[fuzz.name] = fuzz.value
      break
  }
  if (body === undefined && json !== undefined) body = JSON.stringify(json)
  if (body !== undefined)
    headers['Content-Type'] = fuzz.kind === 'contentType' ? fuzz.value : 'application/json'
  return { path, headers, ...(body !== undefined && { body }) }
}
