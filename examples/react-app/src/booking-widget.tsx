// A typed React wrapper around <frontdesk-booking>: attributes in, the element's events out as callbacks.
import type { FrontdeskElements } from '@frontdesk/widgets'

// The elements' attributes and `on<event>` props, typed by the package; React 19 adds those listeners itself.
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements
      extends FrontdeskElements<React.HTMLAttributes<HTMLElement> & React.RefAttributes<HTMLElement>> {}
  }
}

export interface BookingWidgetProps {
  publishableKey: string
  apiBase: string
  service?: string
  onStep?: (step: string) => void
  onConfirmed?: (bookingId: string) => void
}

export function BookingWidget({ publishableKey, apiBase, service, onStep, onConfirmed }: BookingWidgetProps) {
  return (
    <frontdesk-booking
      publishable-key={publishableKey}
      api-base={apiBase}
      service={service}
      onfrontdesk-step={(event) => onStep?.(event.detail.step)}
      onfrontdesk-booking-confirmed={(event) => onConfirmed?.(event.detail.bookingId)}
    />
  )
}
