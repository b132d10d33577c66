// Bookings: the patient books from a hold or a slot and manages it with their token; the clinic lists and changes them.
import { Booking, type BookingCreated, BookingRecord, endpoints } from '@frontdesk/contracts'
import type { Transport } from '../core/transport.js'
import type { ManageTokenOptions, RequestOptions, VisitTokenOptions } from '../types/options.js'
import type {
  BookHoldParams,
  BookingListParams,
  BookSlotParams,
  CancelBookingParams,
  CreateBookingParams,
  Page,
  RescheduleBookingParams,
} from '../types/params.js'
import { everyItem } from '../utils/pages.js'

export interface BookingsResource {
  /** Books the held slot; the hold's visit token is required. */
  create(params: BookHoldParams, options: VisitTokenOptions): Promise<BookingCreated>
  /** Books a slot straight away. */
  create(params: BookSlotParams, options?: RequestOptions): Promise<BookingCreated>
  /** The booking as its patient may see it, with its visit or manage token. */
  get(bookingId: string, options: VisitTokenOptions | ManageTokenOptions): Promise<Booking>
  /** Cancels within the clinic's cancellation window; CANCELLATION_WINDOW_PASSED after it. */
  cancel(bookingId: string, options: ManageTokenOptions): Promise<Booking>
  cancel(bookingId: string, params: CancelBookingParams, options: ManageTokenOptions): Promise<Booking>
  /** Moves the booking to another free slot of the same service, within the cancellation window. */
  reschedule(
    bookingId: string,
    params: RescheduleBookingParams,
    options: ManageTokenOptions,
  ): Promise<Booking>
}

export interface AdminBookingsResource {
  /** Books for a patient, from a hold of this clinic or straight from a slot. */
  create(params: CreateBookingParams, options?: RequestOptions): Promise<BookingCreated>
  /** One page of the clinic's bookings with their patients, earliest first. */
  list(query?: BookingListParams, options?: RequestOptions): Promise<Page<BookingRecord>>
  /** Every booking matching `query`, fetching page after page as the loop asks for more. */
  listAll(query?: BookingListParams, options?: RequestOptions): AsyncIterable<BookingRecord>
  /** The booking with its patient. */
  get(bookingId: string, options?: RequestOptions): Promise<BookingRecord>
  /** The clinic may cancel at any time. */
  cancel(bookingId: string, params?: CancelBookingParams, options?: RequestOptions): Promise<Booking>
  reschedule(bookingId: string, params: RescheduleBookingParams, options?: RequestOptions): Promise<Booking>
}

const create = (transport: Transport, params: CreateBookingParams, options: RequestOptions | undefined) =>
  transport.call(endpoints.createBooking, { body: params, options })

const cancel = (
  transport: Transport,
  bookingId: string,
  params: CancelBookingParams | undefined,
  options: RequestOptions | undefined,
) => transport.call(endpoints.cancelBooking, { params: { id: bookingId }, body: params ?? {}, options })

const reschedule = (
  transport: Transport,
  bookingId: string,
  params: RescheduleBookingParams,
  options: RequestOptions | undefined,
) => transport.call(endpoints.rescheduleBooking, { params: { id: bookingId }, body: params, options })

export function bookingsResource(transport: Transport): BookingsResource {
  return {
    create: (params: CreateBookingParams, options?: RequestOptions) => create(transport, params, options),
    // The table answers a booking with or without its patient; a patient's token gets it without.
    get: (bookingId, options) =>
      transport.call(endpoints.getBooking, { params: { id: bookingId }, options, schema: Booking }),
    cancel: (
      bookingId: string,
      paramsOrOptions: CancelBookingParams | ManageTokenOptions,
      options?: ManageTokenOptions,
    ) =>
      // Two arguments after the id are (params, options); one is the options alone.
      options === undefined
        ? cancel(transport, bookingId, {}, paramsOrOptions as ManageTokenOptions)
        : cancel(transport, bookingId, paramsOrOptions as CancelBookingParams, options),
    reschedule: (bookingId, params, options) => reschedule(transport, bookingId, params, options),
  }
}

export function adminBookingsResource(transport: Transport): AdminBookingsResource {
  const list = (query: BookingListParams = {}, options?: RequestOptions) =>
    transport.call(endpoints.listBookings, { query, options })
  return {
    create: (params, options) => create(transport, params, options),
    list,
    listAll: (query = {}, options) => everyItem(list, query, options),
    get: (bookingId, options) =>
      transport.call(endpoints.getBooking, { params: { id: bookingId }, options, schema: BookingRecord }),
    cancel: (bookingId, params, options) => cancel(transport, bookingId, params, options),
    reschedule: (bookingId, params, options) => reschedule(transport, bookingId, params, options),
  }
}
