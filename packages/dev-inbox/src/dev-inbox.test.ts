// The dev inbox over real sockets: mail in by SMTP, texts in by the Twilio API, callbacks and replies out signed.
import { createHmac } from 'node:crypto'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import nodemailer from 'nodemailer'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { type DevInbox, type InboxMessage, startDevInbox } from './index.js'

// The same algorithm as Twilio's (HMAC-SHA1 over URL + sorted params, base64); the API owns the real one.
function sign(authToken: string, url: string, params: Record<string, string>): string {
  const payload = Object.keys(params)
    .sort()
    .reduce((text, name) => text + name + params[name], url)
  return createHmac('sha1', authToken).update(payload).digest('base64')
}

const account = { accountSid: `AC${'1'.repeat(32)}`, authToken: 'dev-auth-token' }
const basic = (sid: string, token: string) => `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`

interface Received {
  path: string
  signature: string | undefined
  params: Record<string, string>
}

/** Stands in for the API: records what Twilio (here, the inbox) posts to it. */
let api: Server
let apiUrl: string
let apiAnswer = 200
const received: Received[] = []
let inbox: DevInbox

beforeAll(async () => {
  api = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')))
      const signature = request.headers['x-twilio-signature'] as string
      received.push({ path: request.url ?? '', signature, params })
      response.writeHead(apiAnswer, { 'content-type': 'text/xml' }).end('<Response/>')
    })
  })
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve))
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`
  inbox = await startDevInbox({ twilio: account, sign, inboundUrl: () => `${apiUrl}/v1/inbound/twilio` })
})

afterAll(async () => {
  await inbox.close()
  await new Promise((resolve) => api.close(resolve))
})

beforeEach(async () => {
  received.length = 0
  apiAnswer = 200
  expect((await fetch(`${inbox.url}/api/messages`, { method: 'DELETE' })).status).toBe(204)
})

const patient = '+31612345678'
const clinic = '+3197010200300'

interface SendOptions {
  target?: DevInbox
  auth?: string
  sid?: string
}

/** What the API's Twilio adapter does: a form post to the Messages resource, from the clinic to the patient. */
function sendText(body: string, fields: Record<string, string> = {}, options: SendOptions = {}) {
  const {
    target = inbox,
    auth = basic(account.accountSid, account.authToken),
    sid = account.accountSid,
  } = options
  return fetch(`${target.twilioBaseUrl}/2010-04-01/Accounts/${sid}/Messages.json`, {
    method: 'POST',
    headers: { authorization: auth },
    body: new URLSearchParams({ To: patient, From: clinic, Body: body, ...fields }),
  })
}

/** What the page's reply form does. */
function postReply(messageId: string, text: string, headers: Record<string, string> = {}) {
  const body = new URLSearchParams({ text })
  return fetch(`${inbox.url}/messages/${messageId}/reply`, {
    method: 'POST',
    headers,
    body,
    redirect: 'manual',
  })
}

async function page(target = inbox): Promise<string> {
  return (await fetch(target.url)).text()
}

const mailer = () =>
  nodemailer.createTransport({ host: inbox.smtp.host, port: inbox.smtp.port, secure: false })

describe('email', () => {
  it('shows a mail sent over SMTP, with its calendar invite downloadable byte for byte', async () => {
    const invite = Buffer.from(
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Physiothérapie — Dr Müller\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
    )
    const sent = await mailer().sendMail({
      from: 'Sunrise Clinic <bookings@sunrise.example>',
      to: 'ana.patient@example.com',
      subject: 'Your appointment on Tuesday',
      text: 'See you on Tuesday at 10:00.',
      html: '<p>See you on <b>Tuesday</b> at 10:00.</p><script>alert(1)</script>',
      attachments: [
        { filename: 'appointment.ics', content: invite, contentType: 'text/calendar; method=REQUEST' },
      ],
    })

    const [mail] = inbox.messages()
    expect(mail).toMatchObject({
      channel: 'email',
      from: '"Sunrise Clinic" <bookings@sunrise.example>',
      to: 'ana.patient@example.com',
      subject: 'Your appointment on Tuesday',
      text: expect.stringContaining('See you on Tuesday at 10:00.'),
      providerId: sent.messageId,
    })
    const { data } = (await (await fetch(`${inbox.url}/api/messages`)).json()) as { data: InboxMessage[] }
    expect(data.map((message) => message.id)).toEqual([mail!.id])

    const attachment = data[0]!.attachments[0]!
    expect(attachment).toMatchObject({ filename: 'appointment.ics', size: invite.length })
    const download = await fetch(attachment.url)
    expect(download.headers.get('content-type')).toMatch(/^text\/calendar/)
    expect(download.headers.get('content-disposition')).toContain('filename="appointment.ics"')
    expect(Buffer.from(await download.arrayBuffer()).equals(invite)).toBe(true)

    const html = await fetch(`${inbox.url}/messages/${mail!.id}/html`)
    expect(html.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/)
    expect(await html.text()).toContain('<b>Tuesday</b>')
    // On the page the HTML only exists inside a sandboxed frame's escaped srcdoc, so its script is inert text.
    const body = await page()
    expect(body).toContain('<iframe sandbox srcdoc="&lt;p&gt;See you on &lt;b&gt;Tuesday')
    expect(body).not.toContain('<script>')
    expect(body).toContain('appointment.ics</a>')

    // The source is the mail as it came over SMTP: every header and MIME part, the calendar included.
    const source = await fetch(mail!.sourceUrl!)
    expect(source.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    const raw = await source.text()
    expect(raw).toContain(`Message-ID: ${sent.messageId}`)
    expect(raw).toMatch(/Content-Type: text\/calendar; method=REQUEST/)
    expect((await fetch(`${inbox.url}/messages/nope/source`)).status).toBe(404)
  })

  it('refuses to reply to an email', async () => {
    await mailer().sendMail({ from: 'clinic@example.com', to: 'patient@example.com', text: 'Hello' })
    const [mail] = inbox.messages()
    expect((await postReply(mail!.id, 'Thanks')).status).toBe(400)
    expect(received).toEqual([])
    expect(await page()).not.toContain('Reply as the patient')
  })
})

describe('the fake Twilio API', () => {
  it("accepts an SMS with the account's credentials and answers like Twilio", async () => {
    const response = await sendText('Your code is 123456')
    expect(response.status).toBe(201)
    const created = (await response.json()) as Record<string, unknown>
    expect(created).toMatchObject({ status: 'queued', to: patient, account_sid: account.accountSid })
    expect(created.sid).toMatch(/^SM[0-9a-f]{32}$/)
    expect(inbox.messages()).toMatchObject([
      { channel: 'sms', to: patient, text: 'Your code is 123456', providerId: created.sid },
    ])
  })

  it('files a message to a whatsapp: number as WhatsApp', async () => {
    const response = await sendText('Hi', { To: `whatsapp:${patient}`, From: 'whatsapp:+14155238886' })
    expect(response.status).toBe(201)
    expect(inbox.messages()[0]).toMatchObject({ channel: 'whatsapp', to: `whatsapp:${patient}` })
    expect(await page()).toContain('WhatsApp to whatsapp:+31612345678')
  })

  it('refuses a wrong token or another account with 401 and files nothing', async () => {
    for (const response of [
      await sendText('Hi', {}, { auth: basic(account.accountSid, 'wrong-token') }),
      await sendText('Hi', {}, { sid: `AC${'2'.repeat(32)}` }),
      await sendText('Hi', {}, { auth: '' }),
    ]) {
      expect(response.status).toBe(401)
      expect(await response.json()).toMatchObject({ code: 20003, message: 'Authenticate', status: 401 })
    }
    expect(inbox.messages()).toEqual([])
  })

  it("refuses a number that isn't E.164 with Twilio's 21211", async () => {
    const response = await sendText('Hi', { To: '0612345678' })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      code: 21211,
      message: "The 'To' number 0612345678 is not a valid phone number.",
      status: 400,
    })
    expect(inbox.messages()).toEqual([])
  })

  it('calls the StatusCallback back with a signed "delivered"', async () => {
    const callbackUrl = `${apiUrl}/v1/status/twilio?tenant=sunrise`
    const response = await sendText('Hi', { StatusCallback: callbackUrl })
    const { sid } = (await response.json()) as { sid: string }
    await vi.waitFor(() => expect(received).toHaveLength(1))
    const [callback] = received
    expect(callback!.path).toBe('/v1/status/twilio?tenant=sunrise')
    expect(callback!.params).toEqual({
      MessageSid: sid,
      MessageStatus: 'delivered',
      AccountSid: account.accountSid,
      From: clinic,
      To: patient,
      ApiVersion: '2010-04-01',
    })
    expect(callback!.signature).toBe(sign(account.authToken, callbackUrl, callback!.params))
  })
})

describe('replies', () => {
  it("posts the patient's reply to the API signed as Twilio, and shows what the API answered", async () => {
    await sendText('Reply YES to confirm')
    const [text] = inbox.messages()

    expect(await inbox.reply(text!.id, 'YES')).toEqual({ status: 200 })
    const [inbound] = received
    expect(inbound!.params).toMatchObject({
      From: patient,
      To: clinic,
      Body: 'YES',
      AccountSid: account.accountSid,
      NumMedia: '0',
    })
    expect(inbound!.params.MessageSid).toMatch(/^SM[0-9a-f]{32}$/)
    expect(inbound!.params.SmsMessageSid).toBe(inbound!.params.MessageSid)
    expect(inbound!.signature).toBe(sign(account.authToken, `${apiUrl}/v1/inbound/twilio`, inbound!.params))

    // The page's form does the same, then goes back to the inbox; a refusal is shown with its status.
    apiAnswer = 403
    const form = await postReply(text!.id, 'Actually, no')
    expect(form.status).toBe(303)
    expect(form.headers.get('location')).toBe('/')
    expect(received[1]!.params.Body).toBe('Actually, no')
    expect(inbox.messages()[0]!.replies).toMatchObject([
      { text: 'YES', status: 200 },
      { text: 'Actually, no', status: 403 },
    ])
    const body = await page()
    expect(body).toContain('<label for="reply-')
    expect(body).toContain('Reply as the patient</label>')
    expect(body).toContain('<q>YES</q>')
    expect(body).toContain('API answered 403')
  })

  it('records a reply the API never got as not delivered', async () => {
    const offline = await startDevInbox({
      twilio: account,
      sign,
      inboundUrl: () => 'http://127.0.0.1:1/inbound',
    })
    try {
      await sendText('Hi', {}, { target: offline })
      expect(await offline.reply(offline.messages()[0]!.id, 'Hello?')).toEqual({ status: 0 })
      expect(await page(offline)).toContain('not delivered: the API could not be reached')
    } finally {
      await offline.close()
    }
  })

  it('refuses a reply form posted from another site, or from a page that hides its origin', async () => {
    await sendText('Hi')
    for (const origin of ['https://evil.example', 'null']) {
      const response = await postReply(inbox.messages()[0]!.id, 'STOP', { origin })
      expect(response.status).toBe(403)
    }
    expect(received).toEqual([])
  })

  it('lets its own page name its origin, so a browser posting the reply form is let through', async () => {
    // A page under no-referrer makes the browser send `Origin: null` with its form posts.
    const response = await fetch(`${inbox.url}/`)
    expect(response.headers.get('referrer-policy')).toBe('same-origin')
  })
})

describe('the page', () => {
  it('answers only to its own host names, so a rebound DNS name cannot read it', async () => {
    const statusFor = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const { hostname, port } = new URL(inbox.url)
        request({ hostname, port, path: '/api/messages', headers: { host } }, (response) => {
          response.resume()
          resolve(response.statusCode ?? 0)
        })
          .on('error', reject)
          .end()
      })
    expect(await statusFor('attacker.example')).toBe(421)
    expect(await statusFor(`localhost:${new URL(inbox.url).port}`)).toBe(200)
  })

  it('shows a hostile SMS body as text, under a policy that runs no script', async () => {
    await sendText('<script>alert("x")</script><img src=x>')
    const response = await fetch(inbox.url)
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'")
    const body = await response.text()
    expect(body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x&gt;')
    expect(body).not.toMatch(/<script|<img/)
    expect(body.match(/<h1>/g)).toHaveLength(1)
    expect(body.match(/<article /g)).toHaveLength(1)
  })

  it('says how messages arrive while there are none', async () => {
    const body = await page()
    expect(body).toContain('<h1>Dev inbox</h1>')
    expect(body).toContain('No messages yet')
    expect(body).toContain(`127.0.0.1:${inbox.smtp.port}`)
    expect(body).toContain(inbox.twilioBaseUrl)
  })

  it('keeps only the newest messages past its limit', async () => {
    const small = await startDevInbox({ twilio: account, sign, limit: 2 })
    try {
      for (const body of ['first', 'second', 'third']) await sendText(body, {}, { target: small })
      expect(small.messages().map((message) => message.text)).toEqual(['third', 'second'])
      expect(await page(small)).toContain('Replies are off')
    } finally {
      await small.close()
    }
  })
})
