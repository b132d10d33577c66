// Change notices from the database (migrations/0004_change_notices.sql): which clinic's settings, keys
// or catalogue just changed, so a process may keep them in memory and still hear of every change.
import type { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { abandonConnection } from './abandon.js'

export const CHANGES_CHANNEL = 'frontdesk_changes'

/** Called with a clinic id after a change to it commits; with null when notices may have been missed. */
export type ChangeListener = (clinicId: string | null) => void

export interface ChangeFeed {
  /** True while notices are flowing. While it is false, nothing remembered may be trusted. */
  readonly live: boolean
  subscribe(listener: ChangeListener): () => void
  close(): Promise<void>
}

class Listeners {
  #listeners = new Set<ChangeListener>()
  add(listener: ChangeListener) {
    this.#listeners.add(listener)
    return () => void this.#listeners.delete(listener)
  }
  emit(clinicId: string | null) {
    for (const listener of this.#listeners) listener(clinicId)
  }
}

const RETRY_MIN_MS = 250
const RETRY_MAX_MS = 10_000
/**
 * How often the feed asks its connection for a sign of life. A LISTEN connection is idle between notices, and
 * one a firewall or NAT dropped without a word (AWS's NAT gateway forgets idle flows after 350 s) would look
 * alive until TCP keep-alive noticed, two hours by default: the caches would trust a feed that hears nothing,
 * and a key revoked in another process would keep working here until its entry expired (a minute). The beat
 * also keeps such a flow alive.
 */
export const DEFAULT_HEARTBEAT_MS = 10_000

/**
 * One dedicated connection LISTENs on the server. If it drops, the feed goes dark (everything
 * remembered is dropped, nothing new is kept) and reconnects with backoff; it is live again only
 * once LISTEN has answered, since notices sent meanwhile are lost.
 */
export async function listenOnServer(
  url: string,
  options: { connectTimeoutMs?: number; heartbeatMs?: number } = {},
): Promise<ChangeFeed> {
  const listeners = new Listeners()
  let live = false
  let closed = false
  let client: pg.Client | undefined
  let retryMs = RETRY_MIN_MS
  let timer: NodeJS.Timeout | undefined
  let heartbeat: NodeJS.Timeout | undefined
  // An unanswered beat is a lost connection: as long as a new connection may take to answer.
  const answerWithinMs = options.connectTimeoutMs ?? 5000

  /** Asks `from` for a sign of life every beat; one not answered in time ends it (and so the feed's trust). */
  const beat = (from: pg.Client) => {
    clearInterval(heartbeat)
    heartbeat = setInterval(() => {
      const silent = setTimeout(() => abandonConnection(from), answerWithinMs)
      from
        .query('SELECT 1')
        .catch(() => {})
        .finally(() => clearTimeout(silent))
    }, options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS)
    heartbeat.unref()
  }

  const lost = (from: pg.Client) => {
    if (client !== from) return
    clearInterval(heartbeat)
    client = undefined
    live = false
    listeners.emit(null)
    from.end().catch(() => {})
    if (closed) return
    timer = setTimeout(() => void connect(), retryMs)
    timer.unref()
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS)
  }

  const connect = async () => {
    const next = new pg.Client({
      connectionString: url,
      application_name: 'frontdesk-changes',
      // A server that does not answer is retried like one that refuses; one that vanished without a word
      // is found out by the operating system, and the caches stop trusting the feed.
      connectionTimeoutMillis: options.connectTimeoutMs,
      keepAlive: true,
    })
    client = next
    next.on('notification', (message) => {
      if (message.channel === CHANGES_CHANNEL && message.payload) listeners.emit(message.payload)
    })
    next.on('error', () => lost(next))
    next.on('end', () => lost(next))
    try {
      await next.connect()
      await next.query(`LISTEN ${CHANGES_CHANNEL}`)
      if (client !== next) return
      live = true
      retryMs = RETRY_MIN_MS
      listeners.emit(null)
      beat(next)
    } catch {
      lost(next)
    }
  }

  await connect()
  return {
    get live() {
      return live && !closed
    },
    subscribe: (listener) => listeners.add(listener),
    async close() {
      closed = true
      live = false
      clearTimeout(timer)
      clearInterval(heartbeat)
      const current = client
      client = undefined
      await current?.end().catch(() => {})
    },
  }
}

/** PGlite runs in this process and is its only user: its notices cannot be lost. */
export async function listenInProcess(pglite: PGlite): Promise<ChangeFeed> {
  const listeners = new Listeners()
  let live = true
  const unlisten = await pglite.listen(CHANGES_CHANNEL, (payload) => listeners.emit(payload || null))
  return {
    get live() {
      return live
    },
    subscribe: (listener) => listeners.add(listener),
    async close() {
      live = false
      await unlisten().catch(() => {})
    },
  }
}
