// Loads one POST endpoint with autocannon, a fresh JSON body per request, and tallies answers by status and error code.
import autocannon from 'autocannon'

export interface LoadOptions {
  origin: string
  path: string
  headers?: Record<string, string>
  /** Called once per request: every request carries its own body. */
  nextBody: () => unknown
  connections: number
  durationSeconds: number
}

export interface LoadResult {
  durationSeconds: number
  responses: number
  succeeded: number
  /** Successful answers per second: the figure the ratio compares. */
  successRate: number
  latencyP50: number
  latencyP99: number
  /** Count per HTTP status. */
  statuses: Map<number, number>
  /** Count per `status code` of the error answers, e.g. "409 SLOT_TAKEN". */
  failures: Map<string, number>
  socketErrors: number
  timeouts: number
}

export async function loadPost(options: LoadOptions): Promise<LoadResult> {
  const failures = new Map<string, number>()
  const result = await autocannon({
    url: options.origin,
    connections: options.connections,
    duration: options.durationSeconds,
    requests: [
      {
        method: 'POST',
        path: options.path,
        headers: { 'content-type': 'application/json', ...options.headers },
        setupRequest: (request) => ({ ...request, body: JSON.stringify(options.nextBody()) }),
        onResponse: (status, body) => {
          if (status < 300) return
          let code = 'unreadable body'
          try {
            code = JSON.parse(body)?.error?.code ?? 'no error code'
          } catch {}
          const key = `${status} ${code}`
          failures.set(key, (failures.get(key) ?? 0) + 1)
        },
      },
    ],
  })
  const statuses = new Map<number, number>()
  for (const [status, stats] of Object.entries(result.statusCodeStats))
    statuses.set(Number(status), stats.count)
  const succeeded = result['2xx']
  return {
    durationSeconds: result.duration,
    responses: result.requests.total,
    succeeded,
    successRate: succeeded / result.duration,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    statuses,
    failures,
    socketErrors: result.errors - result.timeouts,
    timeouts: result.timeouts,
  }
}

/** One result from several runs of the same endpoint: counts add up; p50 is response-weighted, p99 the worst. */
export function mergeLoads(runs: LoadResult[]): LoadResult {
  const sum = (pick: (run: LoadResult) => number) => runs.reduce((total, run) => total + pick(run), 0)
  const addInto = <K>(target: Map<K, number>, source: Map<K, number>) => {
    for (const [key, n] of source) target.set(key, (target.get(key) ?? 0) + n)
    return target
  }
  const responses = sum((run) => run.responses)
  const durationSeconds = sum((run) => run.durationSeconds)
  const succeeded = sum((run) => run.succeeded)
  return {
    durationSeconds,
    responses,
    succeeded,
    successRate: succeeded / durationSeconds,
    latencyP50: responses ? sum((run) => run.latencyP50 * run.responses) / responses : Number.NaN,
    latencyP99: Math.max(...runs.map((run) => run.latencyP99)),
    statuses: runs.reduce((all, run) => addInto(all, run.statuses), new Map<number, number>()),
    failures: runs.reduce((all, run) => addInto(all, run.failures), new Map<string, number>()),
    socketErrors: sum((run) => run.socketErrors),
    timeouts: sum((run) => run.timeouts),
  }
}
