// Real processes for the start-up and soak benches: spawned in a group of their own, watched until an
// address answers, measured from /proc (resident memory), and stopped with everything they started.
import { type ChildProcess, spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

export interface Spawned {
  child: ChildProcess
  /** What it wrote to stdout and stderr so far. */
  output(): string
  /** Set once it has exited. */
  exited(): boolean
  stop(): Promise<void>
}

/** Starts `command` in its own process group, in the repository, with `env` over this process's. */
export function spawnGroup(command: string, args: string[], env: NodeJS.ProcessEnv): Spawned {
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  let exited = false
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true
      resolve()
    }),
  )
  return {
    child,
    output: () => output,
    exited: () => exited,
    async stop() {
      if (child.pid === undefined) return
      const group = child.pid
      if (groupAlive(group)) process.kill(-group, 'SIGTERM')
      // npm exits before the process it ran, which closes its database as it goes: wait for the whole group.
      const deadline = performance.now() + 15_000
      while (groupAlive(group) && performance.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50))
      if (groupAlive(group)) process.kill(-group, 'SIGKILL')
      await exit
    },
  }
}

function groupAlive(group: number): boolean {
  try {
    process.kill(-group, 0)
    return true
  } catch {
    return false
  }
}

/** Polls until every address answers 200 (and `also()` holds); milliseconds since `since`. */
export async function waitUntilAnswering(
  spawned: Spawned,
  urls: string[],
  since: number,
  options: { timeoutMs?: number; also?: () => boolean } = {},
): Promise<number> {
  const { timeoutMs = 120_000, also = () => true } = options
  for (;;) {
    if (spawned.exited())
      throw new Error(`the process exited before it answered:\n${spawned.output().slice(-2000)}`)
    if (performance.now() - since > timeoutMs)
      throw new Error(`no answer from ${urls.join(', ')} within ${timeoutMs} ms`)
    if (also() && (await Promise.all(urls.map(answers))).every(Boolean)) return performance.now() - since
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) })
    await response.arrayBuffer()
    return response.status === 200
  } catch {
    return false
  }
}

/** Resident memory of a process in MB (VmRSS in /proc/<pid>/status); NaN where /proc is not there. */
export function rssMb(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kb ? Number(kb) / 1024 : Number.NaN
  } catch {
    return Number.NaN
  }
}

/**
 * The largest process of `group` (by resident memory) whose command line contains `marker`: the Node
 * process npm ran, not npm itself or the shell between them.
 */
export function memberOfGroup(group: number | undefined, marker: string): number | undefined {
  if (group === undefined) return undefined
  let largest: number | undefined
  try {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
        const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2])
        if (pgrp !== group || !readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(marker)) continue
        const pid = Number(name)
        if (largest === undefined || rssMb(pid) > rssMb(largest)) largest = pid
      } catch {}
    }
  } catch {}
  return largest
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}
