// An R4 Questionnaire as a Frontdesk intake form. Frontdesk's item extension, when present, restores
// our own export exactly; a Questionnaire written elsewhere maps its standard items as well as it can, and
// names the linkId of any item Frontdesk cannot ask. The result still has to pass IntakeFormDefinition.
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

export function fromQuestionnaire(questionnaire: Questionnaire): FormDefinition {
  const title = questionnaire.title ?? questionnaire.name
  if (!title) throw new FhirMappingError('Questionnaire', 'has neither title nor name')
  const items = questionnaire.item ?? []
  const fields = indexFields(items, '', new Set())
  const form: FormDefinition = { title, items: items.map((item) => importItem(item, fields)) }
  if (questionnaire.description) form.description = questionnaire.description
  return form
}

/** Frontdesk ids and types for every item, first, so enableWhen may name any of them. */
function indexFields(items: QuestionnaireItem[], prefix: string, used: Set<string>) {
  const fields = new Map<string, ImportedField>()
  for (const item of items) {
    // Help belongs to the item above it; at the top there is none, so it stays a display item.
    if (prefix && isHelp(item)) continue
    const type = ownValue(item, 'fieldType')?.valueCode ?? inferType(item)
    if (!FORM_ITEM_TYPES.has(type as FormItem['type']))
      throw new FhirMappingError(item.linkId, `Frontdesk has no "${type}" item`)
    // Our linkIds end in the id; others' are made ids unique across the form, so no scope hides one.
    const id =
      ownValue(item, 'fieldType') && item.linkId === joinLinkId(prefix, lastSegment(item.linkId))
        ? lastSegment(item.linkId)
        : uniqueId(item.linkId, used)
    fields.set(item.linkId, { id, type: type as FormItem['type'] })
    for (const [linkId, field] of indexFields(item.item ?? [], item.linkId, used)) fields.set(linkId, field)
  }
  return fields
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

function importItem(item: QuestionnaireItem, fields: Map<string, ImportedField>): FormItem {
  const { id, type } = fields.get(item.linkId)!
  const children = (item.item ?? []).filter((child) => !isHelp(child))
  if (type !== 'group' && children.length)
    throw new FhirMappingError(item.linkId, 'Frontdesk has no questions nested under a question')
  const condition = ownValue(item, 'condition')?.valueString
  const showWhen = condition
    ? parseCondition(condition, item.linkId)
    : fromEnableWhen(item, (linkId) => fields.get(linkId))
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
        items: children.map((child) => importItem(child, fields)),
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
