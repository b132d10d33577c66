// The availability benchmark's tables: the full answer by size, then the compact one with the answers' sizes.
import {
  type AnswerSizes,
  AVAILABILITY_P95_TARGET_MS,
  AVAILABILITY_TARGET_MS,
  type AvailabilityRow,
  DAYS,
} from './availability.js'
import { count, ms, note, table, times, verdict } from './support/print.js'
import type { Summary } from './support/stats.js'

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} KB`
export const sizesText = (sizes: AnswerSizes) =>
  `${kb(sizes.raw)} (gzip ${kb(sizes.gzip)}, br ${kb(sizes.brotli)})`

export function printAvailability(rows: AvailabilityRow[]): void {
  table([
    [
      'practitioners',
      'HTTP median',
      'HTTP p95',
      'in-process median',
      'in-process p95',
      'reads median',
      'engine median',
      'engine p95',
      'JSON median',
      'slots',
      'response',
    ],
    ...rows.map((row) => [
      String(row.practitioners),
      ms(row.http?.median ?? Number.NaN),
      ms(row.http?.p95 ?? Number.NaN),
      ms(row.api.median),
      ms(row.api.p95),
      ms(row.reads.median),
      ms(row.engine.median),
      ms(row.engine.p95),
      ms(row.json.median),
      count(row.slots),
      `${(row.responseBytes / 1024).toFixed(0)} KB`,
    ]),
  ])
  note(
    'HTTP: the API served by @hono/node-server in a child process, one keep-alive connection, body read to the end',
  )
  note('in-process: app.request(), body read as bytes (pays undici Response encoding that node-server skips)')
  note('reads: busy time for the practitioners (the catalogue and schedules come from the per-process cache)')
  note('JSON: JSON.stringify of the answer. The rest is the principal lookup, validation, mapping, GC')
  console.log()
  table([
    [
      'practitioners',
      'compact HTTP gzip median',
      'p95',
      'compact in-process median',
      'full HTTP gzip median',
      'p95',
      'compact answer',
      'full answer',
      'gzip / br of full (CPU)',
    ],
    ...rows.map((row) => [
      String(row.practitioners),
      ms(row.compact.http?.median ?? Number.NaN),
      ms(row.compact.http?.p95 ?? Number.NaN),
      ms(row.compact.api.median),
      ms(row.fullGzipHttp?.median ?? Number.NaN),
      ms(row.fullGzipHttp?.p95 ?? Number.NaN),
      sizesText(row.compact.sizes),
      sizesText(row.fullSizes),
      `${ms(row.compressFull.gzip.median)} / ${ms(row.compressFull.brotli.median)}`,
    ]),
  ])
  note(
    'compact: GET /v1/availability/times without practitioner lists, as the booking widget asks; HTTP with Accept-Encoding: gzip',
  )
  note('sizes: the JSON, then as the API compresses it (gzip level 6, brotli quality 4, answers over 1 KiB)')
  const base = rows.find((row) => row.practitioners === 1)
  if (base) {
    console.log()
    table([
      ['growth', 'HTTP median', 'in-process median', 'engine median', 'linear would be'],
      ...rows
        .filter((row) => row !== base)
        .map((row) => [
          `${row.practitioners}/1`,
          times((row.http?.median ?? Number.NaN) / (base.http?.median ?? Number.NaN)),
          times(row.api.median / base.api.median),
          times(row.engine.median / base.engine.median),
          times(row.practitioners),
        ]),
    ])
  }
  const largest = rows.at(-1)
  if (largest) {
    console.log()
    const against = (name: string, summary: Summary | undefined) => {
      if (!summary) return
      note(
        `target: ${largest.practitioners} practitioners × ${DAYS} days ≤ ${AVAILABILITY_TARGET_MS} ms median, ` +
          `≤ ${AVAILABILITY_P95_TARGET_MS} ms p95 — ${name} ` +
          `median ${ms(summary.median)} (${verdict(summary.median <= AVAILABILITY_TARGET_MS)}), ` +
          `p95 ${ms(summary.p95)} (${verdict(summary.p95 <= AVAILABILITY_P95_TARGET_MS)})`,
      )
    }
    against('HTTP', largest.http)
    against('in-process', largest.api)
    const compact = largest.compact.http
    if (compact) {
      note(
        `target: compact + gzip over HTTP ≤ ${AVAILABILITY_TARGET_MS} ms median, ≤ ${AVAILABILITY_P95_TARGET_MS} ms p95 — ` +
          `median ${ms(compact.median)} (${verdict(compact.median <= AVAILABILITY_TARGET_MS)}), ` +
          `p95 ${ms(compact.p95)} (${verdict(compact.p95 <= AVAILABILITY_P95_TARGET_MS)})`,
      )
    }
  }
}
