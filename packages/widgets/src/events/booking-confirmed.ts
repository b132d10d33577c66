// frontdesk-booking-confirmed: <frontdesk-booking> made the booking.
import { FrontdeskEvent } from './frontdesk-event.js'

/** The booking is made: its id, never who booked. */
export class FrontdeskBookingConfirmedEvent extends FrontdeskEvent<{ bookingId: string }> {
  constructor(detail: FrontdeskBookingConfirmedEvent['detail']) {
    super('frontdesk-booking-confirmed', detail)
  }
}

declare global {
  interface HTMLElementEventMap {
    'frontdesk-booking-confirmed': FrontdeskBookingConfirmedEvent
  }
}
