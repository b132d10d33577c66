// How large and how deeply nested a request body may be, by the kind of body a route takes: the one place
// the API's limits come from (each table row names its kind or gets it from its body's media type).
import { MAX_FILE_BYTES } from '../intake/definition.js'
import type { EndpointInput } from './define.js'

export const BODY_KINDS = ['small', 'document', 'upload'] as const
export type BodyKind = (typeof BODY_KINDS)[number]

/**
 * Bytes a body may have. `small` is every JSON write with a few fields; `document` holds a consent
 * document's texts in up to 20 languages (50,000 characters each, up to 3 bytes a character in UTF-8),
 * an intake form or its answers, a drawn signature; `upload` is the largest file an intake question may take.
 */
export const BODY_LIMITS: Readonly<Record<BodyKind, number>> = {
  small: 64 * 1024,
  document: 4 * 1024 * 1024,
  upload: MAX_FILE_BYTES,
}

/**
 * How many arrays and objects a JSON body may nest. The deepest a real body goes is an intake form's
 * conditions inside groups three deep, far below this; 10,000 levels used to crash the sign-in endpoints.
 */
export const MAX_JSON_DEPTH = 64

/** A row's body kind: as the row names it, else an upload for a body of bytes, else small. */
export function bodyKindOf(entry: Pick<EndpointInput, 'bodyKind' | 'request'>): BodyKind {
  if (entry.bodyKind) return entry.bodyKind
  const types = Object.keys(entry.request?.body?.content ?? {})
  return types.includes('application/octet-stream') ? 'upload' : 'small'
}
