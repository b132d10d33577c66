// The words of the Go live page. Part of the one table in messages.ts (as `messages.goLive`), kept apart
// for its size.
import type { ChecklistItem } from './go-live.js'

export const goLive = {
  intro: 'Everything a clinic needs to take bookings on its own website or on Frontdesk’s hosted page.',
  checklistHeading: 'Checklist',
  done: 'Done',
  open: 'Not yet',
  checklist: {
    origin: 'Your website’s address is an allowed origin',
    key: 'A live publishable key works',
    bookable: 'A service has a practitioner with weekly hours',
    slug: 'The hosted page has an address',
    booking: 'The first booking came in',
  } satisfies Record<ChecklistItem, string>,
  originsHeading: 'Allowed origins',
  originsHint:
    'The websites that may show the booking widget, as scheme and host only: https://www.your-clinic.example',
  origin: 'Origin',
  noOrigins: 'No allowed origins yet: the widget works on no website.',
  addOrigin: 'Add origin',
  removeOrigin: (origin: string) => `Remove ${origin}`,
  badOrigin:
    'That is not an origin. Write the scheme and host only, such as https://www.your-clinic.example.',
  originAdded: 'Origin added',
  originRemoved: 'Origin removed',
  hostedHeading: 'Hosted booking page',
  slug: 'Page address',
  slugHint: 'Lowercase letters, digits and hyphens; at least 3 characters. Changing it breaks the old link.',
  setSlug: 'Save address',
  badSlug:
    'Use lowercase letters, digits and hyphens, at least 3 characters, starting and ending with a letter or digit; some words are reserved.',
  slugTaken: 'Another clinic already uses that address. Choose another.',
  slugSaved: 'Address saved',
  noSlug: 'No address yet: set one to get the link and its QR code.',
  hostedLink: 'Link',
  qr: (url: string) => `QR code for ${url}`,
  snippetsHeading: 'Embed on your website',
  snippetsHint:
    'Paste one of these into the page where bookings go. Each pins today’s script with its integrity.',
  noKey: 'Create a live publishable key under API keys first; the snippets carry it.',
  ordinary: 'Ordinary',
  ordinaryHint: 'The widget takes on your page’s fonts and colours.',
  isolated: 'Isolated',
  isolatedHint: 'The widget runs in its own frame: for pages with third-party scripts you do not control.',
  copySnippet: (mode: string) => `Copy the ${mode} snippet`,
  copyFailed: 'Copying did not work: the snippet is selected, press Ctrl+C (⌘C on a Mac).',
}
