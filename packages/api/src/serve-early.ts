// The first thing `frontdesk serve` on PGlite does, before the rest of the CLI is evaluated: open the data
// folder. Imported first by ./cli-entry.ts, and importing next to nothing itself, so that it runs first.
import { DEFAULT_DATA_DIR, openPgliteFolderEarly } from './db/pglite-folder.js'

/**
 * Keeps the event loop waiting on a timer of its own while `serve` starts on PGlite. Start-up spends moments
 * awaiting nothing but PGlite, whose work is no I/O; with no event to wait for, Node waits instead for V8's
 * background work, which then is optimising PostgreSQL's wasm: about a tenth of a restart (1.53 against
 * 1.39 s, seven alternating pairs). Once the server listens its port holds the loop, and this goes.
 */
let holdingLoop: NodeJS.Timeout | undefined

const [, , command, ...rest] = process.argv
if (command === 'serve' && !process.env.DATABASE_URL && !rest.includes('--help') && !rest.includes('-h')) {
  openPgliteFolderEarly(process.env.FRONTDESK_DATA_DIR || DEFAULT_DATA_DIR)
  holdingLoop = setInterval(() => {}, 60_000)
}

/** The server is listening (or start-up failed): the loop needs holding no longer. */
export function releaseStartingLoop(): void {
  clearInterval(holdingLoop)
  holdingLoop = undefined
}
