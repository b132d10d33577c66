// The FHIR R4 subset that intake forms and answers travel in (Questionnaire, QuestionnaireResponse), the
// extension URLs the mapping uses, and the one error it throws. Zod-free: the mapping runs anywhere.
export interface Coding {
  system?: string
  version?: string
  code?: string
  display?: string
}

export interface CodeableConcept {
  coding?: Coding[]
  text?: string
}

export interface Attachment {
  contentType?: string
  /** base64, without a `data:` prefix. */
  data?: string
  url?: string
  size?: number
  title?: string
}

export interface Address {
  text?: string
  line?: string[]
  city?: string
  postalCode?: string
  country?: string
}

export interface Quantity {
  value?: number
  unit?: string
  system?: string
  code?: string
}

export interface Reference {
  reference?: string
  display?: string
}

/** An extension carries a value or sub-extensions, never both (R4 ext-1). */
export interface Extension {
  url: string
  valueBoolean?: boolean
  valueInteger?: number
  valueDecimal?: number
  valueString?: string
  valueCode?: string
  valueDate?: string
  valueCodeableConcept?: CodeableConcept
  valueAddress?: Address
  extension?: Extension[]
}

export type QuestionnaireItemType =
  | 'group'
  | 'display'
  | 'boolean'
  | 'decimal'
  | 'integer'
  | 'date'
  | 'dateTime'
  | 'time'
  | 'string'
  | 'text'
  | 'url'
  | 'choice'
  | 'open-choice'
  | 'attachment'
  | 'reference'
  | 'quantity'

export type EnableWhenOperator = 'exists' | '=' | '!=' | '>' | '<' | '>=' | '<='

/** Exactly one answer[x] per entry. */
export interface QuestionnaireEnableWhen {
  question: string
  operator: EnableWhenOperator
  answerBoolean?: boolean
  answerDecimal?: number
  answerInteger?: number
  answerDate?: string
  answerDateTime?: string
  answerTime?: string
  answerString?: string
  answerCoding?: Coding
  answerQuantity?: Quantity
  answerReference?: Reference
}

export interface QuestionnaireAnswerOption {
  valueInteger?: number
  valueDate?: string
  valueTime?: string
  valueString?: string
  valueCoding?: Coding
  initialSelected?: boolean
}

export interface QuestionnaireItem {
  linkId: string
  text?: string
  type: QuestionnaireItemType
  extension?: Extension[]
  required?: boolean
  repeats?: boolean
  readOnly?: boolean
  maxLength?: number
  enableWhen?: QuestionnaireEnableWhen[]
  enableBehavior?: 'all' | 'any'
  answerValueSet?: string
  answerOption?: QuestionnaireAnswerOption[]
  item?: QuestionnaireItem[]
}

export type QuestionnaireStatus = 'draft' | 'active' | 'retired' | 'unknown'

export interface Questionnaire {
  resourceType: 'Questionnaire'
  id?: string
  url?: string
  version?: string
  name?: string
  title?: string
  status: QuestionnaireStatus
  description?: string
  /** What the whole Questionnaire asks about (LOINC panels and the like). */
  code?: Coding[]
  extension?: Extension[]
  item?: QuestionnaireItem[]
}

export interface QuestionnaireResponseAnswer {
  valueBoolean?: boolean
  valueDecimal?: number
  valueInteger?: number
  valueDate?: string
  valueDateTime?: string
  valueTime?: string
  valueString?: string
  valueUri?: string
  valueAttachment?: Attachment
  valueCoding?: Coding
  valueQuantity?: Quantity
  valueReference?: Reference
  extension?: Extension[]
  item?: QuestionnaireResponseItem[]
}

export interface QuestionnaireResponseItem {
  linkId: string
  text?: string
  answer?: QuestionnaireResponseAnswer[]
  item?: QuestionnaireResponseItem[]
}

export type QuestionnaireResponseStatus =
  | 'in-progress'
  | 'completed'
  | 'amended'
  | 'entered-in-error'
  | 'stopped'

export interface QuestionnaireResponse {
  resourceType: 'QuestionnaireResponse'
  id?: string
  questionnaire?: string
  status: QuestionnaireResponseStatus
  authored?: string
  item?: QuestionnaireResponseItem[]
}

/** Frontdesk's own item extension: what R4 cannot say, so an import restores the form exactly. */
export const FRONTDESK_ITEM_URL = 'https://frontdesk.dev/fhir/StructureDefinition/intake-item'
/** The structured address beside an address answer's one-line valueString. */
export const FRONTDESK_ADDRESS_URL = 'https://frontdesk.dev/fhir/StructureDefinition/intake-address'
export const OPTION_SYSTEM = 'urn:frontdesk:option'
export const FILE_URL_PREFIX = 'urn:frontdesk:file:'

const SD = 'http://hl7.org/fhir/StructureDefinition'
export const FHIR_EXT = {
  minLength: `${SD}/minLength`,
  minValue: `${SD}/minValue`,
  maxValue: `${SD}/maxValue`,
  mimeType: `${SD}/mimeType`,
  maxSize: `${SD}/maxSize`,
  minOccurs: `${SD}/questionnaire-minOccurs`,
  maxOccurs: `${SD}/questionnaire-maxOccurs`,
  itemControl: `${SD}/questionnaire-itemControl`,
} as const
export const ITEM_CONTROL_SYSTEM = 'http://hl7.org/fhir/questionnaire-item-control'

/** A form or response that cannot cross to or from FHIR; `linkId` names the item at fault. */
export class FhirMappingError extends Error {
  override name = 'FhirMappingError'
  constructor(
    readonly linkId: string,
    problem: string,
  ) {
    super(`${linkId}: ${problem}`)
  }
}
