// One way to declare a mocked route, from its row of the endpoint table: its method, path, who may call it
// and the schemas of its path and query come from the table like the API's; the mock adds the request id,
// the error shape and Idempotency-Key replays.
import { colonPath, type Endpoint } from '@frontdesk/contracts'
import { type HttpHandler, HttpResponse, http } from 'msw'
import type * as z from 'zod'
import { errorResponse, MockApiError, parseOrThrow } from '../responses.js'
import type { MockStore, Principal } from '../store.js'
import { newId } from '../tokens.js'

export type PrincipalKind = Principal['kind']

/** What the table's schema makes of an entry's path parameters or query. */
type Checked<E extends Endpoint, Part extends 'params' | 'query'> = E['request'] extends {
  [P in Part]: infer S extends z.ZodType
}
  ? z.output<S>
  : Record<string, never>

export interface RouteContext<E extends Endpoint> {
  request: Request
  /** The path's parameters, checked with the table's schema before the handler runs, as the API does. */
  params: Checked<E, 'params'>
  /** The query, checked with the table's schema when the handler asks: it decides what it checks first. */
  query: () => Checked<E, 'query'>
  principal: Principal
  /** Honours Idempotency-Key like the API: a replay answers the first result, another body is refused. */
  idempotent: (body: unknown, work: () => Answer & { body: unknown }) => Answer
}

export type Answer =
  | { status: number; body: unknown; headers?: Record<string, string> }
  | { status: 200; bytes: Uint8Array; headers: Record<string, string> }
  | { status: 204 }

const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/

/** The callers the mocks know: staff sign in to the console, which the mocks do not stand in for. */
const mocked = (kind: Endpoint['principals'][number]): kind is PrincipalKind => kind !== 'staff'

/** `base` is where the API's paths start: `https://mock.frontdesk.test`, without `/v1`. */
export function createRouter(store: MockStore, base: string) {
  function authenticate(request: Request, bodyToken?: string): Principal {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get('Authorization') ?? '')
    const token = bodyToken ?? match?.[1]
    if (!token) {
      throw new MockApiError('UNAUTHENTICATED', 'Send a key or token as "Authorization: Bearer <token>"')
    }
    // Any well-formed key is accepted: the mocks know no keys, only the tokens they gave out.
    if (/^pk_(test|live)_\S+$/.test(token)) return { kind: 'publishable' }
    if (/^sk_(test|live)_\S+$/.test(token)) return { kind: 'secret' }
    const row = token.startsWith('vt_') || token.startsWith('mt_') ? store.byToken(token) : undefined
    if (row && token === row.visitToken) return { kind: 'visit', rowId: row.id }
    if (row && token === row.manageToken) return { kind: 'manage', rowId: row.id }
    const draft = token.startsWith('rt_') ? store.liveDraftByToken(token) : undefined
    if (draft) return { kind: 'resume', draftId: draft.id }
    const consent = token.startsWith('ct_') ? store.consentByReceiptToken(token) : undefined
    if (consent) return { kind: 'receipt', recordId: consent.record.id }
    throw new MockApiError('UNAUTHENTICATED', 'This key or token is not valid, revoked or expired')
  }

  function allow(principal: Principal, kinds: readonly PrincipalKind[]) {
    if (kinds.includes(principal.kind)) return
    const noun = principal.kind === 'publishable' || principal.kind === 'secret' ? 'key' : 'token'
    throw new MockApiError('FORBIDDEN', `A ${principal.kind} ${noun} cannot do this`)
  }

  function respond(answer: Answer, requestId: string): Response {
    const headers = { 'X-Request-Id': requestId, ...('headers' in answer ? answer.headers : {}) }
    if (answer.status === 204) return new HttpResponse(null, { status: 204, headers })
    if ('bytes' in answer)
      return new HttpResponse(answer.bytes as Uint8Array<ArrayBuffer>, { status: 200, headers })
    return HttpResponse.json((answer as { body: unknown }).body as never, { status: answer.status, headers })
  }

  function route<const E extends Endpoint>(
    entry: E,
    handle: (context: RouteContext<E>) => Answer | Promise<Answer>,
    /** A public route whose token is its plain-text body (a page's beacon): the principals it takes. */
    tokenInBody?: readonly PrincipalKind[],
  ): HttpHandler {
    const principals = tokenInBody ?? entry.principals.filter(mocked)
    const check = (part: 'params' | 'query', input: unknown) => {
      const schema = entry.request?.[part]
      return (schema ? parseOrThrow(schema, input) : input) as never
    }
    return http[entry.method](`${base}${colonPath(entry.path)}`, async ({ request, params }) => {
      const requestId = newId('req')
      try {
        const bodyToken = tokenInBody ? (await request.clone().text()).trim() || 'none' : undefined
        const principal = authenticate(request, bodyToken)
        allow(principal, principals)
        const answer = await handle({
          request,
          params: check('params', params),
          query: () => check('query', Object.fromEntries(new URL(request.url).searchParams)),
          principal,
          idempotent: (body, work) => idempotent(request, entry.operationId, body, work),
        })
        return respond(answer, requestId)
      } catch (error) {
        if (error instanceof MockApiError) return errorResponse(error, requestId)
        throw error
      }
    })
  }

  function idempotent(
    request: Request,
    operationId: string,
    body: unknown,
    work: () => Answer & { body: unknown },
  ): Answer {
    const key = request.headers.get('Idempotency-Key')
    if (key === null) return work()
    if (!KEY_SHAPE.test(key)) {
      throw new MockApiError('BAD_REQUEST', 'Idempotency-Key must be 1 to 255 visible ASCII characters')
    }
    const fingerprint = JSON.stringify({ operationId, body })
    const earlier = store.answers.get(key)
    if (earlier) {
      if (earlier.fingerprint !== fingerprint) {
        throw new MockApiError(
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was used with a different request',
        )
      }
      return { status: earlier.status, body: earlier.body, headers: { 'Idempotent-Replayed': 'true' } }
    }
    const answer = work()
    store.answers.set(key, { fingerprint, status: answer.status, body: answer.body })
    return answer
  }

  /** Anything else under /v1 answers like an unknown route of the API, so a typo fails loudly. */
  const fallback = http.all(`${base}/v1/*`, ({ request }) => {
    const path = new URL(request.url).pathname
    return errorResponse(
      new MockApiError('NOT_FOUND', `No route for ${request.method} ${path} in the Frontdesk mocks`),
      newId('req'),
    )
  })

  return { route, fallback }
}

export type Router = ReturnType<typeof createRouter>
