// Gives every request an id (echoed in X-Request-Id), its client address and one access log line.
import { getConnInfo } from '@hono/node-server/conninfo'
import type { MiddlewareHandler } from 'hono'
import { routePath } from 'hono/route'
import type { AppDeps, AppEnv } from '../../env.js'
import { newId } from '../../tokens.js'
import { clientAddressOf, proxyTrust } from './client-address.js'

export interface RequestContextOptions {
  deps: AppDeps
  /** Proxies (addresses or CIDR ranges) whose X-Forwarded-For and X-Request-Id are believed; none by default. */
  trustedProxies?: readonly string[]
}

const INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/

export function requestContext(options: RequestContextOptions): MiddlewareHandler<AppEnv> {
  const { deps, trustedProxies = [] } = options
  const trust = trustedProxies.length > 0 ? proxyTrust(trustedProxies) : null

  return async function setRequestContext(c, next) {
    const started = performance.now()
    // A caller's own X-Request-Id is taken only from a proxy we trust: it lands in the audit log.
    const peer = peerAddress(c)
    const fromProxy = peer !== null && trust?.(peer) === true
    const incoming = fromProxy ? c.req.header('X-Request-Id') : undefined
    const requestId = incoming && INCOMING_ID.test(incoming) ? incoming : newId('req')
    c.set('deps', deps)
    c.set('requestId', requestId)
    c.set('clientIp', clientAddressOf(peer, c.req.header('X-Forwarded-For'), trust))
    c.header('X-Request-Id', requestId)
    await next()
    // The route pattern, not the URL: query strings may carry what must not be logged.
    deps.logger.info('request', {
      requestId,
      method: c.req.method,
      route: routePath(c),
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      clinicId: c.get('clinic')?.id,
      principal: c.get('principal')?.kind,
    })
  }
}

function peerAddress(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string | null {
  try {
    return getConnInfo(c).remote.address ?? null
  } catch {
    return null // app.request() in tests has no socket
  }
}
