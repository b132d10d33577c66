// The patient's side of a conversation: a reply typed in the inbox reaches the API as Twilio's signed webhook.
import type { MessageStore } from './store.js'
import { TWILIO_API_VERSION, twilioMessageSid } from './twilio-fake.js'
import type { DevInboxOptions } from './types.js'

/** A reply the inbox cannot send; `status` is what the page answers with. */
export class DevInboxReplyError extends Error {
  override name = 'DevInboxReplyError'
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message)
  }
}

export async function sendReply(
  options: Pick<DevInboxOptions, 'twilio' | 'sign' | 'inboundUrl'>,
  store: MessageStore,
  messageId: string,
  text: string,
): Promise<{ status: number }> {
  const original = store.get(messageId)
  if (!original) throw new DevInboxReplyError(`No message ${messageId} in the inbox.`, 404)
  if (original.channel === 'email') {
    throw new DevInboxReplyError('Only SMS and WhatsApp messages can be answered from the inbox.', 400)
  }
  if (!text.trim()) throw new DevInboxReplyError('A reply needs some text.', 400)
  const inboundUrl = options.inboundUrl?.()
  if (!inboundUrl) {
    throw new DevInboxReplyError("Replies are off: the inbox was started without the API's inbound URL.", 409)
  }

  const sid = twilioMessageSid()
  // The patient answers from the number the message went to, to the number it came from.
  const params: Record<string, string> = {
    MessageSid: sid,
    SmsMessageSid: sid,
    AccountSid: options.twilio.accountSid,
    From: original.to,
    To: original.from,
    Body: text,
    NumMedia: '0',
    NumSegments: '1',
    ApiVersion: TWILIO_API_VERSION,
  }
  let status = 0
  try {
    const response = await fetch(inboundUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': options.sign(options.twilio.authToken, inboundUrl, params),
      },
      body: new URLSearchParams(params),
      signal: AbortSignal.timeout(10_000),
    })
    status = response.status
    await response.body?.cancel()
  } catch {
    // The API is down or too slow: recorded as status 0, which the page shows as "not delivered".
  }
  store.addReply(messageId, { text, sentAt: new Date().toISOString(), status })
  return { status }
}
