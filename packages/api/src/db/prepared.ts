// Statements on the hot path, parsed and planned once per connection instead of on every request. A statement
// whose text starts with PREPARED goes to a PostgreSQL server as a named prepared statement: the booking
// claim, 33 parameters to one function call, spent more of its PostgreSQL time being parsed and planned than
// the bare endpoint's whole insert. Named statements live in a session, which Frontdesk's connections keep
// anyway (the role and clinic are set per session: ./tenant-scope.ts), so a transaction-mode pooler in front
// of the server is not supported either way (docs/storage.md).
//
// These statements are also watched: a marked statement unanswered after `stuckAfterMs` ends its connection,
// so it fails at once as an outage (503) rather than waiting out TCP's retransmissions, some fifteen minutes,
// when the server's address stops answering mid-statement (a failover). The booking claim is marked, and a
// clinic's claims queue behind the one in flight (../booking/claim-batches.ts): it must never hang.
import { createHash } from 'node:crypto'
import type { PostgresPoolClient } from 'kysely'
import { abandonConnection } from './abandon.js'

/** Written literally at the very start of a statement's text to have it prepared. */
export const PREPARED = '/* prepared */'

const names = new Map<string, string>()
const wrapped = new WeakSet<object>()

/** The statement's name: the same text is the same statement on every connection. */
function nameOf(text: string): string {
  let name = names.get(text)
  if (!name) {
    name = `frontdesk_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`
    names.set(text, name)
  }
  return name
}

/** Milliseconds a marked statement may go unanswered: a claim takes milliseconds, even a batch behind a lock. */
export const DEFAULT_STUCK_AFTER_MS = 15_000

/** Makes `client` send marked statements as named prepared statements (node-postgres prepares each once). */
export function prepareMarked(client: PostgresPoolClient, stuckAfterMs = DEFAULT_STUCK_AFTER_MS): void {
  if (wrapped.has(client)) return
  wrapped.add(client)
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>
  // Everything else passes through untouched, callbacks included: pg.Pool's own query() uses this client too.
  Object.assign(client, {
    query: (...args: unknown[]) => {
      const [text, values] = args
      if (typeof text !== 'string' || !text.startsWith(PREPARED) || args.length > 2) return query(...args)
      return watched(client, query({ name: nameOf(text), text, values }) as Promise<unknown>, stuckAfterMs)
    },
  })
}

/** `answer`, but the connection is ended if it has not come after `ms`: then it rejects, "Connection terminated". */
function watched(client: PostgresPoolClient, answer: Promise<unknown>, ms: number): Promise<unknown> {
  const timer = setTimeout(() => abandonConnection(client), ms)
  return answer.finally(() => clearTimeout(timer))
}
