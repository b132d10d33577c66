// The run's summary as a Markdown section for docs/benchmarks.md, whose history keeps one per run: the date,
// the commit and every figure beside its target, so a regression shows next to the change that caused it.
import { execFileSync } from 'node:child_process'
import { cpus, loadavg } from 'node:os'

function commit(): string {
  try {
    const hash = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      encoding: 'utf8',
    }).trim()
    return dirty ? `${hash} with uncommitted changes` : hash
  } catch {
    return 'unknown commit'
  }
}

const cell = (text: string) => text.trim().replaceAll('|', '\\|')

/** `rows` as the summary table has them: a header, then benchmark, figure, target, verdict. */
export function historySection(rows: string[][], options: { only?: string | undefined } = {}): string {
  const [, ...body] = rows
  const date = new Date().toISOString().slice(0, 10)
  const scope = options.only ? `\`--only=${options.only}\`` : 'full run'
  const lines = [
    `### ${date}, \`${commit()}\` (${scope}; ${cpus().length} cores, load ${loadavg()[0]?.toFixed(1)} at the end)`,
    '',
    '| benchmark | figure | target | |',
    '| --- | --- | --- | --- |',
    ...body.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ]
  return lines.join('\n')
}
