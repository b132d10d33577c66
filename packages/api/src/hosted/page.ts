// The hosted booking page's HTML and its theme stylesheet, written from the clinic's settings. Nothing
// inline: the page's look comes from /v1/hosted-page.css and the clinic's colours from its theme.css, so
// it passes the app's CSP (no unsafe-inline); every value the clinic typed is escaped.
import type { PageLanguage } from '@frontdesk/contracts'
import { PAGE_TEXTS } from './texts.js'

/**
 * The widgets' script, in one place: today the all-in-one bundle; a per-element script (booking alone)
 * can take its place here once the API serves one.
 */
export const HOSTED_WIDGET_SCRIPT = '/v1/widgets.js'
export const HOSTED_PAGE_STYLES = '/v1/hosted-page.css'

export interface HostedClinic {
  id: string
  name: string
  slug: string
  accentColor: string | null
  languages: PageLanguage[]
  logoVersion: string | null
  intakeFormId: string | null
  intakeFormMinorId: string | null
}

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  )

/** Attribute list from a record, leaving out empty values. */
const attributes = (values: Record<string, string | null | undefined>) =>
  Object.entries(values)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '')
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('')

/**
 * `apiBase` is this API as the patient's browser reaches it (the page's own origin): the widgets call it,
 * and the CSP's connect-src 'self' lets them.
 */
export function renderHostedPage(
  clinic: HostedClinic,
  language: PageLanguage,
  publishableKey: string | null,
  apiBase: string,
) {
  const texts = PAGE_TEXTS[language]
  const base = `/c/${encodeURIComponent(clinic.slug)}`
  const switcher =
    clinic.languages.length > 1
      ? `<nav class="languages" aria-label="${escapeHtml(texts.languages)}"><ul>${clinic.languages
          .map((other) =>
            other === language
              ? `<li><a aria-current="page" lang="${other}" hreflang="${other}" href="${base}?lang=${other}">${escapeHtml(PAGE_TEXTS[other].name)}</a></li>`
              : `<li><a lang="${other}" hreflang="${other}" href="${base}?lang=${other}">${escapeHtml(PAGE_TEXTS[other].name)}</a></li>`,
          )
          .join('')}</ul></nav>`
      : ''
  const alternates = clinic.languages
    .map((other) => `<link rel="alternate" hreflang="${other}" href="${base}?lang=${other}">`)
    .join('\n    ')
  // Decorative beside the name the heading already says; the name is the text a screen reader needs.
  const logo = clinic.logoVersion
    ? `<img class="logo" src="${base}/logo?v=${clinic.logoVersion}" alt="">`
    : ''
  const booking = publishableKey
    ? `<frontdesk-booking${attributes({
        'publishable-key': publishableKey,
        'api-base': apiBase,
        locale: language,
        'intake-form': clinic.intakeFormId,
        'intake-form-minor': clinic.intakeFormMinorId,
      })}></frontdesk-booking>`
    : `<p class="notice" role="status">${escapeHtml(texts.unavailable)}</p>`
  const theme = `${base}/theme.css?v=${encodeURIComponent(clinic.accentColor ?? 'default')}`
  return `<!doctype html>
<html lang="${language}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escapeHtml(texts.title(clinic.name))}</title>
    <meta name="description" content="${escapeHtml(texts.title(clinic.name))}">
    ${alternates}
    <link rel="stylesheet" href="${HOSTED_PAGE_STYLES}">
    <link rel="stylesheet" href="${theme}">
    ${publishableKey ? `<script type="module" src="${HOSTED_WIDGET_SCRIPT}"></script>` : ''}
  </head>
  <body>
    <header class="masthead">
      <div class="brand">${logo}<h1>${escapeHtml(clinic.name)}</h1></div>
      ${switcher}
    </header>
    <main>
      <p class="lead">${escapeHtml(texts.heading)}</p>
      <p class="intro">${escapeHtml(texts.intro)}</p>
      ${booking}
    </main>
  </body>
</html>
`
}

/** The page for a slug no clinic has: the same for every unknown slug, so it tells nothing about clinics. */
export function renderNotFoundPage(language: PageLanguage) {
  const texts = PAGE_TEXTS[language]
  return `<!doctype html>
<html lang="${language}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex">
    <title>${escapeHtml(texts.notFoundTitle)}</title>
    <link rel="stylesheet" href="${HOSTED_PAGE_STYLES}">
  </head>
  <body>
    <main>
      <h1>${escapeHtml(texts.notFoundTitle)}</h1>
      <p>${escapeHtml(texts.notFound)}</p>
    </main>
  </body>
</html>
`
}

/** The clinic's accent on the widgets' custom properties, with a text colour that reads on it. */
export function renderTheme(accentColor: string | null): string {
  if (!accentColor) return "/* The widgets' default colours. */\n"
  const onAccent =
    contrast(accentColor, '#ffffff') >= contrast(accentColor, '#111111') ? '#ffffff' : '#111111'
  return `:root {
  --frontdesk-accent: ${accentColor};
  --frontdesk-accent-text: ${onAccent};
  --frontdesk-focus: ${accentColor};
  --hosted-accent: ${accentColor};
}
`
}

/** WCAG's contrast ratio of two #rrggbb colours. */
function contrast(one: string, other: string): number {
  const [lighter, darker] = [luminance(one), luminance(other)].sort((x, y) => y - x) as [number, number]
  return (lighter + 0.05) / (darker + 0.05)
}

function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}
