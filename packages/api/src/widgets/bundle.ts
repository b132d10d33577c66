// The widgets' script-tag bundles as the API serves them: read once, hashed for caching and integrity, gzipped ahead.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { WidgetScriptName } from '@frontdesk/contracts'

export interface WidgetBundle {
  identity: Uint8Array<ArrayBuffer>
  gzip: Uint8Array<ArrayBuffer>
  /**
   * Made on the first request that takes brotli, once: at its best quality it costs about a second of CPU
   * across the scripts, which the manifest (and a clinic page asking for it as the API starts) need not wait for.
   */
  brotli(): Promise<Uint8Array<ArrayBuffer>>
  /** The first 16 hex characters of its SHA-256: the immutable URL's name and the ETag. */
  hash: string
  /** Subresource Integrity of the uncompressed bytes, which is what a browser checks. */
  integrity: string
}

/** Gives the bundle's bytes, or null while it has not been built. */
export type WidgetBundleLoader = () => Promise<Uint8Array | null>

/** Gives one named script's bytes (`widgets` is the all-in-one), or null while it has not been built. */
export type WidgetScriptLoader = (name: WidgetScriptName) => Promise<Uint8Array | null>

const gzipAsync = promisify(gzip)
const brotliAsync = promisify(brotliCompress)

/** Isolated mode's two scripts: the loader a clinic's page uses, and the frame page's own. */
export type IsolatedScriptName = 'isolated' | 'frame'

/**
 * A script of @frontdesk/widgets, found the way Node finds the package, so it works from dist too:
 * dist/widgets.js for `widgets`, dist/scripts/<name>.js for one element, dist/<name>.js for isolated mode's.
 */
export async function readBuiltWidgetScript(
  name: WidgetScriptName | IsolatedScriptName,
): Promise<Uint8Array | null> {
  const specifier =
    name === 'widgets'
      ? '@frontdesk/widgets/bundle'
      : name === 'isolated' || name === 'frame'
        ? `@frontdesk/widgets/${name}`
        : `@frontdesk/widgets/scripts/${name}`
  let path: string
  try {
    path = fileURLToPath(import.meta.resolve(specifier))
  } catch {
    return null
  }
  try {
    return await readFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

export async function prepareWidgetBundle(bytes: Uint8Array): Promise<WidgetBundle> {
  const identity = new Uint8Array(bytes)
  const gzipped = await gzipAsync(identity, { level: 9 })
  let brotli: Promise<Uint8Array<ArrayBuffer>> | undefined
  return {
    identity,
    gzip: new Uint8Array(gzipped),
    brotli() {
      brotli ??= brotliAsync(identity, {
        params: {
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: identity.byteLength,
        },
      }).then((compressed) => new Uint8Array(compressed))
      return brotli
    },
    hash: createHash('sha256').update(identity).digest('hex').slice(0, 16),
    integrity: `sha384-${createHash('sha384').update(identity).digest('base64')}`,
  }
}

/**
 * Prepares the bundle once per app. A bundle not built yet, or a failed read, is looked for again on
 * the next request, so building the widgets while the API runs needs no restart.
 */
export function widgetBundleSource(load: WidgetBundleLoader): () => Promise<WidgetBundle | null> {
  let pending: Promise<WidgetBundle | null> | undefined
  return async function widgetBundle() {
    pending ??= load().then((bytes) => (bytes ? prepareWidgetBundle(bytes) : null))
    const current = pending
    const forget = () => {
      if (pending === current) pending = undefined
    }
    try {
      const bundle = await current
      if (!bundle) forget()
      return bundle
    } catch (error) {
      forget()
      throw error
    }
  }
}
