// Who reaches which intake draft: a resume token its own draft, while it is one.
import type { Context } from 'hono'
import type { AppEnv } from '../env.js'
import { ApiError, notFound } from '../errors.js'
import { findResponse, type ResponseRow } from '../services/intake-responses.js'

/** The resume token's own draft; any other id is the same 404 as one that does not exist. */
export async function ownDraft(c: Context<AppEnv>, id: string): Promise<ResponseRow> {
  const principal = c.get('principal')
  if (principal.kind !== 'resume' || principal.responseId !== id) throw notFound('intake draft')
  const row = await findResponse(c.get('deps').db, c.get('clinic').id, id)
  if (row.status !== 'draft') throw goneDraft()
  return row
}

export function goneDraft(): ApiError {
  return new ApiError('UNAUTHENTICATED', 'This intake draft was submitted or has expired')
}
