// Giving up on a pg connection that stopped answering. node-postgres has no way to abandon a statement in
// flight; ending the socket fails whatever is pending at once ("Connection terminated") and marks the client
// broken, so a pool drops it rather than handing it out again, and a listener sees it end.
import type { PostgresPoolClient } from 'kysely'
import type pg from 'pg'

export function abandonConnection(client: PostgresPoolClient | pg.Client): void {
  const socket = (client as { connection?: { stream?: { destroy(): void } } }).connection?.stream
  socket?.destroy()
}
