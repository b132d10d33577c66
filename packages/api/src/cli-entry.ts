// The `frontdesk` command's entry, built as dist/cli.js. On PGlite, `serve` starts opening the data folder
// first (./serve-early.ts); the commands (./cli.ts, some 2 MB once bundled) are then read and parsed while
// PostgreSQL's wasm compiles on other threads. Imported statically, they were all parsed before anything ran.
import './serve-early.js'

const { runCli } = await import('./cli.js')
runCli(process.argv.slice(2))
