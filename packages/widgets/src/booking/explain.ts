// Plain words for a failed request, in the patient's language: never a raw code or server message.
import { WidgetApiError } from '../client.js'
import type { Messages } from '../i18n/index.js'

export function explain(messages: Messages, error: unknown): string {
  const errors = messages.errors
  if (!(error instanceof WidgetApiError)) return errors.server
  switch (error.code) {
    case 'NETWORK':
      return errors.network
    case 'RATE_LIMITED':
      return errors.rateLimited(error.retryAfterSeconds)
    case 'SLOT_TAKEN':
      return errors.taken
    case 'SLOT_UNAVAILABLE':
      return errors.unavailable
    // A key, origin or id in the embed that this clinic does not know: the page is set up wrong.
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
    case 'ORIGIN_NOT_ALLOWED':
    case 'NOT_FOUND':
      return errors.setup
    default:
      return errors.server
  }
}
