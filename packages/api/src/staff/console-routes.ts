// The staff console at /admin: a page that holds one element under the app's strict CSP, and the
// console's script, read from @frontdesk/console's build. Neither needs a principal; everything the
// console shows does.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { endpoints } from '@frontdesk/contracts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../env.js'
import { serve } from '../routes/define.js'
import { scriptResponse } from '../routes/script-response.js'
import { type WidgetBundleLoader, widgetBundleSource } from '../widgets/bundle.js'

export const ADMIN_CONSOLE_SCRIPT = endpoints.getStaffConsoleScript.path
const PATHS = new Set([endpoints.getStaffConsole.path, '/admin/', ADMIN_CONSOLE_SCRIPT])

/** The console's page and script: public, like the widget bundle (the session is checked by each API call). */
export function isAdminConsolePath(path: string): boolean {
  return PATHS.has(path)
}

// The CSP (this origin only, nothing inline, no frames, no native form posts), X-Frame-Options,
// no-referrer, nosniff and the same-origin policies are the app's, as on every answer
// (middleware/security-headers). A page that may hold a session is never stored.
const PAGE_HEADERS = { 'Cache-Control': 'no-store' }

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Frontdesk</title>
<script type="module" src="${ADMIN_CONSOLE_SCRIPT}"></script>
</head>
<body>
<frontdesk-console></frontdesk-console>
<noscript>The Frontdesk staff console needs JavaScript.</noscript>
</body>
</html>
`

const NOT_BUILT =
  'The staff console is not built yet: run npm run build -w @frontdesk/console (or npm run build)'

/**
 * The console's script: shipped inside this package once built (dist/console.js, copied there by the
 * build), or in the repository @frontdesk/console's own build, found the way Node finds the package.
 */
export async function readBuiltConsoleScript(): Promise<Uint8Array | null> {
  const shipped = await readIfPresent(fileURLToPath(new URL('./console.js', import.meta.url)))
  if (shipped) return shipped
  let path: string
  try {
    path = fileURLToPath(import.meta.resolve('@frontdesk/console/bundle'))
  } catch {
    return null
  }
  return readIfPresent(path)
}

async function readIfPresent(path: string): Promise<Uint8Array | null> {
  try {
    return await readFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

export interface AdminConsoleOptions {
  /** Where the script comes from; by default @frontdesk/console's dist/console.js. */
  script?: WidgetBundleLoader
}

export function adminConsoleRoutes(options: AdminConsoleOptions = {}) {
  const app = new OpenAPIHono<AppEnv>()
  // Read, hashed and compressed once; looked for again while it is missing, so a build needs no restart.
  const script = widgetBundleSource(options.script ?? readBuiltConsoleScript)

  const page = async (c: Context<AppEnv>) => {
    if (!(await script())) return c.text(NOT_BUILT, 503, { ...PAGE_HEADERS, 'Retry-After': '10' })
    return c.html(PAGE, 200, PAGE_HEADERS)
  }
  serve(app, endpoints.getStaffConsole, page)
  // The same page, for an address typed with a slash; the table lists it once.
  app.get('/admin/', page)

  serve(app, endpoints.getStaffConsoleScript, async (c) => {
    const bundle = await script()
    if (!bundle) return c.text(NOT_BUILT, 503, { ...PAGE_HEADERS, 'Retry-After': '10' })
    // Revalidated on every load: a new console must reach staff at once, and the ETag keeps it cheap.
    return scriptResponse(c, bundle, { cacheControl: 'no-cache' })
  })

  return app
}
