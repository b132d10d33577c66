// Patient messages: the clinic's channels, the message log, and Twilio's replies and delivery reports.
import * as z from 'zod'
import { listOf } from '../common.js'
import {
  Message,
  MessageListQuery,
  MessageSettings,
  OneClickUnsubscribe,
  TwilioInboundMessage,
  TwilioStatusCallback,
  Unsubscribed,
  UnsubscribeQuery,
  UpdateMessageSettings,
} from '../messages.js'
import { defineEndpoints, json, jsonBody, noContent } from './define.js'
import { IdParam } from './params.js'

export const messagesEndpoints = defineEndpoints({
  getMessagingSettings: {
    principals: ['secret'],
    permission: 'settings:read',
    method: 'get',
    path: '/v1/clinic/messaging',
    tags: ['Messages'],
    summary: 'How the clinic messages its patients: channels, reminders, legal basis and senders',
    responses: { 200: json(MessageSettings, 'The message settings') },
  },
  updateMessagingSettings: {
    principals: ['secret'],
    permission: 'settings:manage',
    method: 'patch',
    path: '/v1/clinic/messaging',
    tags: ['Messages'],
    summary: 'Change channels, reminder offsets, legal basis or senders',
    description:
      'SMS needs `smsFrom` and WhatsApp `whatsappFrom`; a sender number belongs to one clinic (409 SENDER_TAKEN). Changes apply to messages planned from then on.',
    request: { body: jsonBody(UpdateMessageSettings) },
    responses: {
      200: json(MessageSettings, 'The updated settings'),
    },
    errors: ['SENDER_TAKEN'],
  },
  listBookingMessages: {
    principals: ['secret'],
    permission: 'booking:read',
    method: 'get',
    path: '/v1/bookings/{id}/messages',
    tags: ['Messages'],
    summary: "A booking's messages: what was planned, sent, delivered, dropped or suppressed, and why",
    request: { params: IdParam },
    responses: { 200: json(z.object({ data: z.array(Message) }), 'The messages, by when they are due') },
  },
  listMessages: {
    principals: ['secret'],
    permission: 'booking:read',
    method: 'get',
    path: '/v1/messages',
    tags: ['Messages'],
    summary: "The clinic's messages, most recently due first; filter by status to find failures",
    request: { query: MessageListQuery },
    responses: { 200: json(listOf(Message), 'A page of messages') },
  },
  receiveTwilioMessage: {
    principals: [],
    signedBy: 'twilio',
    method: 'post',
    path: '/v1/inbound/twilio',
    tags: ['Messages'],
    summary: "Twilio's webhook: a patient's reply to the clinic's SMS or WhatsApp number",
    description:
      "STOP withdraws the patient's consent for that channel and START gives it again. Refused unless `X-Twilio-Signature` holds for the URL and every parameter under the account's auth token; answers empty TwiML.",
    request: {
      body: {
        required: true,
        content: { 'application/x-www-form-urlencoded': { schema: TwilioInboundMessage } },
      },
    },
    responses: {
      200: { description: 'Empty TwiML', content: { 'text/xml': { schema: { type: 'string' } } } },
    },
    errors: ['UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE', 'FORBIDDEN'],
    sdk: { excluded: "Twilio's webhook, signed by Twilio" },
  },
  receiveTwilioStatus: {
    principals: [],
    signedBy: 'twilio',
    method: 'post',
    path: '/v1/inbound/twilio/status',
    tags: ['Messages'],
    summary: "Twilio's delivery report for a message sent",
    request: {
      body: {
        required: true,
        content: { 'application/x-www-form-urlencoded': { schema: TwilioStatusCallback } },
      },
    },
    responses: { 204: noContent('Recorded') },
    errors: ['UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE', 'FORBIDDEN'],
    sdk: { excluded: "Twilio's webhook, signed by Twilio" },
  },
  unsubscribeEmail: {
    principals: [],
    signedBy: 'unsubscribeToken',
    method: 'post',
    path: '/v1/unsubscribe',
    tags: ['Messages'],
    summary: "Unsubscribe from a clinic's optional emails: the one-click POST of RFC 8058",
    description:
      "The address in an email's `List-Unsubscribe` header, posted by the mail program (or by the unsubscribe page's button) with the form body `List-Unsubscribe=One-Click`. Withdraws the patient's consent to email from the clinic as a STOP reply does on SMS: reminders and other optional mail stop; confirmations, changes and cancellations of their bookings still come. Posting again changes nothing. A token that does not open answers 404.",
    request: {
      query: UnsubscribeQuery,
      body: {
        required: true,
        content: { 'application/x-www-form-urlencoded': { schema: OneClickUnsubscribe } },
      },
    },
    responses: { 200: json(Unsubscribed, 'Unsubscribed, now or before') },
    errors: ['UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE'],
    sdk: { excluded: "a mail program's one-click POST and the patient's unsubscribe page" },
  },
})
