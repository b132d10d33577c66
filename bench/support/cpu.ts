// CPU time from /proc (Linux only): the server child, PostgreSQL, this process and the whole machine.
import { readdirSync, readFileSync } from 'node:fs'

const TICK_MS = 10 // USER_HZ is 100 on Linux

export interface CpuSample {
  server: number
  postgres: number
  self: number
  machineBusy: number
}

export interface CpuSpent extends CpuSample {
  /** Busy time of everything else on the machine (other people's work, the kernel). */
  others: number
  wallMs: number
  cores: number
}

/** utime + stime (+ the reaped children's, which is where a finished backend's time ends up) in ms. */
function processCpu(pid: number | string): { comm: string; ms: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0)
    return { comm, ms: ticks * TICK_MS }
  } catch {
    return undefined
  }
}

function machineBusy(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? ''
  const ticks = line.trim().split(/\s+/).slice(1).map(Number)
  const total = ticks.reduce((sum, value) => sum + value, 0)
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0)
  return (total - idle) * TICK_MS
}

export function sampleCpu(serverPid: number | undefined): CpuSample | undefined {
  try {
    let postgres = 0
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue
      const cpu = processCpu(pid)
      if (cpu?.comm === 'postgres') postgres += cpu.ms
    }
    return {
      server: serverPid ? (processCpu(serverPid)?.ms ?? 0) : 0,
      postgres,
      self: processCpu(process.pid)?.ms ?? 0,
      machineBusy: machineBusy(),
    }
  } catch {
    return undefined
  }
}

export function cpuSpent(before: CpuSample, after: CpuSample, wallMs: number, cores: number): CpuSpent {
  const server = after.server - before.server
  const postgres = after.postgres - before.postgres
  const self = after.self - before.self
  const busy = after.machineBusy - before.machineBusy
  return {
    server,
    postgres,
    self,
    machineBusy: busy,
    others: Math.max(0, busy - server - postgres - self),
    wallMs,
    cores,
  }
}

export function addCpu(a: CpuSpent | undefined, b: CpuSpent): CpuSpent {
  if (!a) return b
  return {
    server: a.server + b.server,
    postgres: a.postgres + b.postgres,
    self: a.self + b.self,
    machineBusy: a.machineBusy + b.machineBusy,
    others: a.others + b.others,
    wallMs: a.wallMs + b.wallMs,
    cores: a.cores,
  }
}
