// Frontdesk `showWhen` conditions to R4 enableWhen and back. R4 has one level of all/any and no "one of",
// so a condition it cannot say exactly gets no enableWhen: other systems then always show the item, which
// asks a question too many rather than hiding one that was needed. The exact condition travels beside it.
import { isCalendarDate } from '../rules.js'
import {
  FhirMappingError,
  OPTION_SYSTEM,
  type QuestionnaireEnableWhen,
  type QuestionnaireItem,
} from './fhir.js'
import { isFhirInteger, type LinkScope, resolveField } from './fhir-shared.js'
import type { AnswerScalar, Condition, FormField, FormItem } from './types.js'

export interface EnableWhenParts {
  enableWhen: QuestionnaireEnableWhen[]
  enableBehavior?: 'all' | 'any'
}

/** The enableWhen that says `condition` exactly, read from where the item sits, or null if R4 cannot. */
export function toEnableWhen(condition: Condition, scopes: LinkScope[]): EnableWhenParts | null {
  if ('all' in condition) {
    const parts = condition.all.map((part) => toEntries(part, scopes))
    // "One of" inside "all" would need a nested any, which R4 lacks.
    if (parts.some((entries) => entries === null || entries.length !== 1)) return null
    return { enableWhen: parts.flat() as QuestionnaireEnableWhen[], enableBehavior: 'all' }
  }
  if ('any' in condition) {
    const parts = condition.any.map((part) => toEntries(part, scopes))
    if (parts.some((entries) => entries === null)) return null
    return { enableWhen: parts.flat() as QuestionnaireEnableWhen[], enableBehavior: 'any' }
  }
  const entries = toEntries(condition, scopes)
  if (!entries) return null
  return entries.length > 1 ? { enableWhen: entries, enableBehavior: 'any' } : { enableWhen: entries }
}

/** One test as enableWhen entries (`in` gives one per value, to be read as "any"). */
function toEntries(condition: Condition, scopes: LinkScope[]): QuestionnaireEnableWhen[] | null {
  if ('all' in condition || 'any' in condition) return null
  const target = resolveField(condition.field, scopes)
  if (!target) return null
  const question = target.linkId
  if ('answered' in condition) return [{ question, operator: 'exists', answerBoolean: condition.answered }]
  const entry = (operator: '=' | '!=', value: AnswerScalar) => {
    const answer = answerFor(target.field, value)
    return answer && { question, operator, ...answer }
  }
  const entries =
    'equals' in condition
      ? [entry('=', condition.equals)]
      : 'notEquals' in condition
        ? [entry('!=', condition.notEquals)]
        : 'includes' in condition
          ? [entry('=', condition.includes)]
          : condition.in.map((value) => entry('=', value))
  return entries.every((one) => one !== null) ? entries : null
}

/** The answer[x] that fits the field asked, so other systems compare like with like. */
function answerFor(field: FormField, value: AnswerScalar): Partial<QuestionnaireEnableWhen> | null {
  if (typeof value === 'boolean') return { answerBoolean: value }
  if (typeof value === 'number') {
    return field.type === 'number' && field.integer && isFhirInteger(value)
      ? { answerInteger: value }
      : { answerDecimal: value }
  }
  // FHIR strings are never blank, so a test against "" has no R4 form.
  if (value.trim() === '') return null
  if (field.type === 'choice' || field.type === 'multiChoice')
    return { answerCoding: { system: OPTION_SYSTEM, code: value } }
  if (field.type === 'date' && isCalendarDate(value)) return { answerDate: value }
  return { answerString: value }
}

/** What an import knows of each question another item's enableWhen may name. */
export interface ImportedField {
  id: string
  type: FormItem['type']
}

/** The condition an item's enableWhen says, for a Questionnaire written without Frontdesk's extension. */
export function fromEnableWhen(
  item: QuestionnaireItem,
  fieldAt: (linkId: string) => ImportedField | undefined,
): Condition | undefined {
  const parts = (item.enableWhen ?? []).map((entry) => toCondition(entry, item.linkId, fieldAt))
  if (parts.length <= 1) return parts[0]
  return item.enableBehavior === 'any' ? { any: parts } : { all: parts }
}

function toCondition(
  entry: QuestionnaireEnableWhen,
  linkId: string,
  fieldAt: (linkId: string) => ImportedField | undefined,
): Condition {
  const target = fieldAt(entry.question)
  if (!target || target.type === 'group' || target.type === 'display')
    throw new FhirMappingError(linkId, `enableWhen names "${entry.question}", which is not a question`)
  const field = target.id
  if (entry.operator === 'exists') return { field, answered: entry.answerBoolean !== false }
  const value =
    entry.answerBoolean ??
    entry.answerInteger ??
    entry.answerDecimal ??
    entry.answerDate ??
    entry.answerString ??
    entry.answerCoding?.code
  if (value === undefined)
    throw new FhirMappingError(linkId, 'enableWhen compares with an answer type Frontdesk cannot')
  // A multiChoice answer is a list: FHIR's "=" means "one of the answers is".
  if (entry.operator === '=')
    return target.type === 'multiChoice' ? { field, includes: String(value) } : { field, equals: value }
  if (entry.operator === '!=' && target.type !== 'multiChoice') return { field, notEquals: value }
  throw new FhirMappingError(linkId, `enableWhen operator "${entry.operator}" has no Frontdesk condition`)
}
