// The newcomer's first minutes, checked on the fresh checkout before anything else is built: `npm run demo`
// starts with no warning, and every address it prints answers 200, with the scripts and styles its pages load.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { rm } from 'node:fs/promises'

const READY = /^\s*mail\s+http/m
const START_TIMEOUT_MS = 240_000
const WARNING = /\bwarn(ing)?\b|▲|deprecat/i

const demo = spawn('npm', ['run', 'demo'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
let output = ''
demo.stdout.on('data', (chunk) => (output += chunk))
demo.stderr.on('data', (chunk) => (output += chunk))

const failures = []
try {
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the demo did not start in time')), START_TIMEOUT_MS)
    const poll = setInterval(() => {
      if (READY.test(output)) {
        clearInterval(poll)
        clearTimeout(timer)
        resolve()
      }
    }, 200)
    demo.once('exit', (code) => reject(new Error(`the demo exited early (code ${code})`)))
  })
  // A moment for anything printed late (a warning from a server that started last).
  await new Promise((resolve) => setTimeout(resolve, 2000))

  for (const line of output.split('\n').filter((line) => WARNING.test(line)))
    failures.push(`warning: ${line}`)

  for (const line of output.split('\n')) {
    const bearer = /Authorization: Bearer (\S+?)"/.exec(line)?.[1]
    for (const [address] of line.matchAll(/https?:\/\/(?:localhost|127\.0\.0\.1):\d+(?:\/[^\s"),]*)?/g)) {
      await check(address, bearer)
    }
  }
} catch (error) {
  failures.push(error.message)
} finally {
  const exited = demo.exitCode !== null || demo.signalCode !== null
  process.kill(-demo.pid, 'SIGTERM')
  // The demo's database closes on SIGTERM and writes as it does: remove its folder once it has gone.
  if (!exited) await Promise.race([once(demo, 'exit'), new Promise((resolve) => setTimeout(resolve, 15_000))])
  await rm('.frontdesk', { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
}

/** The address answers 200, and so does every script and stylesheet of the page it serves. */
async function check(address, bearer) {
  const response = await fetch(address, bearer ? { headers: { Authorization: `Bearer ${bearer}` } } : {})
  if (response.status !== 200) return failures.push(`${address} answered ${response.status}`)
  console.log(`ok ${address}`)
  if (!response.headers.get('content-type')?.startsWith('text/html')) return
  const page = await response.text()
  for (const [, src] of page.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+\.(?:js|css))"/g)) {
    const asset = new URL(src, response.url)
    // The demo's own servers only (the site loads the widgets' script from the API); nothing else is reached.
    if (!['localhost', '127.0.0.1'].includes(asset.hostname)) continue
    const loaded = await fetch(asset)
    if (loaded.status !== 200) failures.push(`${asset} (loaded by ${address}) answered ${loaded.status}`)
    else console.log(`ok ${asset}`)
  }
}

if (failures.length) {
  console.error(`npm run demo, as a newcomer sees it:\n${output}\n\nFailed:\n  ${failures.join('\n  ')}`)
  process.exit(1)
}
console.log('npm run demo: no warnings, every address it prints answers 200')
