// Type guards that match on `name`, so an error thrown by another copy of the SDK (an iframe, a second bundle) still counts.
import type { AuthenticationError } from '../errors/authentication-error.js'
import type { ConnectionError } from '../errors/connection-error.js'
import type { FrontdeskError } from '../errors/frontdesk-error.js'
import type { HoldExpiredError } from '../errors/hold-expired-error.js'
import type { IdempotencyError } from '../errors/idempotency-error.js'
import type { NotFoundError } from '../errors/not-found-error.js'
import type { PermissionError } from '../errors/permission-error.js'
import type { RateLimitError } from '../errors/rate-limit-error.js'
import type { SlotTakenError } from '../errors/slot-taken-error.js'
import type { ValidationError } from '../errors/validation-error.js'

const names = new Set([
  'FrontdeskError',
  'SlotTakenError',
  'ValidationError',
  'AuthenticationError',
  'PermissionError',
  'NotFoundError',
  'RateLimitError',
  'HoldExpiredError',
  'IdempotencyError',
  'ConnectionError',
])

/**
 * Any error of this SDK. Names such as `NotFoundError` are common (DOMException uses it too), so the
 * guard also asks for the string `code` and numeric `status` every FrontdeskError has.
 */
export function isFrontdeskError(error: unknown): error is FrontdeskError {
  if (typeof error !== 'object' || error === null) return false
  const candidate = error as { name?: unknown; code?: unknown; status?: unknown }
  return (
    typeof candidate.name === 'string' &&
    names.has(candidate.name) &&
    typeof candidate.code === 'string' &&
    typeof candidate.status === 'number'
  )
}

function guard<T extends FrontdeskError>(name: T['name']) {
  return (error: unknown): error is T => isFrontdeskError(error) && error.name === name
}

export const isSlotTakenError = guard<SlotTakenError>('SlotTakenError')
export const isValidationError = guard<ValidationError>('ValidationError')
export const isAuthenticationError = guard<AuthenticationError>('AuthenticationError')
export const isPermissionError = guard<PermissionError>('PermissionError')
export const isNotFoundError = guard<NotFoundError>('NotFoundError')
export const isRateLimitError = guard<RateLimitError>('RateLimitError')
export const isHoldExpiredError = guard<HoldExpiredError>('HoldExpiredError')
export const isIdempotencyError = guard<IdempotencyError>('IdempotencyError')
export const isConnectionError = guard<ConnectionError>('ConnectionError')
