// Walks a paged list: every item of every page, fetching the next page only when the caller gets there.
import type { RequestOptions } from '../types/options.js'
import type { Page } from '../types/params.js'

export async function* everyItem<T, Q extends { cursor?: string | undefined }>(
  list: (query: Q, options?: RequestOptions) => Promise<Page<T>>,
  query: Q,
  options?: RequestOptions,
): AsyncGenerator<T> {
  let cursor = query.cursor
  do {
    const page = await list({ ...query, cursor }, options)
    yield* page.data
    cursor = page.nextCursor ?? undefined
  } while (cursor)
}
