// Liveness and readiness, for load balancers and orchestrators: /healthz says the process serves and asks
// nothing of the database; /readyz says this process can serve requests now, its database connections
// included, and answers 503 in the one error shape with Retry-After when they do not answer in time.
import { endpoints } from '@frontdesk/contracts'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { checkDatabase } from '../db/database.js'
import { OUTAGE_RETRY_AFTER_SECONDS } from '../db/outage.js'
import type { AppDeps, AppEnv } from '../env.js'
import { ApiError } from '../errors.js'
import { serve } from './define.js'

/** Longer than a healthy query ever takes, shorter than a load balancer's probe timeout. */
const READY_WITHIN_MS = 2_000

const NO_STORE = { 'Cache-Control': 'no-store' }

export function serveHealth(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  serve(app, endpoints.getHealth, (c) => c.json({ status: 'ok' as const }, 200, NO_STORE))

  serve(app, endpoints.getReadiness, async (c) => {
    // Both connections: the system one resolves keys and tokens before any clinic's query runs.
    const problem = await within(
      Promise.all([checkDatabase(deps.db), checkDatabase(deps.system)]),
      READY_WITHIN_MS,
    )
    if (problem) {
      deps.logger.warn('not ready: the database does not answer', {
        requestId: c.var.requestId,
        error: problem instanceof Error ? problem.name : String(problem),
        code: (problem as { code?: string }).code,
      })
      throw new ApiError(
        'UNAVAILABLE',
        'Not ready: the database does not answer; try again in a few seconds',
        {
          headers: { 'Retry-After': String(OUTAGE_RETRY_AFTER_SECONDS), ...NO_STORE },
        },
      )
    }
    return c.json({ status: 'ready' as const }, 200, NO_STORE)
  })
}

/** Undefined once `check` succeeds, its error if it fails, or a timeout error if it takes longer than `ms`. */
async function within(check: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<Error>((resolve) => {
    timer = setTimeout(
      () => resolve(Object.assign(new Error(`no answer within ${ms} ms`), { name: 'TimeoutError' })),
      ms,
    )
  })
  try {
    return await Promise.race([
      check.then(
        () => undefined,
        (error: unknown) => error ?? 'failed',
      ),
      late,
    ])
  } finally {
    clearTimeout(timer)
  }
}
