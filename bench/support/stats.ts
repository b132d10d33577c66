// Summaries of timing samples: median, p95 and the ratios the reports print.

export interface Summary {
  count: number
  median: number
  p95: number
  min: number
  max: number
  mean: number
}

/** Nearest-rank percentile of already sorted values. */
function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))
  return sorted[rank] ?? Number.NaN
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  const total = sorted.reduce((sum, value) => sum + value, 0)
  return {
    count: sorted.length,
    median: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.length ? total / sorted.length : Number.NaN,
  }
}

/** Runs `work` `warmup` times unmeasured, then `runs` times, and returns each run's milliseconds. */
export async function timeRuns(warmup: number, runs: number, work: () => unknown): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await work()
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await work()
    samples.push(performance.now() - started)
  }
  return samples
}
