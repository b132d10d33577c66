// The dev inbox: an SMTP catch-all and a fake Twilio on 127.0.0.1, and one page showing every message the demo sent.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequestHandler } from './http.js'
import { sendReply } from './reply.js'
import { startSmtpCatchAll } from './smtp.js'
import { MessageStore } from './store.js'
import { createTwilioFake } from './twilio-fake.js'
import type { DevInbox, DevInboxOptions } from './types.js'

export { escapeHtml } from './page.js'
export { DevInboxReplyError } from './reply.js'
export type {
  DevInbox,
  DevInboxOptions,
  InboxAttachment,
  InboxChannel,
  InboxMessage,
  InboxReply,
} from './types.js'

export async function startDevInbox(options: DevInboxOptions): Promise<DevInbox> {
  const { smtpPort = 0, httpPort = 0, limit = 500 } = options
  const store = new MessageStore(limit)
  const twilio = createTwilioFake(options, store)
  const reply = (messageId: string, text: string) => sendReply(options, store, messageId, text)
  let address = { url: '', port: 0, smtpPort: 0 }

  const server = createServer(
    createRequestHandler({
      store,
      twilio,
      reply,
      repliesEnabled: () => Boolean(options.inboundUrl?.()),
      address: () => address,
    }),
  )
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(httpPort, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}`

  let smtp: Awaited<ReturnType<typeof startSmtpCatchAll>>
  try {
    smtp = await startSmtpCatchAll({ port: smtpPort, store, inboxUrl: url })
  } catch (error) {
    server.close()
    throw error
  }
  address = { url, port, smtpPort: smtp.port }

  return {
    url,
    smtp: { host: '127.0.0.1', port: smtp.port },
    twilioBaseUrl: `${url}/twilio`,
    messages: () => store.list(),
    reply,
    async close() {
      twilio.close()
      const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      await Promise.all([httpClosed, smtp.close()])
    },
  }
}
