// The browser project's setup file: before a test file runs, it takes one of the demos the global setup started
// (demo-pool.ts) for itself, and gives it back once the file's last hook has run. browserEnv() answers that demo.
import { request } from 'node:http'
import { afterAll, inject } from 'vitest'
import { useDemo } from './browser.js'
import type { DemoEnv } from './setup.js'

const env = inject('browser')
if (env.available) {
  const lease = await leaseDemo(env.leaseUrl)
  useDemo(lease.demo)
  // Registered before the file's own hooks, so it runs after them: the file is done with the demo.
  afterAll(() => lease.release())
}

/** Waits for a free demo; the lease lasts as long as the answer's connection stays open. */
function leaseDemo(url: string): Promise<{ demo: DemoEnv; release(): void }> {
  return new Promise((resolve, reject) => {
    const asked = request(url, { agent: false }, (response) => {
      // Ending the lease cuts the connection on purpose: that is no error.
      response.on('error', () => {})
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        text += chunk
        if (!text.includes('\n')) return
        response.removeAllListeners('data')
        const line = text.slice(0, text.indexOf('\n'))
        if (response.statusCode === 200) resolve({ demo: JSON.parse(line), release: () => asked.destroy() })
        else reject(new Error(line))
        if (response.statusCode !== 200) asked.destroy()
      })
    })
    asked.on('error', reject)
    asked.end()
  })
}
