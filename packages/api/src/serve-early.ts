// The first thing `frontdesk serve` on PGlite does, before the rest of the CLI is evaluated: open the data
// folder. Imported first by ./cli.ts, and importing next to nothing itself, so that it runs first.
import { DEFAULT_DATA_DIR, openPgliteFolderEarly } from './db/pglite-folder.js'

const [, , command, ...rest] = process.argv
if (command === 'serve' && !process.env.DATABASE_URL && !rest.includes('--help') && !rest.includes('-h')) {
  openPgliteFolderEarly(process.env.FRONTDESK_DATA_DIR || DEFAULT_DATA_DIR)
}
