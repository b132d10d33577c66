// A webhook receiver for development: listens on this machine, checks each delivery's signature before
// anything else (the Frontdesk-Signature with the SDK, or the Standard Webhooks headers with that
// specification's reference library), answers 2xx quickly, ignores repeats by event id, and prints what came.
// Run it, register it (see README.md), and start `frontdesk serve` with FRONTDESK_WEBHOOKS_ALLOW_PRIVATE=1.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { verifyWebhook, type WebhookEvent, WebhookSignatureError } from '@frontdesk/sdk'
import { Webhook, WebhookVerificationError } from 'standardwebhooks'

export interface ReceiverOptions {
  /** The endpoint's secret(s) from registering it; during a roll, the new and the old one. */
  secrets: string[]
  port?: number
  /**
   * Which signature to check: `frontdesk` (the Frontdesk-Signature header, with @frontdesk/sdk) or `standard`
   * (webhook-id, webhook-timestamp and webhook-signature, with the `standardwebhooks` library). Every
   * delivery carries both; a receiver needs one.
   */
  scheme?: 'frontdesk' | 'standard'
  /** Called once per event, after its signature checked out. */
  onEvent?: (event: WebhookEvent) => void
}

async function verified(options: ReceiverOptions, payload: string, headers: IncomingHttpHeaders) {
  if (options.scheme !== 'standard') {
    return verifyWebhook({
      payload,
      signature: headers['frontdesk-signature'] as string | undefined,
      secrets: options.secrets,
    })
  }
  // The library takes one secret: during a roll, try the new and the old one.
  for (const secret of options.secrets) {
    try {
      return new Webhook(secret).verify(payload, headers as Record<string, string>) as WebhookEvent
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error
    }
  }
  throw new WebhookVerificationError('No matching signature found')
}

export async function startReceiver(options: ReceiverOptions): Promise<{ url: string; server: Server }> {
  const seen = new Set<string>()
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', async () => {
      try {
        const event = await verified(options, Buffer.concat(chunks).toString('utf8'), request.headers)
        response.writeHead(204).end()
        if (seen.has(event.id)) return
        seen.add(event.id)
        options.onEvent?.(event)
      } catch (error) {
        const refused = error instanceof WebhookSignatureError || error instanceof WebhookVerificationError
        response.writeHead(refused ? 400 : 500).end()
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
    scheme: process.env.FRONTDESK_WEBHOOK_SCHEME === 'standard' ? 'standard' : 'frontdesk',
    onEvent: (event) => console.log(`${event.createdAt}  ${event.type}  ${JSON.stringify(event.data)}`),
  })
  console.log(`Receiving Frontdesk webhooks at ${url}`)
}
