// PGlite opens with a buffer cache sized for one clinic, not PostgreSQL's 128 MB: wasm zeroes the whole cache
// before the first answer, so its size is start-up time and resident memory (docs/storage.md).
import { describe, expect, it } from 'vitest'
import { compilePgliteWasm, openPgliteFolder } from './pglite-folder.js'

// A new PGlite database is initialised in memory for each test (initdb: 3 s alone, far more on a busy CI machine).
describe('openPgliteFolder', { timeout: 60_000 }, () => {
  it('starts PostgreSQL with a 32 MB buffer cache and its own start parameters kept', async () => {
    const { pglite, unlock } = await openPgliteFolder('memory://')
    try {
      const setting = async (name: string) =>
        (await pglite.query<{ value: string }>(`SELECT current_setting('${name}') AS value`)).rows[0]?.value
      expect(await setting('shared_buffers')).toBe('32MB')
      // PGlite's defaults still apply: one process, no parallel workers.
      expect(await setting('max_worker_processes')).toBe('0')
      expect(await setting('search_path')).toBe('public')
    } finally {
      await pglite.close()
      await unlock()
    }
  })

  it("opens on PostgreSQL's wasm compiled ahead, as `serve` starts it while its code loads", async () => {
    const compiled = compilePgliteWasm()
    const module = await compiled
    // Found beside PGlite's own module and compiled: were it not, PGlite would load its own and this would not show.
    expect(module).toBeInstanceOf(WebAssembly.Module)
    const { pglite, unlock } = await openPgliteFolder('memory://', undefined, compiled)
    try {
      expect((await pglite.query<{ n: number }>('SELECT 1 + 1 AS n')).rows[0]?.n).toBe(2)
    } finally {
      await pglite.close()
      await unlock()
    }
  })
})
