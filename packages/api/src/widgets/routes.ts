// Public routes for the widgets' script-tag bundles: each script at a short-cached URL by name, every
// version ever served at an immutable hashed URL, and a manifest of their URLs and integrity.
import {
  endpoints,
  WIDGET_SCRIPT_NAMES,
  type WidgetScript,
  type WidgetScriptName,
} from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../env.js'
import { ApiError } from '../errors.js'
import { serve } from '../routes/define.js'
import { scriptResponse } from '../routes/script-response.js'
import { type WidgetBundle, type WidgetScriptLoader, widgetBundleSource } from './bundle.js'
import { WidgetBundleStore } from './bundle-store.js'
import { frameRoutes } from './frame-routes.js'

/** Isolated mode's two scripts: the loader a clinic's page uses, and the frame page's own. */
export interface IsolatedScripts {
  loader: () => Promise<WidgetBundle | null>
  frame: () => Promise<WidgetBundle | null>
}

const SHORT_CACHE = 'public, max-age=300, stale-while-revalidate=86400'
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable'
const HASHED_FILE = /^([0-9a-f]{16})\.js$/
const NOT_BUILT = 'The widget bundle is not built yet: run npm run build -w @frontdesk/widgets'

/** The scripts with one element each, served by name under /v1/widgets/; `widgets` is /v1/widgets.js. */
const ELEMENT_SCRIPTS = new Set<string>(WIDGET_SCRIPT_NAMES.filter((name) => name !== 'widgets'))

/**
 * Any page may load the scripts: they are the same for every clinic and carry no key. A plain `<script src>`
 * is a no-cors request, which the app's default `Cross-Origin-Resource-Policy: same-origin` would block.
 */
const PUBLIC_ASSET_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
}

export function widgetAssetRoutes(load: WidgetScriptLoader, isolated: IsolatedScripts) {
  const app = new OpenAPIHono<AppEnv>()
  // Each script read, hashed and compressed once per app; looked for again while it is not built.
  const sources = new Map(
    WIDGET_SCRIPT_NAMES.map((name) => [name, widgetBundleSource(() => load(name))] as const),
  )
  const store = new WidgetBundleStore()

  /** The current build of a script, stored by its hash before anyone is told of it. */
  const current = async (c: Context<AppEnv>, name: WidgetScriptName): Promise<WidgetBundle> => {
    // Set before a possible throw, so a page's loader can read why the script is missing.
    c.header('Access-Control-Allow-Origin', '*')
    const bundle = await sources.get(name)!()
    if (!bundle) throw new ApiError('NOT_FOUND', NOT_BUILT)
    const { db, logger } = c.get('deps')
    await store.remember(db, logger, name, bundle)
    return bundle
  }

  const script = (c: Context<AppEnv>, bundle: WidgetBundle, cacheControl: string) =>
    scriptResponse(c, bundle, { cacheControl, headers: PUBLIC_ASSET_HEADERS })

  serve(app, endpoints.getWidgetScript, async (c) => script(c, await current(c, 'widgets'), SHORT_CACHE))

  /**
   * Isolated mode's loader is listed and kept by its hash like the element scripts, so a page may pin it;
   * the frame's own script is loaded by the API's own page only, and follows the API's version.
   */
  const isolatedLoader = async (c: Context<AppEnv>): Promise<WidgetBundle> => {
    c.header('Access-Control-Allow-Origin', '*')
    const bundle = await isolated.loader()
    if (!bundle) throw new ApiError('NOT_FOUND', NOT_BUILT)
    const { db, logger } = c.get('deps')
    await store.remember(db, logger, 'isolated', bundle)
    return bundle
  }
  const frameScript = async (c: Context<AppEnv>) => {
    c.header('Access-Control-Allow-Origin', '*')
    const bundle = await isolated.frame()
    if (!bundle) throw new ApiError('NOT_FOUND', NOT_BUILT)
    return script(c, bundle, SHORT_CACHE)
  }
  // Before the hashed versions' route, whose {file} would take isolated.js for a hash.
  serve(app, endpoints.getIsolatedWidgetScript, async (c) => script(c, await isolatedLoader(c), SHORT_CACHE))
  frameRoutes(app, frameScript)

  serve(app, endpoints.getWidgetScriptVersion, async (c) => {
    const file = c.req.param('file') ?? ''
    const name = file.endsWith('.js') ? file.slice(0, -3) : ''
    if (ELEMENT_SCRIPTS.has(name)) return script(c, await current(c, name as WidgetScriptName), SHORT_CACHE)
    c.header('Access-Control-Allow-Origin', '*')
    const hash = HASHED_FILE.exec(file)?.[1]
    const bundle = hash ? await versionByHash(c, hash) : null
    if (!bundle) {
      throw new ApiError(
        'NOT_FOUND',
        'No such widget script: name one (booking.js, intake.js, consent.js, rights-request.js) or a hash /v1/widgets.json named',
      )
    }
    return script(c, bundle, IMMUTABLE_CACHE)
  })

  /** A current script's version from memory, else one served before (by any instance) from the database. */
  async function versionByHash(c: Context<AppEnv>, hash: string): Promise<WidgetBundle | null> {
    for (const source of [...sources.values(), isolated.loader]) {
      const bundle = await source()
      if (bundle?.hash === hash) return bundle
    }
    const { db, logger } = c.get('deps')
    return store.find(db, logger, hash)
  }

  serve(app, endpoints.getWidgetManifest, async (c) => {
    const listed = (bundle: WidgetBundle): WidgetScript => ({
      url: `/v1/widgets/${bundle.hash}.js`,
      integrity: bundle.integrity,
      bytes: bundle.identity.byteLength,
      gzipBytes: bundle.gzip.byteLength,
    })
    const scripts = {} as Record<WidgetScriptName, WidgetScript>
    for (const name of WIDGET_SCRIPT_NAMES) scripts[name] = listed(await current(c, name))
    const isolatedScript = listed(await isolatedLoader(c))
    return c.json({ ...scripts.widgets, scripts, isolated: isolatedScript }, 200, {
      ...PUBLIC_ASSET_HEADERS,
      'Cache-Control': 'public, max-age=60',
    })
  })

  return app
}
