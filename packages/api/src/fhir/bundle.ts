// Resources gathered into an R4 Bundle whose references resolve inside it: each entry gets its urn:uuid
// fullUrl (./ids.ts), and each `Type/id` reference to an entry is rewritten to that fullUrl. A reference to
// a record the Bundle does not hold (a withdrawn consent on an earlier page) becomes a logical reference by
// identifier, which R4 never resolves against the Bundle. A transaction also says how to store each entry.
import { fromFhirId, fullUrlOf, identifierFor } from './ids.js'

export interface FhirResource {
  resourceType: string
  id: string
  [element: string]: unknown
}

export type BundleType = 'collection' | 'transaction'

export interface BundleEntryInput {
  resource: FhirResource
  /**
   * Only what the Bundle needs to name the record (a Patient beside its consents): a transaction creates it
   * if no resource has this identifier search (`identifier=system|value`), and never overwrites one.
   */
  ifNoneExist?: string
}

export interface BundleOptions {
  type: BundleType
  timestamp: string
  meta?: Record<string, unknown>
  link?: { relation: string; url: string }[]
}

const LITERAL = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/

export function toBundle(entries: (FhirResource | BundleEntryInput)[], options: BundleOptions) {
  const inputs = entries.map((one) => ('resource' in one ? one : { resource: one }) as BundleEntryInput)
  const fullUrls = new Map<string, string>()
  for (const { resource } of inputs) {
    const key = `${resource.resourceType}/${resource.id}`
    if (fullUrls.has(key)) throw new Error(`${key} is twice in one Bundle`)
    fullUrls.set(key, fullUrlOf(resource.resourceType, resource.id))
  }
  const entry = inputs.map(({ resource, ifNoneExist }) => {
    const key = `${resource.resourceType}/${resource.id}`
    const rewritten = rewrite(resource, fullUrls) as FhirResource
    if (options.type !== 'transaction') return { fullUrl: fullUrls.get(key)!, resource: rewritten }
    if (ifNoneExist) {
      // A create ignores the id; leaving it out says so to whoever reads the Bundle.
      const { id: _, ...created } = rewritten
      return {
        fullUrl: fullUrls.get(key)!,
        resource: created,
        request: { method: 'POST', url: resource.resourceType, ifNoneExist },
      }
    }
    return { fullUrl: fullUrls.get(key)!, resource: rewritten, request: { method: 'PUT', url: key } }
  })
  return {
    resourceType: 'Bundle',
    ...(options.meta && { meta: options.meta }),
    type: options.type,
    timestamp: options.timestamp,
    ...(options.link?.length && { link: options.link }),
    entry,
  }
}

/** A copy of `value` with every literal reference written for the Bundle. */
function rewrite(value: unknown, fullUrls: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((one) => rewrite(one, fullUrls))
  if (typeof value !== 'object' || value === null) return value
  const copy: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) copy[key] = rewrite(inner, fullUrls)
  const match = typeof copy.reference === 'string' ? LITERAL.exec(copy.reference) : null
  if (!match) return copy
  const fullUrl = fullUrls.get(copy.reference as string)
  if (fullUrl) return { ...copy, reference: fullUrl }
  const { reference: _, ...rest } = copy
  return {
    ...rest,
    type: match[1],
    identifier: identifierFor(match[1]!, fromFhirId(match[2]!)),
  }
}
