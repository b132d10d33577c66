// Structured JSON logs. Only ids, routes, codes and timings go in: never patient data, tokens or query strings.
import { writeSync } from 'node:fs'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent'

export interface LogFields {
  requestId?: string
  clinicId?: string
  principal?: string
  method?: string
  route?: string
  status?: number
  durationMs?: number
  code?: string
  [key: string]: string | number | boolean | null | undefined
}

export interface Logger {
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
}

const ranks: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 }

export function createLogger(options: { level?: LogLevel; write?: (line: string) => void } = {}): Logger {
  const threshold = ranks[options.level ?? 'info']
  const write = options.write ?? toStandardOutput
  const log =
    (level: Exclude<LogLevel, 'silent'>) =>
    (message: string, fields: LogFields = {}) => {
      if (ranks[level] < threshold) return
      write(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }))
    }
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') }
}

/**
 * Lines to standard output, written together once per turn of the event loop: a busy server logs one
 * line per request, and a write to a pipe or file is a system call each. Lines still waiting when the
 * process exits are written before it goes.
 */
let waiting: string[] = []

function toStandardOutput(line: string): void {
  if (waiting.length === 0) {
    if (!exitHooked) {
      exitHooked = true
      process.once('exit', () => {
        if (waiting.length > 0) writeSync(1, `${waiting.join('\n')}\n`)
      })
    }
    setImmediate(flushStandardOutput)
  }
  waiting.push(line)
}

let exitHooked = false

function flushStandardOutput(): void {
  if (waiting.length === 0) return
  const text = `${waiting.join('\n')}\n`
  waiting = []
  process.stdout.write(text)
}
