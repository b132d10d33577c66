// A webhook receiver for development: listens on this machine, checks each delivery's signature with
// the SDK before anything else, answers 2xx quickly, ignores repeats by event id, and prints what came.
// Run it, register it (see README.md), and start `frontdesk serve` with FRONTDESK_WEBHOOKS_ALLOW_PRIVATE=1.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { verifyWebhook, type WebhookEvent, WebhookSignatureError } from '@frontdesk/sdk'

export interface ReceiverOptions {
  /** The endpoint's secret(s) from registering it; during a roll, the new and the old one. */
  secrets: string[]
  port?: number
  /** Called once per event, after its signature checked out. */
  onEvent?: (event: WebhookEvent) => void
}

export async function startReceiver(options: ReceiverOptions): Promise<{ url: string; server: Server }> {
  const seen = new Set<string>()
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', async () => {
      try {
        const event = await verifyWebhook({
          payload: Buffer.concat(chunks).toString('utf8'),
          signature: request.headers['frontdesk-signature'] as string | undefined,
          secrets: options.secrets,
        })
        response.writeHead(204).end()
        if (seen.has(event.id)) return
        seen.add(event.id)
        options.onEvent?.(event)
      } catch (error) {
        response.writeHead(error instanceof WebhookSignatureError ? 400 : 500).end()
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 4242, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/frontdesk`, server }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const secrets = (process.env.FRONTDESK_WEBHOOK_SECRET ?? '').split(',').filter(Boolean)
  if (secrets.length === 0) {
    console.error('Set FRONTDESK_WEBHOOK_SECRET to the whsec_… secret the endpoint was registered with')
    process.exit(2)
  }
  const { url } = await startReceiver({
    secrets,
    onEvent: (event) => console.log(`${event.createdAt}  ${event.type}  ${JSON.stringify(event.data)}`),
  })
  console.log(`Receiving Frontdesk webhooks at ${url}`)
}
