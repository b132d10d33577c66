// A typed React wrapper around <frontdesk-booking>: attributes in, the element's DOM events out.
import type { FrontdeskBookingEvents } from '@frontdesk/widgets'
import { useEffect, useRef } from 'react'

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'frontdesk-booking': React.DetailedHTMLProps<React.HTMLAttributes<HTMLElement>, HTMLElement> & {
        'publishable-key': string
        'api-base': string
        service?: string
        practitioner?: string
        locale?: string
        theme?: 'light' | 'dark' | 'auto'
      }
    }
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
  const element = useRef<HTMLElement>(null)
  const handlers = useLatest({ onStep, onConfirmed })
  useEffect(() => {
    const node = element.current
    if (!node) return
    const step = (event: Event) =>
      handlers.current.onStep?.((event as FrontdeskBookingEvents['frontdesk-step']).detail.step)
    const confirmed = (event: Event) =>
      handlers.current.onConfirmed?.(
        (event as FrontdeskBookingEvents['frontdesk-booking-confirmed']).detail.bookingId,
      )
    node.addEventListener('frontdesk-step', step)
    node.addEventListener('frontdesk-booking-confirmed', confirmed)
    return () => {
      node.removeEventListener('frontdesk-step', step)
      node.removeEventListener('frontdesk-booking-confirmed', confirmed)
    }
  }, [handlers])
  return (
    <frontdesk-booking
      ref={element}
      publishable-key={publishableKey}
      api-base={apiBase}
      {...(service ? { service } : {})}
    />
  )
}

/** The latest value in a ref, so listeners added once always call the current callbacks. */
function useLatest<T>(value: T) {
  const ref = useRef(value)
  useEffect(() => {
    ref.current = value
  })
  return ref
}
