// The hosted page's own words, in each language the widgets speak (contracts' PAGE_LANGUAGES); the
// booking, intake and consent inside it bring their own.
import type { PageLanguage } from '@frontdesk/contracts'

export interface PageTexts {
  /** The language's own name, for the switcher. */
  name: string
  title: (clinic: string) => string
  heading: string
  intro: string
  languages: string
  unavailable: string
  notFoundTitle: string
  notFound: string
  logo: (clinic: string) => string
}

export const PAGE_TEXTS: Record<PageLanguage, PageTexts> = {
  en: {
    name: 'English',
    title: (clinic) => `Book an appointment – ${clinic}`,
    heading: 'Book an appointment',
    intro: 'Choose a service and a time. You can fill in your forms right after booking.',
    languages: 'Language',
    unavailable: 'Online booking is not available right now. Please contact the practice.',
    notFoundTitle: 'Page not found',
    notFound: 'There is no booking page at this address. Please check the link you were given.',
    logo: (clinic) => `${clinic} logo`,
  },
  de: {
    name: 'Deutsch',
    title: (clinic) => `Termin buchen – ${clinic}`,
    heading: 'Termin buchen',
    intro:
      'Wählen Sie eine Leistung und eine Zeit. Ihre Formulare können Sie direkt nach der Buchung ausfüllen.',
    languages: 'Sprache',
    unavailable: 'Die Online-Buchung ist gerade nicht möglich. Bitte wenden Sie sich an die Praxis.',
    notFoundTitle: 'Seite nicht gefunden',
    notFound:
      'Unter dieser Adresse gibt es keine Buchungsseite. Bitte prüfen Sie den Link, den Sie erhalten haben.',
    logo: (clinic) => `Logo von ${clinic}`,
  },
}

/**
 * The page's language: `?lang=` when the clinic offers it, else the first of Accept-Language (by weight)
 * the clinic offers, matching `de-AT` to `de`, else the clinic's first language.
 */
export function pickLanguage(
  offered: readonly PageLanguage[],
  asked: string | undefined,
  acceptLanguage: string | undefined,
): PageLanguage {
  const fallback = offered[0] ?? 'en'
  const match = (tag: string) => {
    const lower = tag.trim().toLowerCase()
    return offered.find((language) => lower === language || lower.startsWith(`${language}-`))
  }
  if (asked) {
    const found = match(asked)
    if (found) return found
  }
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';')
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean)
      return { tag: tag.trim(), weight: q === undefined ? 1 : Number(q), index }
    })
    .filter((entry) => entry.tag && entry.tag !== '*' && entry.weight > 0)
    .sort((x, y) => y.weight - x.weight || x.index - y.index)
  for (const entry of ranked) {
    const found = match(entry.tag)
    if (found) return found
  }
  return fallback
}
