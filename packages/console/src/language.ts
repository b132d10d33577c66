// Which language the console speaks: the member's account choice, else the first of the browser's languages
// the console knows, else English. Plain functions, so the choice is tested without a browser.
import type { ConsoleLanguage } from '@frontdesk/contracts'

export type Language = ConsoleLanguage
// Types only from the contracts: a value import would bring their schemas into the console's bundle.
export const LANGUAGES = ['en', 'de'] as const satisfies readonly Language[]

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value)
}

/** `de-AT` → `de`; a tag the console does not speak → null. */
function languageOfTag(tag: string): Language | null {
  const primary = tag.trim().toLowerCase().split('-')[0]
  return isLanguage(primary) ? primary : null
}

/** The account's choice when set; else the first of the browser's languages (in its order) the console speaks. */
export function chooseLanguage(
  account: string | null | undefined,
  browser: readonly string[] = [],
): Language {
  if (isLanguage(account)) return account
  for (const tag of browser) {
    const language = languageOfTag(tag)
    if (language) return language
  }
  return 'en'
}

/** The browser's languages in its order of preference; none outside a browser. */
export function browserLanguages(): readonly string[] {
  const nav = globalThis.navigator
  if (!nav) return []
  return nav.languages?.length ? nav.languages : nav.language ? [nav.language] : []
}

/** The locale dates and times are written in: day-month order and 24-hour times for both. */
export const LOCALES: Record<Language, string> = { en: 'en-GB', de: 'de-DE' }
