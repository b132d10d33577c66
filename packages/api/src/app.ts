// Builds the Hono application: request context, principal, routes, errors and the OpenAPI document.
// Each feature folder mounts its own routes; a route's handler hands the request's scope to that
// feature's service (booking: ./booking/booking-routes.ts -> ./booking/claim.ts -> ./booking/claim-writes.ts).

import type { ErrorCode } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { auditRoutes } from './audit/routes.js'
import { availabilityRoutes } from './availability/routes.js'
import { bookingRoutes } from './booking/booking-routes.js'
import { holdRoutes } from './booking/hold-routes.js'
import { catalogueRoutes } from './catalogue/routes.js'
import { scheduleRoutes } from './catalogue/schedule-routes.js'
import { clinicLeaveRoutes } from './clinic-leave/routes.js'
import { consentDocumentRoutes } from './consent/document-routes.js'
import { consentLedgerRoutes } from './consent/ledger-routes.js'
import { consentRecordRoutes } from './consent/record-routes.js'
import { isDatabaseOutage, OUTAGE_RETRY_AFTER_SECONDS } from './db/outage.js'
import type { AppDeps, AppEnv } from './env.js'
import { ApiError, errorBody, validationError } from './errors.js'
import { hostedPageRoutes } from './hosted/routes.js'
import { intakeDraftRoutes } from './intake/draft-routes.js'
import { intakeFormRoutes } from './intake/form-routes.js'
import { intakeResponseRoutes } from './intake/response-routes.js'
import { keyRoutes } from './keys/routes.js'
import { inboundRoutes } from './messages/inbound-routes.js'
import { messageRoutes } from './messages/routes.js'
import { unsubscribeRoutes } from './messages/unsubscribe-routes.js'
import { bodyLimits } from './middleware/body-limits/index.js'
import { PrincipalCache } from './middleware/principal/cache.js'
import { principal } from './middleware/principal/index.js'
import { rateLimit } from './middleware/rate-limit/index.js'
import { requestContext } from './middleware/request-context/index.js'
import { securityHeaders } from './middleware/security-headers/index.js'
import { storableBody } from './middleware/storable-body/index.js'
import { patientRoutes } from './patients/routes.js'
import { rightsExportRoutes, rightsRequestRoutes } from './rights/request-routes.js'
import { retentionRoutes } from './rights/retention-routes.js'
import { registerDocs } from './routes/docs.js'
import { assertTableServed, publicPaths } from './routes/endpoint-table.js'
import { serveHealth } from './routes/health.js'
import { patientPageRoutes } from './routes/patient-pages.js'
import { adminConsoleRoutes, isAdminConsolePath } from './staff/console-routes.js'
import { staffAuthRoutes } from './staff/routes.js'
import { webhookRoutes } from './webhooks/routes.js'
import {
  readBuiltWidgetScript,
  type WidgetBundleLoader,
  type WidgetScriptLoader,
  widgetBundleSource,
} from './widgets/bundle.js'
import { widgetAssetRoutes } from './widgets/routes.js'

export interface CreateAppOptions {
  /** Proxies (addresses or CIDR ranges) allowed to name the client in X-Forwarded-For. */
  trustedProxies?: readonly string[]
  /** Where the widgets' script-tag bundles come from; by default @frontdesk/widgets' dist/. */
  widgetScripts?: WidgetScriptLoader
  /** Where the all-in-one `widgets.js` comes from, before `widgetScripts` (tests of that one script). */
  widgetBundle?: WidgetBundleLoader
  /** Isolated mode's loader and frame scripts; by default @frontdesk/widgets' dist/isolated.js and dist/frame.js. */
  isolatedScripts?: { loader: WidgetBundleLoader; frame: WidgetBundleLoader }
}

/** Paths the table serves without a key or token: health, the spec, the widgets' script, patient pages, provider webhooks. */
const isTablePublic = publicPaths()

/** better-auth's endpoints check their own session cookie; /v1/staff/me goes through the principal. */
const STAFF_AUTH = '/api/auth/'

const isPublic = (path: string) =>
  path === '/' || isTablePublic(path) || path.startsWith(STAFF_AUTH) || isAdminConsolePath(path)

export function createApp(deps: AppDeps, options: CreateAppOptions = {}) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error)
    },
  })

  // First, so every answer has them: errors, 404s and 401s included.
  app.use(securityHeaders({ publicUrl: deps.messaging?.publicUrl }))
  app.use(requestContext({ deps, trustedProxies: options.trustedProxies ?? [] }))
  app.use(
    principal({
      isPublic,
      cache: deps.changes ? new PrincipalCache(deps.changes, deps.now) : undefined,
    }),
  )
  // After the principal: what is counted is its key or token, and a refusal keeps the clinic's CORS headers.
  app.use(rateLimit({ rateLimits: deps.rateLimits }))
  // Before anything reads a body: an oversized or too deeply nested one is refused unread. After the
  // principal, so a widget's refusal carries the clinic's CORS headers and the widget can word it.
  app.use(bodyLimits())
  app.use(storableBody())

  serveHealth(app, deps)

  // First: /v1/bookings/manage is a page, not the booking called "manage".
  app.route('/', patientPageRoutes())
  app.route('/', hostedPageRoutes())
  app.route('/', catalogueRoutes())
  app.route('/', scheduleRoutes())
  app.route('/', availabilityRoutes())
  app.route('/', holdRoutes())
  app.route('/', bookingRoutes())
  app.route('/', keyRoutes())
  app.route('/', intakeFormRoutes())
  app.route('/', intakeDraftRoutes())
  app.route('/', intakeResponseRoutes())
  app.route('/', consentDocumentRoutes())
  app.route('/', consentRecordRoutes())
  app.route('/', consentLedgerRoutes())
  app.route('/', auditRoutes())
  app.route('/', webhookRoutes())
  app.route('/', messageRoutes())
  app.route('/', patientRoutes())
  app.route('/', rightsRequestRoutes())
  app.route('/', retentionRoutes())
  app.route('/', clinicLeaveRoutes())
  app.route('/', staffAuthRoutes())
  // Public routes whose handlers check what proves the caller: a provider's signature, a download token.
  app.route('/', inboundRoutes())
  app.route('/', unsubscribeRoutes())
  app.route('/', rightsExportRoutes())
  const widgetScripts = options.widgetScripts ?? readBuiltWidgetScript
  const { widgetBundle } = options
  const isolated = options.isolatedScripts
  app.route(
    '/',
    widgetAssetRoutes(
      widgetBundle ? (name) => (name === 'widgets' ? widgetBundle() : widgetScripts(name)) : widgetScripts,
      {
        loader: widgetBundleSource(isolated?.loader ?? (() => readBuiltWidgetScript('isolated'))),
        frame: widgetBundleSource(isolated?.frame ?? (() => readBuiltWidgetScript('frame'))),
      },
    ),
  )
  app.route('/', adminConsoleRoutes())
  registerDocs(app)
  assertTableServed(app)

  app.notFound(() => {
    throw new ApiError('NOT_FOUND', 'No such route; see /docs for the API reference')
  })

  app.onError((err, c) => {
    const requestId = c.var.requestId ?? 'unknown'
    let apiError: ApiError
    if (err instanceof ApiError) apiError = err
    else if (err instanceof HTTPException && err.status < 500) {
      apiError = new ApiError(HTTP_EXCEPTION_CODES[err.status] ?? 'BAD_REQUEST', err.message || 'Bad request')
    } else if (isZodError(err)) apiError = validationError(err)
    else if (isDatabaseOutage(err)) {
      deps.logger.warn('database unavailable', { requestId, route: c.req.routePath, code: errorCode(err) })
      apiError = new ApiError(
        'UNAVAILABLE',
        'The service is briefly unavailable; try again in a few seconds',
        {
          headers: { 'Retry-After': String(OUTAGE_RETRY_AFTER_SECONDS) },
        },
      )
    } else {
      deps.logger.error('unhandled error', {
        requestId,
        route: c.req.routePath,
        // Names, codes and stack frames only: a driver's message can quote the values it refused.
        error: err instanceof Error ? err.name : 'unknown',
        code: errorCode(err),
        frames: err instanceof Error ? (err.stack?.split('\n').slice(1, 5).join(' | ') ?? null) : null,
      })
      apiError = new ApiError('INTERNAL', 'Something went wrong on our side; the request id helps us find it')
    }
    return c.json(errorBody(apiError, requestId), apiError.status as ContentfulStatusCode, apiError.headers)
  })

  return app
}

export type FrontdeskApp = ReturnType<typeof createApp>

/** Hono's own refusals (a route's media-type gate answers 415), in our codes; any other 4xx is a bad request. */
const HTTP_EXCEPTION_CODES: Partial<Record<number, ErrorCode>> = {
  401: 'UNAUTHENTICATED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
}

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown }).code
  return typeof code === 'string' ? code : undefined
}

function isZodError(err: unknown): err is import('zod').ZodError {
  return err instanceof Error && err.name === 'ZodError' && 'issues' in err
}
