// The words of the Go live page, in English and German. Part of the one table in messages.ts (as
// `messages.goLive`), kept apart for its size.
import type { ChecklistItem } from './go-live.js'

const en = {
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

const de = {
  intro:
    'Alles, was eine Praxis braucht, um Buchungen auf der eigenen Website oder auf der gehosteten Seite von Frontdesk anzunehmen.',
  checklistHeading: 'Checkliste',
  done: 'Erledigt',
  open: 'Noch offen',
  checklist: {
    origin: 'Die Adresse Ihrer Website ist ein erlaubter Origin',
    key: 'Ein Live-Schlüssel (publishable) funktioniert',
    bookable: 'Eine Leistung hat Behandelnde mit Wochenzeiten',
    slug: 'Die gehostete Seite hat eine Adresse',
    booking: 'Die erste Buchung ist eingegangen',
  },
  originsHeading: 'Erlaubte Origins',
  originsHint:
    'Die Websites, die das Buchungs-Widget zeigen dürfen, nur mit Schema und Host: https://www.ihre-praxis.example',
  origin: 'Origin',
  noOrigins: 'Noch keine erlaubten Origins: Das Widget funktioniert auf keiner Website.',
  addOrigin: 'Origin hinzufügen',
  removeOrigin: (origin: string) => `${origin} entfernen`,
  badOrigin: 'Das ist kein Origin. Geben Sie nur Schema und Host an, etwa https://www.ihre-praxis.example.',
  originAdded: 'Origin hinzugefügt',
  originRemoved: 'Origin entfernt',
  hostedHeading: 'Gehostete Buchungsseite',
  slug: 'Seitenadresse',
  slugHint:
    'Kleinbuchstaben, Ziffern und Bindestriche; mindestens 3 Zeichen. Eine Änderung macht den alten Link ungültig.',
  setSlug: 'Adresse speichern',
  badSlug:
    'Verwenden Sie Kleinbuchstaben, Ziffern und Bindestriche, mindestens 3 Zeichen, am Anfang und Ende ein Buchstabe oder eine Ziffer; einige Wörter sind reserviert.',
  slugTaken: 'Diese Adresse verwendet bereits eine andere Praxis. Bitte wählen Sie eine andere.',
  slugSaved: 'Adresse gespeichert',
  noSlug: 'Noch keine Adresse: Legen Sie eine fest, um den Link und seinen QR-Code zu erhalten.',
  hostedLink: 'Link',
  qr: (url: string) => `QR-Code für ${url}`,
  snippetsHeading: 'Auf Ihrer Website einbinden',
  snippetsHint:
    'Fügen Sie eines dieser Snippets auf der Seite ein, auf der gebucht wird. Jedes bindet das heutige Skript mit seiner Integritätsprüfung.',
  noKey:
    'Legen Sie zuerst unter API-Schlüssel einen Live-Schlüssel (publishable) an; die Snippets enthalten ihn.',
  ordinary: 'Normal',
  ordinaryHint: 'Das Widget übernimmt Schriften und Farben Ihrer Seite.',
  isolated: 'Isoliert',
  isolatedHint:
    'Das Widget läuft in einem eigenen Frame: für Seiten mit Skripten Dritter, die Sie nicht kontrollieren.',
  copySnippet: (mode: string) => `Snippet „${mode}“ kopieren`,
  copyFailed:
    'Das Kopieren hat nicht funktioniert: Das Snippet ist markiert, drücken Sie Strg+C (⌘C auf dem Mac).',
} satisfies typeof en

export const goLiveWords = { en, de }
