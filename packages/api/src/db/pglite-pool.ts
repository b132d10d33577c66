// A pg-Pool-shaped front for PGlite, so Kysely's PostgreSQL dialect drives both storages alike.
import type { PGlite } from '@electric-sql/pglite'
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely'

/**
 * PGlite is one session: two interleaved transactions would share it. Each `connect()` therefore
 * waits for the previous client's `release()`, which serialises transactions the way a
 * one-connection pool would.
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
