// Console output for the benchmarks: section headings, aligned tables and number formats.
import { loadavg } from 'node:os'

/** The machine is shared: each heading shows the 1-minute load average, so noisy figures can be told apart. */
export function heading(title: string): void {
  const load = `load ${loadavg()[0]?.toFixed(1)}`
  console.log(`\n== ${title} ${'='.repeat(Math.max(2, 76 - title.length - load.length))} ${load}`)
}

export function note(text: string): void {
  console.log(`   ${text}`)
}

/** Prints rows as columns; the first row is the header. Numbers-looking cells are right-aligned. */
export function table(rows: string[][]): void {
  const widths: number[] = []
  for (const row of rows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, cell.length)
    })
  }
  const numeric = /^[-+~≈]?[\d.,]+\s?(ms|s|×|%|req\/s|KB)?$/
  rows.forEach((row, index) => {
    const line = row
      .map((cell, column) => {
        const width = widths[column] ?? 0
        return numeric.test(cell) ? cell.padStart(width) : cell.padEnd(width)
      })
      .join('  ')
    console.log(`   ${line.trimEnd()}`)
    if (index === 0) console.log(`   ${widths.map((width) => '-'.repeat(width)).join('  ')}`)
  })
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return '—'
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`
  if (value >= 100) return `${value.toFixed(0)} ms`
  if (value >= 10) return `${value.toFixed(1)} ms`
  return `${value.toFixed(2)} ms`
}

export function times(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : '—'
}

export function rate(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value).toLocaleString('en-US')} req/s` : '—'
}

export function count(value: number): string {
  return value.toLocaleString('en-US')
}

/** "meets" / "misses" beside a figure; the benchmarks report, they never fail the run. */
export function verdict(met: boolean): string {
  return met ? 'meets' : 'MISSES'
}
