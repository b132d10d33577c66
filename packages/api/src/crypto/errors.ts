// The two ways encryption at rest fails: a value that does not open, and a master key that does not fit.

export type SealedDataProblem = 'MALFORMED' | 'UNKNOWN_KEY_VERSION' | 'NOT_AUTHENTIC' | 'DATA_KEY_DAMAGED'

const explanations: Record<SealedDataProblem, string> = {
  MALFORMED: 'Sealed data could not be opened: it is not in a format this version of Frontdesk writes',
  UNKNOWN_KEY_VERSION: 'Sealed data could not be opened: its clinic has no data key of the version it names',
  NOT_AUTHENTIC:
    'Sealed data could not be opened: it was altered, or it belongs to another clinic or another field',
  DATA_KEY_DAMAGED: "A clinic's wrapped data key could not be unwrapped: its row was altered or moved",
}

/**
 * A sealed value that does not open. The message is fixed per problem: it never carries the value,
 * the plaintext, a key or the caller's purpose string, so it is safe in any log.
 */
export class SealedDataError extends Error {
  override name = 'SealedDataError'
  readonly problem: SealedDataProblem

  constructor(problem: SealedDataProblem) {
    super(explanations[problem])
    this.problem = problem
  }
}

/** FRONTDESK_MASTER_KEY (or the key file) is missing, malformed, or not the key that wrapped the data keys. */
export class MasterKeyError extends Error {
  override name = 'MasterKeyError'
}
