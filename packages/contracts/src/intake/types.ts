// Intake form definitions and answers as plain types: what a clinic authors, what a patient sends.
// Zod-free so the validator built on them runs unchanged in the browser and on the server.

/** Shows an item only when the condition holds; a field named here is looked up in the same repeat first. */
export type Condition =
  | { field: string; equals: AnswerScalar }
  | { field: string; notEquals: AnswerScalar }
  | { field: string; in: AnswerScalar[] }
  | { field: string; includes: string }
  | { field: string; answered: boolean }
  | { all: Condition[] }
  | { any: Condition[] }

interface ItemBase {
  /** Unique among its siblings; answers are keyed by it. */
  id: string
  label: string
  help?: string
  showWhen?: Condition
}

interface FieldBase extends ItemBase {
  required?: boolean
}

export interface TextField extends FieldBase {
  type: 'text' | 'longText'
  minLength?: number
  maxLength?: number
}

export interface NumberField extends FieldBase {
  type: 'number'
  min?: number
  max?: number
  integer?: boolean
}

export interface DateField extends FieldBase {
  type: 'date'
  /** `YYYY-MM-DD`, or `today`. */
  min?: string
  max?: string
}

export interface ChoiceOption {
  value: string
  label: string
}

export interface ChoiceField extends FieldBase {
  type: 'choice'
  options: ChoiceOption[]
}

export interface MultiChoiceField extends FieldBase {
  type: 'multiChoice'
  options: ChoiceOption[]
  minSelected?: number
  maxSelected?: number
}

export interface SimpleField extends FieldBase {
  type: 'yesNo' | 'email' | 'phone' | 'address' | 'signature'
}

export interface FileField extends FieldBase {
  type: 'file'
  /** MIME types, e.g. `image/jpeg`, or a family such as `image/*`. */
  accept: string[]
  maxBytes: number
  maxFiles: number
}

export interface DisplayItem extends ItemBase {
  type: 'display'
}

export interface GroupItem extends ItemBase {
  type: 'group'
  items: FormItem[]
  /** A repeating group answers a list, one entry per repeat (e.g. per medication). */
  repeat?: { min?: number; max?: number }
}

export type FormField =
  | TextField
  | NumberField
  | DateField
  | ChoiceField
  | MultiChoiceField
  | SimpleField
  | FileField
export type FormItem = FormField | DisplayItem | GroupItem

export interface FormDefinition {
  title: string
  description?: string
  items: FormItem[]
}

export type AnswerScalar = string | number | boolean

export interface AddressAnswer {
  line1: string
  line2?: string
  postalCode: string
  city: string
  /** ISO 3166-1 alpha-2. */
  country: string
}

/** A file already uploaded for this response: the answer names it, the upload was checked on arrival. */
export interface FileAnswer {
  fileId: string
  contentType: string
  bytes: number
}

export interface SignatureAnswer {
  /** A PNG of the drawn signature, as a data URL. */
  image: string
}

export type AnswerValue =
  | AnswerScalar
  | string[]
  | AddressAnswer
  | SignatureAnswer
  | FileAnswer[]
  | Answers
  | Answers[]

export interface Answers {
  [id: string]: AnswerValue
}
