// How long an idle client connection stays open. Node closes one after 5 s, while load balancers keep theirs
// open far longer (AWS ALB 60 s, Google's 600 s): a request the balancer sends on a connection the server is
// closing at that moment is reset, and the client gets a 502. The server must outlast the balancer.
import type { ServerType } from '@hono/node-server'

/** Longer than the common balancers' default idle timeouts (AWS ALB and nginx: 60 s). */
export const DEFAULT_KEEP_ALIVE_SECONDS = 65

/** FRONTDESK_KEEP_ALIVE_SECONDS is not a whole number of seconds from 1 to 3600: the server does not start. */
export class KeepAliveError extends Error {
  override name = 'KeepAliveError'
}

/** FRONTDESK_KEEP_ALIVE_SECONDS, checked; the default when it is not set. */
export function keepAliveFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.FRONTDESK_KEEP_ALIVE_SECONDS?.trim()
  if (!value) return DEFAULT_KEEP_ALIVE_SECONDS
  const seconds = Number(value)
  if (!/^\d+$/.test(value) || seconds < 1 || seconds > 3600) {
    throw new KeepAliveError(
      `FRONTDESK_KEEP_ALIVE_SECONDS="${value}" is not a whole number of seconds from 1 to 3600: set it above your load balancer's idle timeout`,
    )
  }
  return seconds
}

/** Idle connections stay open `seconds`; a request's headers may take a second longer to arrive. */
export function applyKeepAlive(server: ServerType, seconds: number): void {
  if (!('keepAliveTimeout' in server)) return
  server.keepAliveTimeout = seconds * 1000
  // Node measures the headers' time from the connection's last request: below the keep-alive it would cut in first.
  server.headersTimeout = Math.max(server.headersTimeout, seconds * 1000 + 1000)
}
