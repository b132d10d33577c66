// A patient's intake answers as an R4 QuestionnaireResponse and back. The form supplies the types, so the
// round trip restores the very answers the validator kept; a repeat is one item per entry, as R4 has it.
import {
  type Attachment,
  FhirMappingError,
  FILE_URL_PREFIX,
  FRONTDESK_ADDRESS_URL,
  OPTION_SYSTEM,
  type QuestionnaireResponse,
  type QuestionnaireResponseAnswer,
  type QuestionnaireResponseItem,
} from './fhir.js'
import { compact, findExtension, isFhirInteger, joinLinkId } from './fhir-shared.js'
import type {
  AddressAnswer,
  Answers,
  AnswerValue,
  FileAnswer,
  FormDefinition,
  FormField,
  FormItem,
  SignatureAnswer,
} from './types.js'

export interface QuestionnaireResponseMeta {
  /** The Questionnaire's canonical URL, `url|version`. */
  questionnaire: string
  status: 'in-progress' | 'completed'
  /** When the patient sent it, an R4 dateTime with time zone. */
  authored?: string
}

const SIGNATURE_PREFIX = 'data:image/png;base64,'

/** Answers as validateIntake keeps them: empty answers are absent, so they export no item. */
export function toQuestionnaireResponse(
  form: FormDefinition,
  answers: Answers,
  meta: QuestionnaireResponseMeta,
): QuestionnaireResponse {
  return compact({
    resourceType: 'QuestionnaireResponse' as const,
    questionnaire: meta.questionnaire,
    status: meta.status,
    authored: meta.authored,
    item: exportItems(form.items, answers, ''),
  })
}

function exportItems(items: FormItem[], answers: Answers, prefix: string): QuestionnaireResponseItem[] {
  const asked = new Set(items.filter((item) => item.type !== 'display').map((item) => item.id))
  for (const id of Object.keys(answers)) {
    if (!asked.has(id)) throw new FhirMappingError(joinLinkId(prefix, id), 'the form asks no such question')
  }
  const exported: QuestionnaireResponseItem[] = []
  for (const item of items) {
    const value = answers[item.id]
    if (item.type === 'display' || value === undefined) continue
    const linkId = joinLinkId(prefix, item.id)
    const text = item.label
    if (item.type !== 'group') {
      const answer = exportAnswers(item, value, linkId)
      if (answer.length) exported.push({ linkId, text, answer })
      continue
    }
    const entries = item.repeat ? value : [value]
    if (!Array.isArray(entries) || entries.some((entry) => !isAnswers(entry)))
      throw new FhirMappingError(linkId, item.repeat ? 'expected a list of entries' : 'expected an object')
    // R4 repeats a group as sibling items with the same linkId, one per entry.
    for (const entry of entries as Answers[]) {
      const inner = exportItems(item.items, entry, linkId)
      exported.push(inner.length ? { linkId, text, item: inner } : { linkId, text })
    }
  }
  return exported
}

function exportAnswers(field: FormField, value: AnswerValue, linkId: string): QuestionnaireResponseAnswer[] {
  const wrong = () => new FhirMappingError(linkId, `not a ${field.type} answer`)
  switch (field.type) {
    case 'text':
    case 'longText':
    case 'email':
    case 'phone':
      if (typeof value !== 'string') throw wrong()
      return [{ valueString: value }]
    case 'number':
      if (typeof value !== 'number') throw wrong()
      return [field.integer && isFhirInteger(value) ? { valueInteger: value } : { valueDecimal: value }]
    case 'date':
      if (typeof value !== 'string') throw wrong()
      return [{ valueDate: value }]
    case 'yesNo':
      if (typeof value !== 'boolean') throw wrong()
      return [{ valueBoolean: value }]
    case 'choice':
    case 'multiChoice': {
      const chosen = field.type === 'choice' ? [value] : value
      if (!Array.isArray(chosen) || chosen.some((code) => typeof code !== 'string')) throw wrong()
      return (chosen as string[]).map((code) => {
        const label = field.options.find((option) => option.value === code)?.label
        return { valueCoding: compact({ system: OPTION_SYSTEM, code, display: label }) }
      })
    }
    case 'address': {
      const address = value as AddressAnswer
      if (typeof address?.line1 !== 'string') throw wrong()
      const lines = address.line2 ? [address.line1, address.line2] : [address.line1]
      const { postalCode, city, country } = address
      // One line for any EHR to show; the parts as an R4 Address for those that file them, and for us.
      return [
        {
          valueString: [...lines, `${postalCode} ${city}`, country].join(', '),
          extension: [
            { url: FRONTDESK_ADDRESS_URL, valueAddress: { line: lines, postalCode, city, country } },
          ],
        },
      ]
    }
    case 'signature': {
      const image = (value as SignatureAnswer)?.image
      if (typeof image !== 'string' || !image.startsWith(SIGNATURE_PREFIX)) throw wrong()
      return [{ valueAttachment: { contentType: 'image/png', data: image.slice(SIGNATURE_PREFIX.length) } }]
    }
    case 'file':
      if (!Array.isArray(value)) throw wrong()
      // The bytes stay in Frontdesk's store; the URL names the upload for whoever fetches it.
      return (value as FileAnswer[]).map((file) => ({
        valueAttachment: {
          contentType: file.contentType,
          size: file.bytes,
          url: `${FILE_URL_PREFIX}${file.fileId}`,
        },
      }))
  }
}

/** Rebuilds the answers the response carries, typed by the form it answers. */
export function fromQuestionnaireResponse(form: FormDefinition, response: QuestionnaireResponse): Answers {
  return importItems(form.items, response.item ?? [], '')
}

function importItems(items: FormItem[], exported: QuestionnaireResponseItem[], prefix: string): Answers {
  const byLinkId = new Map(items.map((item) => [joinLinkId(prefix, item.id), item]))
  for (const one of exported) {
    const item = byLinkId.get(one.linkId)
    if (!item || item.type === 'display')
      throw new FhirMappingError(one.linkId, 'the form asks no such question here')
  }
  const answers: Answers = {}
  for (const item of items) {
    const linkId = joinLinkId(prefix, item.id)
    const matching = exported.filter((one) => one.linkId === linkId)
    if (!matching.length) continue
    if (item.type === 'group') {
      const entries = matching.map((one) => importItems(item.items, one.item ?? [], linkId))
      if (!item.repeat && entries.length > 1)
        throw new FhirMappingError(linkId, 'a plain group answered twice')
      answers[item.id] = item.repeat ? entries : entries[0]!
    } else if (item.type !== 'display') {
      if (matching.some((one) => one.item?.length))
        throw new FhirMappingError(linkId, 'Frontdesk has no items nested under a question')
      const value = importAnswers(
        item,
        matching.flatMap((one) => one.answer ?? []),
        linkId,
      )
      if (value !== undefined) answers[item.id] = value
    }
  }
  return answers
}

function importAnswers(
  field: FormField,
  answers: QuestionnaireResponseAnswer[],
  linkId: string,
): AnswerValue | undefined {
  if (!answers.length) return undefined
  const several = field.type === 'multiChoice' || field.type === 'file'
  if (!several && answers.length > 1)
    throw new FhirMappingError(linkId, 'several answers to a one-answer question')
  const wrong = () => new FhirMappingError(linkId, `not a ${field.type} answer`)
  const answer = answers[0]!
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw wrong()
    return value
  }
  switch (field.type) {
    case 'text':
    case 'longText':
    case 'email':
    case 'phone':
      return need(answer.valueString)
    case 'number':
      return need(answer.valueInteger ?? answer.valueDecimal)
    case 'date':
      return need(answer.valueDate)
    case 'yesNo':
      return need(answer.valueBoolean)
    case 'choice':
      return need(answer.valueCoding?.code ?? answer.valueString)
    case 'multiChoice':
      return answers.map((one) => need(one.valueCoding?.code ?? one.valueString))
    case 'address': {
      const address = need(findExtension(answer.extension, FRONTDESK_ADDRESS_URL)?.valueAddress)
      const [line1, line2] = address.line ?? []
      const { postalCode, city, country } = address
      if (!line1 || !postalCode || !city || !country) throw wrong()
      return compact({ line1, line2, postalCode, city, country })
    }
    case 'signature':
      return { image: `${SIGNATURE_PREFIX}${need(answer.valueAttachment?.data)}` }
    case 'file':
      return answers.map((one) => toFile(need(one.valueAttachment), wrong))
  }
}

function toFile(attachment: Attachment, wrong: () => Error): FileAnswer {
  const { url, contentType, size } = attachment
  if (!url?.startsWith(FILE_URL_PREFIX) || !contentType || size === undefined) throw wrong()
  return { fileId: url.slice(FILE_URL_PREFIX.length), contentType, bytes: size }
}

function isAnswers(value: unknown): value is Answers {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
