// The inbox page: every caught message, newest first, as plain server-rendered HTML with no script at all.
import type { InboxMessage, InboxReply } from './types.js'

/** The page runs nothing; email HTML is framed from srcdoc (which inherits this policy) and sandboxed. */
export const PAGE_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  "frame-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** For an email's HTML opened on its own: no script, no network, an opaque origin. */
export const EMAIL_HTML_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"

export interface PageContext {
  messages: InboxMessage[]
  smtp: { host: string; port: number }
  twilioBaseUrl: string
  repliesEnabled: boolean
}

const CHANNEL_NAMES = { email: 'Email', sms: 'SMS', whatsapp: 'WhatsApp' } as const

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

export function renderPage(context: PageContext): string {
  const { messages, smtp, twilioBaseUrl } = context
  const count = messages.length === 1 ? '1 message' : `${messages.length} messages`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dev inbox (${count})</title>
<style>${STYLES}</style>
</head>
<body>
<header>
<h1>Dev inbox</h1>
<p>Nothing sent here leaves this machine. Email: SMTP on <code>${escapeHtml(smtp.host)}:${smtp.port}</code>.
SMS and WhatsApp: Twilio API at <code>${escapeHtml(twilioBaseUrl)}</code>.</p>
<p>${count}. <a href="/">Reload</a> to see new ones.</p>
</header>
<main>
${messages.length === 0 ? EMPTY_STATE : messages.map((message) => renderMessage(message, context.repliesEnabled)).join('\n')}
</main>
</body>
</html>
`
}

const EMPTY_STATE = `<p class="empty">No messages yet. When the demo emails a patient, or texts them by SMS or
WhatsApp, the message lands here instead of reaching anyone. Book an appointment on the demo site, then reload.</p>`

function renderMessage(message: InboxMessage, repliesEnabled: boolean): string {
  const id = escapeHtml(message.id)
  const channel = CHANNEL_NAMES[message.channel]
  const heading =
    message.channel === 'email' ? (message.subject ?? '(no subject)') : `${channel} to ${message.to}`
  return `<article aria-labelledby="heading-${id}">
<h2 id="heading-${id}">${escapeHtml(heading)}</h2>
<dl>
<dt>Channel</dt><dd>${channel}</dd>
<dt>From</dt><dd>${escapeHtml(message.from)}</dd>
<dt>To</dt><dd>${escapeHtml(message.to)}</dd>
<dt>Received</dt><dd><time datetime="${escapeHtml(message.receivedAt)}">${escapeHtml(message.receivedAt)}</time></dd>
${message.subject === null ? '' : `<dt>Subject</dt><dd>${escapeHtml(message.subject)}</dd>`}
</dl>
<pre class="body">${escapeHtml(message.text)}</pre>
${message.html === null ? '' : renderHtmlBody(message)}
${renderAttachments(message)}
${message.channel === 'email' ? '' : renderConversation(message, repliesEnabled)}
</article>`
}

function renderHtmlBody(message: InboxMessage): string {
  const id = escapeHtml(message.id)
  return `<iframe sandbox srcdoc="${escapeHtml(message.html ?? '')}" title="HTML version of this email"></iframe>
<p><a href="/messages/${id}/html" target="_blank" rel="noopener">Open the HTML version on its own</a>
· <a href="/messages/${id}/source" target="_blank" rel="noopener">Show the mail's source</a></p>`
}

function renderAttachments(message: InboxMessage): string {
  if (message.attachments.length === 0) return ''
  const items = message.attachments.map(
    (attachment, index) =>
      `<li><a href="/messages/${escapeHtml(message.id)}/attachments/${index}" download>${escapeHtml(attachment.filename)}</a>
(${escapeHtml(attachment.contentType)}, ${formatSize(attachment.size)})</li>`,
  )
  return `<h3>Attachments</h3>\n<ul>${items.join('\n')}</ul>`
}

function renderConversation(message: InboxMessage, repliesEnabled: boolean): string {
  const id = escapeHtml(message.id)
  const replies =
    message.replies.length === 0
      ? ''
      : `<h3>Replies</h3>\n<ul>${message.replies.map(renderReply).join('\n')}</ul>`
  const form = repliesEnabled
    ? `<form method="post" action="/messages/${id}/reply">
<label for="reply-${id}">Reply as the patient</label>
<input id="reply-${id}" name="text" type="text" required autocomplete="off">
<button type="submit">Send reply</button>
</form>`
    : `<p>Replies are off: the inbox was started without the API's inbound URL.</p>`
  return `${replies}\n${form}`
}

function renderReply(reply: InboxReply): string {
  const outcome =
    reply.status === 0 ? 'not delivered: the API could not be reached' : `API answered ${reply.status}`
  return `<li><q>${escapeHtml(reply.text)}</q> — <time datetime="${escapeHtml(reply.sentAt)}">${escapeHtml(reply.sentAt)}</time>,
${outcome}</li>`
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

const STYLES = `
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #1a1a1a; }
article { border: 1px solid #c8c8c8; border-radius: 0.5rem; padding: 1rem; margin: 1rem 0; }
h2 { margin: 0 0 0.5rem; font-size: 1.2rem; }
h3 { font-size: 1rem; margin: 1rem 0 0.25rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.125rem 1rem; margin: 0; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
pre.body { white-space: pre-wrap; overflow-wrap: anywhere; background: #f4f4f4; padding: 0.75rem; }
iframe { width: 100%; height: 24rem; border: 1px solid #c8c8c8; background: #fff; }
form { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-top: 1rem; }
input { flex: 1 1 16rem; font: inherit; padding: 0.25rem 0.5rem; }
button { font: inherit; padding: 0.25rem 0.75rem; }
.empty { font-size: 1.1rem; }
`
