// Helpers the FHIR mappings share: linkIds, extensions, and finding the field a condition names.
// Internal: not exported from the package.
import type { Extension } from './fhir.js'
import type { FormField, FormItem } from './types.js'
import { findField } from './validate.js'

export function joinLinkId(prefix: string, id: string): string {
  return prefix ? `${prefix}.${id}` : id
}

export function findExtension(extensions: Extension[] | undefined, url: string): Extension | undefined {
  return extensions?.find((extension) => extension.url === url)
}

/** A FHIR integer is 32-bit; larger whole numbers travel as decimals. */
export function isFhirInteger(value: number): boolean {
  return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647
}

/** Items one condition may read from one place, innermost first, with the linkId prefix of each. */
export interface LinkScope {
  items: FormItem[]
  prefix: string
}

/**
 * The field a condition names, found as the validator finds it: the nearest scope (the same repeat first)
 * that asks it, looking through plain groups but not into repeats.
 */
export function resolveField(id: string, scopes: LinkScope[]): { linkId: string; field: FormField } | null {
  for (const scope of scopes) {
    const found = findField(id, scope.items)
    if (found) return { linkId: joinLinkId(scope.prefix, found.path.join('.')), field: found.field }
  }
  return null
}

/** Drops keys whose value is undefined, so a mapped object holds only what was said. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T
}
