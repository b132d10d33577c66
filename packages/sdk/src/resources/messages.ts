// Patient messages (admin client only): what was planned and sent for a booking, the clinic's failures, and
// how the clinic messages its patients (channels, reminders, legal basis, senders).
import { endpoints, type Message, type MessageSettings, type MessageStatus } from '@frontdesk/contracts'
import type { Transport } from '../core/transport.js'
import type { RequestOptions } from '../types/options.js'
import type { List, Page, UpdateMessageSettingsParams } from '../types/params.js'
import { everyItem } from '../utils/pages.js'

export interface MessageListParams {
  /** `failed` finds what needs a look; leave out for every status. */
  status?: MessageStatus | undefined
  bookingId?: string | undefined
  limit?: number | undefined
  cursor?: string | undefined
}

export interface MessagesResource {
  /** A booking's messages in the order they fall due: planned, sent, delivered, dropped or suppressed, and why. */
  forBooking(bookingId: string, options?: RequestOptions): Promise<List<Message>>
  /** One page of the clinic's messages, the most recently due first. */
  list(query?: MessageListParams, options?: RequestOptions): Promise<Page<Message>>
  listAll(query?: MessageListParams, options?: RequestOptions): AsyncGenerator<Message>
  settings: {
    get(options?: RequestOptions): Promise<MessageSettings>
    /**
     * Changes only the fields given. SMS needs `smsFrom` and WhatsApp `whatsappFrom` (VALIDATION_FAILED
     * naming the field); a number another clinic sends from fails with SENDER_TAKEN.
     */
    update(params: UpdateMessageSettingsParams, options?: RequestOptions): Promise<MessageSettings>
  }
}

export function messagesResource(transport: Transport): MessagesResource {
  const list = (query: MessageListParams = {}, options?: RequestOptions) =>
    transport.call(endpoints.listMessages, { query, options })
  return {
    forBooking: (bookingId, options) =>
      transport.call(endpoints.listBookingMessages, { params: { id: bookingId }, options }),
    list,
    listAll: (query = {}, options) => everyItem(list, query, options),
    settings: {
      get: (options) => transport.call(endpoints.getMessagingSettings, { options }),
      update: (params, options) =>
        transport.call(endpoints.updateMessagingSettings, { body: params, options }),
    },
  }
}
