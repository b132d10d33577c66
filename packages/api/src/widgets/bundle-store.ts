// Every script-tag bundle this API has served, kept in the database by its hash (migrations/0023), so a
// page that pinned an older version's URL and integrity keeps loading exactly those bytes after upgrades.
import type { WidgetScriptName } from '@frontdesk/contracts'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Logger } from '../logger.js'
import { prepareWidgetBundle, type WidgetBundle } from './bundle.js'

/** Old versions asked for lately, compressed: a pinned script is asked for by every page view. */
const KEPT_PREPARED = 16

export class WidgetBundleStore {
  /** Hashes this process has stored (or is storing): each is written once, whatever asks for it. */
  readonly #stored = new Map<string, Promise<void>>()
  readonly #prepared = new Map<string, WidgetBundle>()

  /**
   * Keeps a bundle about to be served. A database that cannot take it now does not stop the script being
   * served: it is logged and tried again on the bundle's next request.
   */
  async remember(
    db: Kysely<Database>,
    logger: Logger,
    name: WidgetScriptName | 'isolated',
    bundle: WidgetBundle,
  ): Promise<void> {
    let pending = this.#stored.get(bundle.hash)
    if (!pending) {
      pending = store(db, name, bundle)
      this.#stored.set(bundle.hash, pending)
    }
    try {
      await pending
    } catch (error) {
      if (this.#stored.get(bundle.hash) === pending) this.#stored.delete(bundle.hash)
      logger.warn('widget bundle not stored', { hash: bundle.hash, name, code: codeOf(error) })
    }
  }

  /** A version served before, by its hash, compressed for serving; null when this API never served it. */
  async find(db: Kysely<Database>, logger: Logger, hash: string): Promise<WidgetBundle | null> {
    const kept = this.#prepared.get(hash)
    if (kept) {
      // Most recently used last, so the oldest is the first to go.
      this.#prepared.delete(hash)
      this.#prepared.set(hash, kept)
      return kept
    }
    const row = await db
      .selectFrom('widget_bundles')
      .select(['body', 'integrity'])
      .where('hash', '=', hash)
      .executeTakeFirst()
    if (!row) return null
    const bundle = await prepareWidgetBundle(row.body)
    // Bytes that no longer hash to their name were changed in the database: never serve them as that version.
    if (bundle.hash !== hash || bundle.integrity !== row.integrity) {
      logger.error('stored widget bundle does not match its hash', { hash })
      return null
    }
    this.#prepared.set(hash, bundle)
    if (this.#prepared.size > KEPT_PREPARED) this.#prepared.delete(this.#prepared.keys().next().value!)
    return bundle
  }
}

/**
 * Stores the bundle unless it is there already. A restart of the same build finds every bundle stored: asking
 * by hash first spares sending its bytes again (some 450 KB, which PGlite encodes in JavaScript, a good part
 * of a second of start-up before a page's first script).
 */
async function store(
  db: Kysely<Database>,
  name: WidgetScriptName | 'isolated',
  bundle: WidgetBundle,
): Promise<void> {
  const kept = await db
    .selectFrom('widget_bundles')
    .select('hash')
    .where('hash', '=', bundle.hash)
    .executeTakeFirst()
  if (kept) return
  await db
    .insertInto('widget_bundles')
    .values({ hash: bundle.hash, name, body: bundle.identity, integrity: bundle.integrity })
    // Another instance stored it meanwhile: the same hash is the same bytes.
    .onConflict((conflict) => conflict.column('hash').doNothing())
    .execute()
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}
