// Page cursors of the list routes: the sort instant and the id of the last row, opaque to callers.
import { ApiError } from '../errors.js'

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url')
}

/** Refuses anything this API did not give out, naming `cursor`; `idPrefix` is the listed rows' id prefix. */
export function decodeCursor(cursor: string, idPrefix: string): { at: Date; id: string } {
  const [text, id] = Buffer.from(cursor, 'base64url').toString().split('|')
  const at = new Date(text ?? '')
  const wellFormed =
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(text ?? '') &&
    new RegExp(`^${idPrefix}_[A-Za-z0-9]+$`).test(id ?? '')
  if (!id || !wellFormed || Number.isNaN(at.getTime())) {
    throw new ApiError('VALIDATION_FAILED', 'cursor: not a cursor this API gave out', {
      issues: [{ path: 'cursor', message: 'Not a cursor this API gave out' }],
    })
  }
  return { at, id }
}
