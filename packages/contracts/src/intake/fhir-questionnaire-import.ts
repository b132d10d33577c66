// An R4 Questionnaire as a Frontdesk intake form. Frontdesk's item extension, when present, restores
// our own export exactly; a Questionnaire written elsewhere maps its standard items as well as it can.
// importQuestionnaire keeps what it can ask and names every item (or part of one) it cannot, by linkId;
// fromQuestionnaire refuses the first. The result still has to pass IntakeFormDefinition.
import {
  type Extension,
  FHIR_EXT,
  FhirMappingError,
  FRONTDESK_ITEM_URL,
  type Questionnaire,
  type QuestionnaireItem,
} from './fhir.js'
import { fromEnableWhen, type ImportedField } from './fhir-conditions.js'
import { compact, findExtension, joinLinkId } from './fhir-shared.js'
import type { ChoiceOption, Condition, FormDefinition, FormItem } from './types.js'

/** What an import could not carry over, and why: an item left out, or a part of one (its condition). */
export interface UnmappedItem {
  linkId: string
  reason: string
}

export interface QuestionnaireImport {
  definition: FormDefinition
  unmapped: UnmappedItem[]
}

/** The form the Questionnaire asks, refusing it (FhirMappingError) if any item cannot be carried over. */
export function fromQuestionnaire(questionnaire: Questionnaire): FormDefinition {
  const { definition, unmapped } = importQuestionnaire(questionnaire)
  const first = unmapped[0]
  if (first) throw new FhirMappingError(first.linkId, first.reason)
  return definition
}

/**
 * The form the Questionnaire asks, as far as Frontdesk can ask it. An item Frontdesk cannot ask is left
 * out with its children; a condition it cannot say is dropped, so the item always shows (a question too
 * many rather than one hidden that was needed). Either way `unmapped` names it: nothing goes silently.
 */
export function importQuestionnaire(questionnaire: Questionnaire): QuestionnaireImport {
  const unmapped: UnmappedItem[] = []
  // A form needs a title; R4 needs none (HL7's own examples go without), so a code's display stands in.
  let title = questionnaire.title ?? questionnaire.name
  if (!title) {
    title = questionnaire.code?.find((code) => code.display)?.display ?? 'Imported questionnaire'
    unmapped.push({ linkId: 'Questionnaire', reason: `has neither title nor name; titled "${title}"` })
  }
  const items = questionnaire.item ?? []
  const fields = indexFields(items, '', new Set(), unmapped)
  const definition: FormDefinition = { title, items: importItems(items, fields, unmapped) }
  if (questionnaire.description) definition.description = questionnaire.description
  return { definition, unmapped }
}

function importItems(
  items: QuestionnaireItem[],
  fields: Map<string, ImportedField>,
  unmapped: UnmappedItem[],
): FormItem[] {
  return items
    .filter((item) => fields.has(item.linkId))
    .flatMap((item) => {
      try {
        return [importItem(item, fields, unmapped)]
      } catch (error) {
        if (!(error instanceof FhirMappingError)) throw error
        unmapped.push({ linkId: error.linkId, reason: reasonOf(error) })
        return []
      }
    })
}

const reasonOf = (error: FhirMappingError) => error.message.slice(error.linkId.length + 2)

/** Frontdesk ids and types for every item, first, so enableWhen may name any of them. */
function indexFields(
  items: QuestionnaireItem[],
  prefix: string,
  used: Set<string>,
  unmapped: UnmappedItem[],
) {
  const fields = new Map<string, ImportedField>()
  for (const item of items) {
    // Help belongs to the item above it; at the top there is none, so it stays a display item.
    if (prefix && isHelp(item)) continue
    const type = typeOf(item, unmapped)
    if (!type) continue
    // Our linkIds end in the id; others' are made ids unique across the form, so no scope hides one.
    const id =
      ownValue(item, 'fieldType') && item.linkId === joinLinkId(prefix, lastSegment(item.linkId))
        ? lastSegment(item.linkId)
        : uniqueId(item.linkId, used)
    fields.set(item.linkId, { id, type })
    for (const [linkId, field] of indexFields(item.item ?? [], item.linkId, used, unmapped))
      fields.set(linkId, field)
  }
  return fields
}

/** The item's Frontdesk type, or null (and the reason in `unmapped`) for one Frontdesk cannot ask. */
function typeOf(item: QuestionnaireItem, unmapped: UnmappedItem[]): FormItem['type'] | null {
  try {
    const type = ownValue(item, 'fieldType')?.valueCode ?? inferType(item)
    if (!FORM_ITEM_TYPES.has(type as FormItem['type']))
      throw new FhirMappingError(item.linkId, `Frontdesk has no "${type}" item`)
    // Checked here, before any condition is read, so no condition names an item that is then left out.
    if (type !== 'group' && item.item?.some((child) => !isHelp(child)))
      throw new FhirMappingError(item.linkId, 'Frontdesk has no questions nested under a question')
    if ((type === 'choice' || type === 'multiChoice') && !item.answerOption?.length)
      throw new FhirMappingError(item.linkId, 'a choice needs answerOption (a value set cannot be read here)')
    return type as FormItem['type']
  } catch (error) {
    if (!(error instanceof FhirMappingError)) throw error
    unmapped.push({ linkId: item.linkId, reason: reasonOf(error) })
    return null
  }
}

const FORM_ITEM_TYPES = new Set<FormItem['type']>([
  'text',
  'longText',
  'number',
  'date',
  'choice',
  'multiChoice',
  'yesNo',
  'email',
  'phone',
  'address',
  'signature',
  'file',
  'display',
  'group',
])

/** The Frontdesk type for a standard item written by another system. */
function inferType(item: QuestionnaireItem): FormItem['type'] {
  const repeatable = ['choice', 'attachment', 'group']
  if (item.repeats && !repeatable.includes(item.type))
    throw new FhirMappingError(item.linkId, `Frontdesk has no repeating "${item.type}" question`)
  switch (item.type) {
    case 'string':
    case 'url':
      return 'text'
    case 'text':
      return 'longText'
    case 'integer':
    case 'decimal':
      return 'number'
    case 'boolean':
      return 'yesNo'
    case 'choice':
      return item.repeats ? 'multiChoice' : 'choice'
    case 'attachment':
      return 'file'
    case 'date':
    case 'group':
    case 'display':
      return item.type
    default:
      throw new FhirMappingError(item.linkId, `Frontdesk has no item for FHIR type "${item.type}"`)
  }
}

// Another system's attachment without limits gets Frontdesk's usual ones.
const DEFAULT_ACCEPT = ['image/*', 'application/pdf']
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024
const MAX_FILES = 10 // the definition's cap

function importItem(
  item: QuestionnaireItem,
  fields: Map<string, ImportedField>,
  unmapped: UnmappedItem[],
): FormItem {
  const { id, type } = fields.get(item.linkId)!
  const children = (item.item ?? []).filter((child) => !isHelp(child))
  if (type !== 'group' && children.length)
    throw new FhirMappingError(item.linkId, 'Frontdesk has no questions nested under a question')
  const condition = ownValue(item, 'condition')?.valueString
  const showWhen = condition ? parseCondition(condition, item.linkId) : conditionOf(item, fields, unmapped)
  for (const [key, reason] of IGNORED) {
    if (key in item) unmapped.push({ linkId: item.linkId, reason })
  }
  const base = {
    id,
    label: item.text ?? item.linkId,
    help: item.item?.find(isHelp)?.text ?? ownValue(item, 'help')?.valueString,
    showWhen,
  }
  const field = { ...base, required: item.required }
  const ext = (url: string) => findExtension(item.extension, url)
  const minOccurs = ext(FHIR_EXT.minOccurs)?.valueInteger
  const maxOccurs = ext(FHIR_EXT.maxOccurs)?.valueInteger
  switch (type) {
    case 'display':
      return compact({ ...base, type })
    case 'group':
      return compact({
        ...base,
        type,
        items: importItems(children, fields, unmapped),
        repeat: item.repeats ? compact({ min: minOccurs, max: maxOccurs }) : undefined,
      })
    case 'text':
    case 'longText':
      return compact({
        ...field,
        type,
        minLength: ext(FHIR_EXT.minLength)?.valueInteger,
        maxLength: item.maxLength,
      })
    case 'number': {
      const number = (url: string) => ext(url)?.valueInteger ?? ext(url)?.valueDecimal
      const integer = item.type === 'integer' ? true : ownValue(item, 'integer')?.valueBoolean
      return compact({
        ...field,
        type,
        min: number(FHIR_EXT.minValue),
        max: number(FHIR_EXT.maxValue),
        integer,
      })
    }
    case 'date': {
      const bound = (own: string, url: string) => ownValue(item, own)?.valueCode ?? ext(url)?.valueDate
      return compact({
        ...field,
        type,
        min: bound('min', FHIR_EXT.minValue),
        max: bound('max', FHIR_EXT.maxValue),
      })
    }
    case 'choice':
      return compact({ ...field, type, options: importOptions(item) })
    case 'multiChoice':
      return compact({
        ...field,
        type,
        options: importOptions(item),
        minSelected: minOccurs,
        maxSelected: maxOccurs,
      })
    case 'file': {
      const accept = (item.extension ?? []).filter((one) => one.url === FHIR_EXT.mimeType)
      return compact({
        ...field,
        type,
        accept: accept.length ? accept.map((one) => one.valueCode ?? '') : DEFAULT_ACCEPT,
        maxBytes: ext(FHIR_EXT.maxSize)?.valueDecimal ?? DEFAULT_MAX_BYTES,
        maxFiles: item.repeats ? Math.min(maxOccurs ?? MAX_FILES, MAX_FILES) : 1,
      })
    }
    default:
      return compact({ ...field, type })
  }
}

/** What R4 may say of an item that Frontdesk's forms do not keep: the item stays, the part is named. */
const IGNORED: [keyof QuestionnaireItem | 'initial', string][] = [
  ['initial', 'initial answers are not imported; the question starts empty'],
  ['readOnly', 'read-only questions are not imported as such; the patient may answer it'],
]

/** The item's enableWhen as a condition; one Frontdesk cannot say is dropped and named. */
function conditionOf(
  item: QuestionnaireItem,
  fields: Map<string, ImportedField>,
  unmapped: UnmappedItem[],
): Condition | undefined {
  try {
    return fromEnableWhen(item, (linkId) => fields.get(linkId))
  } catch (error) {
    if (!(error instanceof FhirMappingError)) throw error
    unmapped.push({ linkId: error.linkId, reason: `${reasonOf(error)}; the item always shows` })
    return undefined
  }
}

function importOptions(item: QuestionnaireItem): ChoiceOption[] {
  if (!item.answerOption?.length)
    throw new FhirMappingError(item.linkId, 'a choice needs answerOption (a value set cannot be read here)')
  return item.answerOption.map((option) => {
    const value =
      option.valueCoding?.code ??
      option.valueString ??
      option.valueDate ??
      option.valueTime ??
      option.valueInteger
    if (value === undefined) throw new FhirMappingError(item.linkId, 'an answerOption has no code or value')
    return { value: String(value), label: option.valueCoding?.display ?? String(value) }
  })
}

function parseCondition(json: string, linkId: string): Condition {
  try {
    return JSON.parse(json) as Condition
  } catch {
    throw new FhirMappingError(linkId, 'its Frontdesk condition is not JSON')
  }
}

function isHelp(item: QuestionnaireItem): boolean {
  const control = findExtension(item.extension, FHIR_EXT.itemControl)?.valueCodeableConcept
  return item.type === 'display' && !!control?.coding?.some((coding) => coding.code === 'help')
}

function ownValue(item: QuestionnaireItem, name: string): Extension | undefined {
  return findExtension(findExtension(item.extension, FRONTDESK_ITEM_URL)?.extension, name)
}

function lastSegment(linkId: string): string {
  return linkId.slice(linkId.lastIndexOf('.') + 1)
}

/** A Frontdesk id (a letter, then letters, digits and _, at most 64) made from another system's linkId. */
function uniqueId(linkId: string, used: Set<string>): string {
  let base = linkId.replace(/[^A-Za-z0-9_]/g, '_')
  if (!/^[A-Za-z]/.test(base)) base = `q${base}`
  base = base.slice(0, 60)
  let id = base
  for (let n = 2; used.has(id); n++) id = `${base}_${n}`
  used.add(id)
  return id
}
