// A database that cannot be reached right now: the server restarted, failed over, or ended this
// process's connections. Such an error answers 503 with Retry-After, never 500, and the pools, which
// drop a broken connection and open a new one on the next query, bring the API back by themselves.

/** SQLSTATE classes and codes of a connection lost or refused, and of a server shutting down or starting. */
const OUTAGE_SQLSTATES = /^(08...|57P01|57P02|57P03|53300)$/
/** Node's socket errors, and the messages node-postgres gives a connection that went away. */
const OUTAGE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN'])
const OUTAGE_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error',
  'timeout exceeded when trying to connect',
]

export function isDatabaseOutage(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && (OUTAGE_SQLSTATES.test(code) || OUTAGE_ERRNOS.has(code))) return true
  return OUTAGE_MESSAGES.some((message) => error.message.startsWith(message))
}

/** Seconds a client should wait before trying again. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5
