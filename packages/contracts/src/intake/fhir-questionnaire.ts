// A Frontdesk intake form as an R4 Questionnaire. Other EHRs see standard items (types, limits, options,
// help, enableWhen); what R4 cannot say rides in Frontdesk's item extension, so that fromQuestionnaire
// (./fhir-questionnaire-import.ts) restores the very same form.
import {
  type Extension,
  FHIR_EXT,
  FRONTDESK_ITEM_URL,
  ITEM_CONTROL_SYSTEM,
  OPTION_SYSTEM,
  type Questionnaire,
  type QuestionnaireItem,
  type QuestionnaireItemType,
} from './fhir.js'
import { type EnableWhenParts, toEnableWhen } from './fhir-conditions.js'
import { compact, isFhirInteger, joinLinkId, type LinkScope } from './fhir-shared.js'
import type { ChoiceOption, FormDefinition, FormItem } from './types.js'

export interface QuestionnaireMeta {
  /** Canonical URL; a response names the form as `url|version`. */
  url: string
  version: string
  /** Computer-friendly name (R4 que-0: `[A-Z][A-Za-z0-9_]*`). */
  name?: string
  status?: 'draft' | 'active' | 'retired'
}

export function toQuestionnaire(form: FormDefinition, meta: QuestionnaireMeta): Questionnaire {
  return compact({
    resourceType: 'Questionnaire' as const,
    url: meta.url,
    version: meta.version,
    name: meta.name,
    title: form.title,
    status: meta.status ?? 'draft',
    // FHIR strings are never blank; a blank description says nothing, so it stays behind.
    description: form.description?.trim() ? form.description : undefined,
    item: exportItems(form.items, '', []),
  })
}

function exportItems(items: FormItem[], prefix: string, outer: LinkScope[]): QuestionnaireItem[] {
  // Every group opens a scope, as in the validator: its conditions read its own fields first.
  const scopes = [{ items, prefix }, ...outer]
  return items.map((item) => exportItem(item, joinLinkId(prefix, item.id), scopes))
}

function exportItem(item: FormItem, linkId: string, scopes: LinkScope[]): QuestionnaireItem {
  const own: Extension[] = [{ url: 'fieldType', valueCode: item.type }]
  const standard: Extension[] = []
  const limit = (url: string, value: Omit<Extension, 'url'>) => standard.push({ url, ...value })
  const occurs = (min: number | undefined, max: number | undefined) => {
    if (min !== undefined) limit(FHIR_EXT.minOccurs, { valueInteger: min })
    if (max !== undefined) limit(FHIR_EXT.maxOccurs, { valueInteger: max })
  }
  let type: QuestionnaireItemType
  let fhir: Partial<QuestionnaireItem> = {}
  let children: QuestionnaireItem[] = []
  switch (item.type) {
    case 'text':
    case 'longText':
      type = item.type === 'text' ? 'string' : 'text'
      fhir = { maxLength: item.maxLength }
      if (item.minLength !== undefined) limit(FHIR_EXT.minLength, { valueInteger: item.minLength })
      break
    case 'number': {
      type = item.integer ? 'integer' : 'decimal'
      const value = (n: number) =>
        item.integer && isFhirInteger(n) ? { valueInteger: n } : { valueDecimal: n }
      if (item.min !== undefined) limit(FHIR_EXT.minValue, value(item.min))
      if (item.max !== undefined) limit(FHIR_EXT.maxValue, value(item.max))
      // Both read as decimal in R4; only Frontdesk tells a spelled-out `integer: false` from none.
      if (item.integer === false) own.push({ url: 'integer', valueBoolean: false })
      break
    }
    case 'date':
      type = 'date'
      // R4 has no literal for "the patient's today", so only Frontdesk's extension carries it.
      for (const [bound, url] of [
        ['min', FHIR_EXT.minValue],
        ['max', FHIR_EXT.maxValue],
      ] as const) {
        const value = item[bound]
        if (value === 'today') own.push({ url: bound, valueCode: 'today' })
        else if (value !== undefined) limit(url, { valueDate: value })
      }
      break
    case 'choice':
    case 'multiChoice':
      type = 'choice'
      fhir = { answerOption: item.options.map(toAnswerOption) }
      if (item.type === 'multiChoice') {
        fhir.repeats = true
        // R4's min/maxOccurs also bound a repeating question's number of answers.
        occurs(item.minSelected, item.maxSelected)
      }
      break
    case 'yesNo':
      type = 'boolean'
      break
    // R4 has no email or phone item; an address as one string item (not a group of five) stays one
    // question that enableWhen can name, and its answer one line any EHR can show.
    case 'email':
    case 'phone':
    case 'address':
      type = 'string'
      break
    // questionnaire-signatureRequired speaks for the whole form, so a drawn signature is an attachment.
    case 'signature':
      type = 'attachment'
      break
    case 'file':
      type = 'attachment'
      for (const mime of item.accept) limit(FHIR_EXT.mimeType, { valueCode: mime })
      limit(FHIR_EXT.maxSize, { valueDecimal: item.maxBytes })
      if (item.maxFiles > 1) {
        fhir.repeats = true
        occurs(undefined, item.maxFiles)
      }
      break
    case 'display':
      type = 'display'
      break
    case 'group':
      type = 'group'
      if (item.repeat) {
        fhir.repeats = true
        occurs(item.repeat.min, item.repeat.max)
      }
      children = exportItems(item.items, linkId, scopes)
      break
  }
  // FHIR strings are never blank, and blank help shows nothing: it stays behind.
  const help = item.help?.trim() ? item.help : undefined
  // R4 display items hold no child items, so their help can only travel in Frontdesk's extension.
  if (help !== undefined && item.type === 'display') own.push({ url: 'help', valueString: help })
  else if (help !== undefined) children.unshift(helpItem(item, linkId, help))
  let enable: EnableWhenParts | null = null
  if (item.showWhen) {
    own.push({ url: 'condition', valueString: JSON.stringify(item.showWhen) })
    enable = toEnableWhen(item.showWhen, scopes)
  }
  return compact({
    linkId,
    text: item.label,
    type,
    required: 'required' in item ? item.required : undefined,
    ...fhir,
    ...enable,
    extension: [...standard, { url: FRONTDESK_ITEM_URL, extension: own }],
    item: children.length ? children : undefined,
  })
}

function toAnswerOption(option: ChoiceOption) {
  return { valueCoding: { system: OPTION_SYSTEM, code: option.value, display: option.label } }
}

/** The R4 convention for help: a child display item with itemControl `help`. */
function helpItem(item: FormItem, linkId: string, help: string): QuestionnaireItem {
  // A group may hold a field named `help`; `:` never occurs in a linkId built from ids.
  const clash = item.type === 'group' && item.items.some((child) => child.id === 'help')
  return {
    linkId: clash ? `${linkId}:help` : `${linkId}.help`,
    text: help,
    type: 'display',
    extension: [
      {
        url: FHIR_EXT.itemControl,
        valueCodeableConcept: { coding: [{ system: ITEM_CONTROL_SYSTEM, code: 'help' }] },
      },
    ],
  }
}
