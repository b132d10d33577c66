// Answers and files as health data at rest: each top-level answer and each file is sealed on its own
// by the clinic's data key, bound to its response and field, so no row opens in another place.
import type { Answers, AnswerValue } from '@frontdesk/contracts'
import type { FieldCipher } from '../crypto/field-cipher.js'

export const answerPurpose = (responseId: string, fieldId: string) => `intake_answer:${responseId}:${fieldId}`
export const filePurpose = (responseId: string, fileId: string) => `intake_file:${responseId}:${fileId}`

export interface SealedAnswer {
  field_id: string
  sealed: Uint8Array
}

/** Seal before opening the transaction that stores them (see FieldCipher). */
export async function sealAnswers(
  cipher: FieldCipher,
  clinicId: string,
  responseId: string,
  answers: Answers,
): Promise<SealedAnswer[]> {
  return Promise.all(
    Object.entries(answers).map(async ([fieldId, value]) => ({
      field_id: fieldId,
      sealed: await cipher.seal(clinicId, answerPurpose(responseId, fieldId), JSON.stringify(value)),
    })),
  )
}

export async function openAnswers(
  cipher: FieldCipher,
  clinicId: string,
  responseId: string,
  rows: SealedAnswer[],
): Promise<Answers> {
  const opened = await Promise.all(
    rows.map(
      async (row) =>
        [
          row.field_id,
          JSON.parse(await cipher.openText(clinicId, answerPurpose(responseId, row.field_id), row.sealed)),
        ] as [string, AnswerValue],
    ),
  )
  return Object.fromEntries(opened)
}
