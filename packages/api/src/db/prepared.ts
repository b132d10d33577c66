// Statements on the hot path, parsed and planned once per connection instead of on every request. A statement
// whose text starts with PREPARED goes to a PostgreSQL server as a named prepared statement: the booking
// claim, 33 parameters to one function call, spent more of its PostgreSQL time being parsed and planned than
// the bare endpoint's whole insert. Named statements live in a session, which Frontdesk's connections keep
// anyway (the role and clinic are set per session: ./tenant-scope.ts), so a transaction-mode pooler in front
// of the server is not supported either way (docs/storage.md).
import { createHash } from 'node:crypto'
import type { PostgresPoolClient } from 'kysely'

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

/** Makes `client` send marked statements as named prepared statements (node-postgres prepares each once). */
export function prepareMarked(client: PostgresPoolClient): void {
  if (wrapped.has(client)) return
  wrapped.add(client)
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>
  // Everything else passes through untouched, callbacks included: pg.Pool's own query() uses this client too.
  Object.assign(client, {
    query: (...args: unknown[]) => {
      const [text, values] = args
      return typeof text === 'string' && text.startsWith(PREPARED) && args.length <= 2
        ? query({ name: nameOf(text), text, values })
        : query(...args)
    },
  })
}
