// A pg-Pool-shaped front for PGlite, so Kysely's PostgreSQL dialect drives both storages alike.
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { PGlite } from '@electric-sql/pglite'
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely'

/**
 * PGlite is one session: two interleaved transactions would share it. Each `connect()` therefore
 * waits for the previous client's `release()`, which serialises transactions the way a
 * one-connection pool would.
 *
 * PGlite runs each query synchronously in this thread and answers through promises alone, so queries
 * queued one after another (a backlog of deliveries, message planning, bookings) would run as one
 * unbroken chain: no socket read, no timer, no incoming request until the queue ran dry. A webhook's
 * answer then sat unread until its 5 s timeout fired first, and the delivery was retried with backoff
 * though the receiver had answered at once. Each query therefore waits for the event loop's next turn,
 * so network and timers are served between queries, as they are with a server's connections.
 */
export function createPglitePool(pglite: PGlite): PostgresPool {
  let tail: Promise<void> = Promise.resolve()

  return {
    async connect() {
      let release!: () => void
      const previous = tail
      tail = new Promise<void>((resolve) => {
        release = resolve
      })
      await previous
      let released = false
      const client = {
        async query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
          await nextTurn()
          // Like pg, a query without parameters goes by the simple protocol, so scripts may hold many statements.
          const result =
            parameters.length === 0
              ? ((await pglite.exec(sql)).at(-1) ?? { rows: [], affectedRows: 0 })
              : await pglite.query<R>(sql, parameters as unknown[])
          const command = sql.trimStart().slice(0, 6).toUpperCase()
          return {
            command: command as PostgresQueryResult<R>['command'],
            rowCount: result.affectedRows ?? result.rows.length,
            rows: result.rows as R[],
          }
        },
        release() {
          if (released) return
          released = true
          release()
        },
      }
      return client as PostgresPoolClient
    },
    async end() {
      await tail
      await pglite.close()
    },
  }
}
