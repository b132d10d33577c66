// JSX typings for the elements, types only: each element's attributes as props, and each of its events as
// an `on<event name>` prop, which is how React 19 and Preact add a listener to a custom element.

import type { SignerMode } from './consent/consent-model.js'
import type {
  FrontdeskBookingEvents,
  FrontdeskConsentEvents,
  FrontdeskIntakeEvents,
  FrontdeskRightsRequestEvents,
} from './events/index.js'
import type { FrontdeskElement } from './frontdesk-element.js'

/** `onfrontdesk-booking-confirmed` and the like: the listener gets the typed event. */
type EventProps<Events> = { [Name in keyof Events & string as `on${Name}`]?: (event: Events[Name]) => void }

/** The attributes every element takes (see the elements' properties for what they do). */
interface SharedAttributes {
  'publishable-key'?: string
  'api-base'?: string
  locale?: string
  theme?: FrontdeskElement['theme']
}

interface BookingAttributes extends SharedAttributes {
  service?: string
  practitioner?: string
  location?: string
  'prefill-name'?: string
  'prefill-email'?: string
  'prefill-phone'?: string
  'intake-form'?: string
  'intake-form-minor'?: string
  'intake-resume-url'?: string
  'consent-documents'?: string
}

interface IntakeAttributes extends SharedAttributes {
  form?: string
  'visit-token'?: string
  'resume-token'?: string
  draft?: string
  'resume-url'?: string
}

interface ConsentAttributes extends SharedAttributes {
  documents?: string
  'visit-token'?: string
  'resume-token'?: string
  signer?: SignerMode
}

/**
 * The elements by tag as JSX props, on top of `Base`: the props a framework gives every HTML element.
 * In React 19:
 *
 * ```ts
 * import type { FrontdeskElements } from '@frontdesk/widgets'
 *
 * declare module 'react' {
 *   namespace JSX {
 *     interface IntrinsicElements
 *       extends FrontdeskElements<React.HTMLAttributes<HTMLElement> & React.RefAttributes<HTMLElement>> {}
 *   }
 * }
 * ```
 */
export type FrontdeskElements<Base = unknown> = {
  'frontdesk-booking': Base & BookingAttributes & EventProps<FrontdeskBookingEvents>
  'frontdesk-intake': Base & IntakeAttributes & EventProps<FrontdeskIntakeEvents>
  'frontdesk-consent': Base & ConsentAttributes & EventProps<FrontdeskConsentEvents>
  'frontdesk-rights-request': Base & SharedAttributes & EventProps<FrontdeskRightsRequestEvents>
}
