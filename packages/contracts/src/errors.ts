// Error codes and the one error shape every Frontdesk response uses; the SDK maps codes to classes.
import * as z from 'zod'

export const errorCodes = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  ORIGIN_NOT_ALLOWED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  SLOT_TAKEN: 409,
  SLOT_UNAVAILABLE: 409,
  HOLD_EXPIRED: 410,
  BOOKING_NOT_CHANGEABLE: 409,
  CANCELLATION_WINDOW_PASSED: 409,
  CONSENT_NOT_WITHDRAWABLE: 409,
  KEY_NOT_ROLLABLE: 409,
  SENDER_TAKEN: 409,
  SLUG_TAKEN: 409,
  PATIENT_ERASED: 409,
  PATIENT_CONFLICT: 409,
  REQUEST_NOT_OPEN: 409,
  CODE_INVALID: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const

export type ErrorCode = keyof typeof errorCodes

export const ErrorCode = z.enum(Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]])

export const FieldIssue = z.object({
  path: z.string().meta({ description: 'Dotted path of the field at fault, e.g. `patient.email`' }),
  message: z.string(),
  code: z.string().optional().meta({
    description: "For intake answers: the validator's code (`required`, `invalidEmail`, …), to localize",
  }),
})
export type FieldIssue = z.infer<typeof FieldIssue>

export const ErrorBody = z
  .object({
    error: z.object({
      code: ErrorCode,
      message: z.string(),
      requestId: z.string(),
      issues: z.array(FieldIssue).optional(),
      reason: z.string().optional().meta({
        description:
          "Staff sign-in (`/api/auth/*`) only: better-auth's own finer code, such as `INVALID_EMAIL_OR_PASSWORD`",
      }),
    }),
  })
  .meta({ id: 'Error' })
export type ErrorBody = z.infer<typeof ErrorBody>
