// Which error class each API code becomes; codes without a class of their own stay a plain FrontdeskError.
import type { ErrorCode } from '@frontdesk/contracts'
import { AuthenticationError } from './authentication-error.js'
import { FrontdeskError, type FrontdeskErrorInit } from './frontdesk-error.js'
import { HoldExpiredError } from './hold-expired-error.js'
import { IdempotencyError } from './idempotency-error.js'
import { NotFoundError } from './not-found-error.js'
import { PermissionError } from './permission-error.js'
import { RateLimitError } from './rate-limit-error.js'
import { SlotTakenError } from './slot-taken-error.js'
import { ValidationError } from './validation-error.js'

type FrontdeskErrorClass = new (message: string, init: FrontdeskErrorInit) => FrontdeskError

export const errorClasses: Partial<Record<ErrorCode, FrontdeskErrorClass>> = {
  SLOT_TAKEN: SlotTakenError,
  VALIDATION_FAILED: ValidationError,
  UNAUTHENTICATED: AuthenticationError,
  FORBIDDEN: PermissionError,
  ORIGIN_NOT_ALLOWED: PermissionError,
  NOT_FOUND: NotFoundError,
  RATE_LIMITED: RateLimitError,
  HOLD_EXPIRED: HoldExpiredError,
  IDEMPOTENCY_KEY_REUSED: IdempotencyError,
}

/** The error for an API code, as the class a caller would `instanceof` or guard for. */
export function createFrontdeskError(message: string, init: FrontdeskErrorInit): FrontdeskError {
  const ErrorClass = Object.hasOwn(errorClasses, init.code) ? errorClasses[init.code as ErrorCode] : undefined
  return new (ErrorClass ?? FrontdeskError)(message, init)
}
