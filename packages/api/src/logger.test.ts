import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLogger } from './logger.js'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('the default log output', () => {
  it('writes the lines of one turn of the event loop in one write, in order, one JSON object a line', async () => {
    const writes: string[] = []
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk))
      return true
    })
    const logger = createLogger({ level: 'info' })
    logger.info('request', { route: '/v1/bookings', status: 201 })
    logger.debug('not at info')
    logger.warn('slow', { durationMs: 12 })
    logger.error('failed', { code: 'INTERNAL' })
    expect(writes).toEqual([])
    await new Promise((resolve) => setImmediate(resolve))
    expect(writes).toHaveLength(1)
    const lines = writes[0]!
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(lines.map((line) => [line.level, line.message])).toEqual([
      ['info', 'request'],
      ['warn', 'slow'],
      ['error', 'failed'],
    ])
    expect(lines[0]).toMatchObject({ route: '/v1/bookings', status: 201 })
  })
})
