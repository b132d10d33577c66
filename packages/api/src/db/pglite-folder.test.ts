// PGlite opens with a buffer cache sized for one clinic, not PostgreSQL's 128 MB: wasm zeroes the whole cache
// before the first answer, so its size is start-up time and resident memory (docs/storage.md).
import { describe, expect, it } from 'vitest'
import { openPgliteFolder } from './pglite-folder.js'

describe('openPgliteFolder', () => {
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
})
