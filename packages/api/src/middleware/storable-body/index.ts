// JSON bodies checked for what no route can use, before any route reads them: text PostgreSQL cannot
// store (NUL, and lone UTF-16 surrogates, which have no UTF-8 form), and a PATCH with nothing to change.
// Each is a 422 in the one error shape naming the field, for every route at once; nothing is written.
import type { FieldIssue } from '@frontdesk/contracts'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../../env.js'
import { ApiError } from '../../errors.js'

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Why this text cannot be stored, or null when it can. */
export function unstorable(text: string): string | null {
  if (text.includes('\u0000')) return 'Remove the NUL character (\\u0000): it cannot be stored'
  if (LONE_SURROGATE.test(text)) return 'Remove the unpaired surrogate: it is not a character'
  return null
}

/**
 * The first string (value or key) in a parsed JSON body that cannot be stored, with its dotted path.
 * Walked with a stack of its own, depth first in document order, so no nesting exhausts the call stack.
 */
export function unstorableIn(value: unknown): FieldIssue | null {
  const pending: { value: unknown; path: string[] }[] = [{ value, path: [] }]
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value: item, path } = next
    if (typeof item === 'string') {
      const message = unstorable(item)
      if (message) return { path: path.join('.'), message }
    } else if (item !== null && typeof item === 'object') {
      const entries = Array.isArray(item)
        ? item.map((child, index) => [String(index), child] as const)
        : Object.entries(item)
      for (const [key] of entries) {
        const keyProblem = Array.isArray(item) ? null : unstorable(key)
        if (keyProblem) return { path: [...path, key].join('.'), message: keyProblem }
      }
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, child] = entries[index]!
        pending.push({ value: child, path: [...path, key] })
      }
    }
  }
  return null
}

export function storableBody(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const type = c.req.header('Content-Type') ?? ''
    if (!['POST', 'PUT', 'PATCH'].includes(c.req.method) || !/^application\/(.+\+)?json\b/i.test(type)) {
      return next()
    }
    let text: string
    try {
      // Hono keeps the text: the route's validator parses this same copy.
      text = await c.req.text()
    } catch {
      return next()
    }
    // JSON.parse refuses a raw control character in a string, and text decoded from UTF-8 holds no lone
    // surrogate: either can only come from a \u escape, so a body without one has nothing to look for.
    const escaped = text.includes('\\u')
    if (!escaped && c.req.method !== 'PATCH') return next()
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      // Not JSON: the route answers that itself (400), as before.
      return next()
    }
    const issue = escaped ? unstorableIn(body) : null
    if (issue)
      throw new ApiError('VALIDATION_FAILED', `${issue.path || 'body'}: ${issue.message}`, {
        issues: [issue],
      })
    if (
      c.req.method === 'PATCH' &&
      body !== null &&
      typeof body === 'object' &&
      !Array.isArray(body) &&
      Object.keys(body).length === 0
    ) {
      throw new ApiError('VALIDATION_FAILED', 'Name at least one field to change', {
        issues: [{ path: '', message: 'Name at least one field to change' }],
      })
    }
    return next()
  }
}
