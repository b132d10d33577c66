// The inbox's web side: the page, its reply form, the attachments, the JSON for tests and the fake Twilio API.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { EMAIL_HTML_CSP, PAGE_CSP, renderPage } from './page.js'
import { DevInboxReplyError } from './reply.js'
import type { MessageStore } from './store.js'
import { TWILIO_MESSAGES_PATH, type TwilioFake, twilioError } from './twilio-fake.js'

const MAX_BODY_BYTES = 1024 * 1024
const ATTACHMENT_PATH = /^\/messages\/([^/]+)\/attachments\/(\d+)$/
const HTML_PATH = /^\/messages\/([^/]+)\/html$/
const SOURCE_PATH = /^\/messages\/([^/]+)\/source$/
const REPLY_PATH = /^\/messages\/([^/]+)\/reply$/

export interface InboxRoutes {
  store: MessageStore
  twilio: TwilioFake
  reply(messageId: string, text: string): Promise<{ status: number }>
  repliesEnabled(): boolean
  /** Known once the servers listen. */
  address(): { url: string; port: number; smtpPort: number }
}

export function createRequestHandler(routes: InboxRoutes) {
  return async function devInboxRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    response.setHeader('x-content-type-options', 'nosniff')
    response.setHeader('referrer-policy', 'no-referrer')
    response.setHeader('cache-control', 'no-store')
    try {
      await route(routes, request, response)
    } catch (error) {
      if (error instanceof DevInboxReplyError) send(response, error.status, 'text/plain', error.message)
      else if (error instanceof BodyTooLargeError) send(response, 413, 'text/plain', error.message)
      else send(response, 500, 'text/plain', `The dev inbox failed: ${(error as Error).message}`)
    }
  }
}

async function route(routes: InboxRoutes, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const { port } = routes.address()
  // Bound to loopback, but a web page could still reach it by DNS rebinding: only our own host names count.
  if (request.headers.host !== `127.0.0.1:${port}` && request.headers.host !== `localhost:${port}`) {
    return send(response, 421, 'text/plain', 'The dev inbox answers only on 127.0.0.1 and localhost.')
  }
  const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
  const method = request.method ?? 'GET'

  const twilioMatch = TWILIO_MESSAGES_PATH.exec(path)
  if (twilioMatch) {
    const answer =
      method === 'POST'
        ? routes.twilio.createMessage(twilioMatch[1]!, request.headers.authorization, await readForm(request))
        : twilioError(405, 20004, 'Method not allowed')
    for (const [name, value] of Object.entries(answer.headers ?? {})) response.setHeader(name, value)
    return send(response, answer.status, 'application/json', JSON.stringify(answer.body))
  }

  if (path === '/' && method === 'GET') {
    const { url, smtpPort } = routes.address()
    response.setHeader('content-security-policy', PAGE_CSP)
    // Under no-referrer a browser sends `Origin: null` with the page's own reply form, which the origin
    // check below must refuse; same-origin lets the page name itself and still tells other sites nothing.
    response.setHeader('referrer-policy', 'same-origin')
    const html = renderPage({
      messages: routes.store.list(),
      smtp: { host: '127.0.0.1', port: smtpPort },
      twilioBaseUrl: `${url}/twilio`,
      repliesEnabled: routes.repliesEnabled(),
    })
    return send(response, 200, 'text/html', html)
  }

  if (path === '/api/messages') {
    if (method === 'GET')
      return send(response, 200, 'application/json', JSON.stringify({ data: routes.store.list() }))
    if (method === 'DELETE') {
      routes.store.clear()
      return send(response, 204)
    }
  }

  const replyMatch = REPLY_PATH.exec(path)
  if (replyMatch && method === 'POST') {
    // Another site in the same browser may post a form here too; only the inbox's own page may.
    const origin = request.headers.origin
    if (origin && origin !== `http://${request.headers.host}`) {
      return send(response, 403, 'text/plain', 'Replies are sent from the inbox page only.')
    }
    const form = await readForm(request)
    await routes.reply(decodeURIComponent(replyMatch[1]!), form.get('text') ?? '')
    response.setHeader('location', '/')
    return send(response, 303)
  }

  const htmlMatch = HTML_PATH.exec(path)
  if (htmlMatch && method === 'GET') {
    const html = routes.store.get(decodeURIComponent(htmlMatch[1]!))?.html
    if (html == null) return send(response, 404, 'text/plain', 'No such message, or it has no HTML version.')
    response.setHeader('content-security-policy', EMAIL_HTML_CSP)
    return send(response, 200, 'text/html', html)
  }

  const sourceMatch = SOURCE_PATH.exec(path)
  if (sourceMatch && method === 'GET') {
    const source = routes.store.source(decodeURIComponent(sourceMatch[1]!))
    if (!source) return send(response, 404, 'text/plain', 'No such email.')
    // As text, so a browser shows it rather than hands it to a mail program.
    response.setHeader('content-security-policy', "sandbox; default-src 'none'")
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': source.length })
    response.end(source)
    return
  }

  const attachmentMatch = ATTACHMENT_PATH.exec(path)
  if (attachmentMatch && method === 'GET') {
    const attachment = routes.store.attachment(
      decodeURIComponent(attachmentMatch[1]!),
      Number(attachmentMatch[2]),
    )
    if (!attachment) return send(response, 404, 'text/plain', 'No such attachment.')
    response.setHeader('content-disposition', contentDisposition(attachment.filename))
    response.setHeader('content-security-policy', "sandbox; default-src 'none'")
    response.writeHead(200, {
      'content-type': attachment.contentType,
      'content-length': attachment.content.length,
    })
    response.end(attachment.content)
    return
  }

  send(response, 404, 'text/plain', 'Not found. The inbox is at /.')
}

function send(response: ServerResponse, status: number, contentType?: string, body?: string): void {
  if (contentType) response.setHeader('content-type', `${contentType}; charset=utf-8`)
  response.writeHead(status).end(body)
}

class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError'
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`Request bodies stop at ${MAX_BODY_BYTES} bytes.`)
    chunks.push(chunk)
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
}

/** RFC 6266: a plain ASCII name for old clients, the exact UTF-8 name for the rest. */
function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/g, '_')
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`
}
