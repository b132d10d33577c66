// Zod schemas for the R4 shape rules that matter to an EHR taking our Questionnaire and
// QuestionnaireResponse (value sets, linkIds, que-1…12, qrs-1/2, answer[x]). Loose objects: other R4
// elements may be present, and are not judged here.
import * as z from 'zod'
import type {
  Attachment,
  Coding,
  Extension,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseAnswer,
  QuestionnaireResponseItem,
} from './fhir.js'

// R4 primitive types, by their published regular expressions.
const FhirString = z.string().regex(/^[ \r\n\t\S]+$/, 'FHIR strings are never empty')
const Code = z.string().regex(/^[^\s]+( [^\s]+)*$/, 'A code has no leading, trailing or double spaces')
const Uri = z.string().regex(/^\S+$/, 'A URI has no whitespace')
const FhirInteger = z.number().int().min(-2147483648).max(2147483647)
const UnsignedInt = FhirInteger.min(0)
const FhirDate = z
  .string()
  .regex(
    /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?$/,
  )
const FhirDateTime = z
  .string()
  .regex(
    /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$/,
  )
const Base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64, without a data: prefix')
  .refine((value) => value.length % 4 === 0, 'base64 comes in blocks of four')

/** The `<prefix>X` keys of an element that chooses one type of value (value[x], answer[x]). */
function choiceKeys(element: object, prefix: string): string[] {
  return Object.keys(element).filter(
    (key) => key.startsWith(prefix) && /^[A-Z]/.test(key.slice(prefix.length)),
  )
}

/** Refuses a choice element with an unknown `<prefix>X`, or with more (or fewer) values than allowed. */
function oneOf(prefix: string, allowed: string[], least: 0 | 1) {
  return (element: object, ctx: z.RefinementCtx) => {
    const keys = choiceKeys(element, prefix)
    for (const key of keys) {
      if (!allowed.includes(key))
        ctx.addIssue({ code: 'custom', path: [key], message: `Not an R4 ${prefix}[x]` })
    }
    if (keys.length > 1 || keys.length < least)
      ctx.addIssue({ code: 'custom', message: `Exactly ${least ? 'one' : 'at most one'} ${prefix}[x]` })
  }
}

const CodingSchema: z.ZodType<Coding> = z.looseObject({
  system: Uri.optional(),
  version: FhirString.optional(),
  code: Code.optional(),
  display: FhirString.optional(),
})

const AttachmentSchema: z.ZodType<Attachment> = z
  .looseObject({
    contentType: Code.optional(),
    data: Base64.optional(),
    url: Uri.optional(),
    size: UnsignedInt.optional(),
    title: FhirString.optional(),
  })
  .refine((attachment) => attachment.data === undefined || attachment.contentType !== undefined, {
    message: 'An attachment with data has a contentType (att-1)',
  })

const ExtensionSchema: z.ZodType<Extension> = z.lazy(() =>
  z
    .looseObject({ url: Uri, extension: z.array(ExtensionSchema).min(1).optional() })
    .superRefine((extension, ctx) => {
      const values = choiceKeys(extension, 'value').length
      if (values > 1) ctx.addIssue({ code: 'custom', message: 'At most one value[x]' })
      if ((values === 1) === (extension.extension !== undefined))
        ctx.addIssue({ code: 'custom', message: 'A value or sub-extensions, not both (ext-1)' })
    }),
)
const Extensions = z.array(ExtensionSchema).min(1).optional()

const ANSWER_TYPES = ['Boolean', 'Decimal', 'Integer', 'Date', 'DateTime', 'Time', 'String', 'Coding']
const EnableWhen = z
  .looseObject({
    question: FhirString,
    operator: z.enum(['exists', '=', '!=', '>', '<', '>=', '<=']),
    answerBoolean: z.boolean().optional(),
    answerDecimal: z.number().optional(),
    answerInteger: FhirInteger.optional(),
    answerDate: FhirDate.optional(),
    answerDateTime: FhirDateTime.optional(),
    answerString: FhirString.optional(),
    answerCoding: CodingSchema.optional(),
  })
  .superRefine(
    oneOf(
      'answer',
      [...ANSWER_TYPES, 'Quantity', 'Reference'].map((type) => `answer${type}`),
      1,
    ),
  )
  .refine((entry) => entry.operator !== 'exists' || typeof entry.answerBoolean === 'boolean', {
    message: "An 'exists' test answers with a boolean (que-7)",
  })

const AnswerOption = z
  .looseObject({
    valueInteger: FhirInteger.optional(),
    valueDate: FhirDate.optional(),
    valueString: FhirString.optional(),
    valueCoding: CodingSchema.optional(),
    initialSelected: z.boolean().optional(),
  })
  .superRefine(oneOf('value', ['valueInteger', 'valueDate', 'valueTime', 'valueString', 'valueCoding'], 1))

const ITEM_TYPES = [
  'group',
  'display',
  'boolean',
  'decimal',
  'integer',
  'date',
  'dateTime',
  'time',
  'string',
  'text',
  'url',
  'choice',
  'open-choice',
  'attachment',
  'reference',
  'quantity',
] as const
const WITH_OPTIONS = ['choice', 'open-choice', 'decimal', 'integer', 'date', 'time', 'string', 'quantity']
const WITH_MAX_LENGTH = ['boolean', 'decimal', 'integer', 'string', 'text', 'url', 'open-choice']

const ItemSchema: z.ZodType<QuestionnaireItem> = z.lazy(() =>
  z
    .looseObject({
      linkId: FhirString,
      text: FhirString.optional(),
      type: z.enum(ITEM_TYPES),
      extension: Extensions,
      required: z.boolean().optional(),
      repeats: z.boolean().optional(),
      readOnly: z.boolean().optional(),
      maxLength: FhirInteger.optional(),
      enableWhen: z.array(EnableWhen).min(1).optional(),
      enableBehavior: z.enum(['all', 'any']).optional(),
      answerValueSet: Uri.optional(),
      answerOption: z.array(AnswerOption).min(1).optional(),
      item: z.array(ItemSchema).min(1).optional(),
    })
    .superRefine((item, ctx) => {
      const rule = (broken: boolean, message: string) => {
        if (broken) ctx.addIssue({ code: 'custom', message })
      }
      rule(item.type === 'group' && !item.item, 'A group holds items (que-1)')
      rule(item.type === 'display' && !!item.item, 'A display item holds no items (que-1)')
      rule(item.type === 'display' && 'code' in item, 'A display item has no code (que-3)')
      rule(!!item.answerOption && !!item.answerValueSet, 'answerOption or answerValueSet, not both (que-4)')
      rule(
        !WITH_OPTIONS.includes(item.type) && !!(item.answerOption || item.answerValueSet),
        `A ${item.type} item offers no answers (que-5)`,
      )
      rule(
        item.type === 'display' && (item.required !== undefined || item.repeats !== undefined),
        'A display item is neither required nor repeating (que-6)',
      )
      rule((item.type === 'group' || item.type === 'display') && 'initial' in item, 'No initial here (que-8)')
      rule(item.type === 'display' && item.readOnly !== undefined, 'A display item is not readOnly (que-9)')
      rule(
        item.maxLength !== undefined && !WITH_MAX_LENGTH.includes(item.type),
        `A ${item.type} item has no maxLength (que-10)`,
      )
      rule(
        (item.enableWhen?.length ?? 0) > 1 && !item.enableBehavior,
        'Several enableWhen need enableBehavior (que-12)',
      )
    }),
)

export const FhirQuestionnaire: z.ZodType<Questionnaire> = z
  .looseObject({
    resourceType: z.literal('Questionnaire'),
    id: z.string().optional(),
    url: Uri.optional(),
    version: FhirString.optional(),
    name: FhirString.optional(),
    title: FhirString.optional(),
    status: z.enum(['draft', 'active', 'retired', 'unknown']),
    description: FhirString.optional(),
    extension: Extensions,
    item: z.array(ItemSchema).min(1).optional(),
  })
  .superRefine((questionnaire, ctx) => {
    // que-2: a response names its question by linkId alone, across the whole Questionnaire.
    const seen = new Set<string>()
    const visit = (items: QuestionnaireItem[] | undefined) => {
      for (const item of items ?? []) {
        if (seen.has(item.linkId))
          ctx.addIssue({ code: 'custom', message: `linkId "${item.linkId}" is used twice (que-2)` })
        seen.add(item.linkId)
        visit(item.item)
      }
    }
    visit(questionnaire.item)
  })

const VALUE_TYPES = [...ANSWER_TYPES, 'Uri', 'Attachment', 'Quantity', 'Reference'].map(
  (type) => `value${type}`,
)

const ResponseAnswer: z.ZodType<QuestionnaireResponseAnswer> = z.lazy(() =>
  z
    .looseObject({
      valueBoolean: z.boolean().optional(),
      valueDecimal: z.number().optional(),
      valueInteger: FhirInteger.optional(),
      valueDate: FhirDate.optional(),
      valueDateTime: FhirDateTime.optional(),
      valueString: FhirString.optional(),
      valueUri: Uri.optional(),
      valueAttachment: AttachmentSchema.optional(),
      valueCoding: CodingSchema.optional(),
      extension: Extensions,
      item: ResponseItems.optional(),
    })
    .superRefine(oneOf('value', VALUE_TYPES, 0)),
)

const ResponseItem: z.ZodType<QuestionnaireResponseItem> = z.lazy(() =>
  z
    .looseObject({
      linkId: FhirString,
      text: FhirString.optional(),
      answer: z.array(ResponseAnswer).min(1).optional(),
      item: ResponseItems.optional(),
    })
    .refine((item) => !(item.answer && item.item), {
      message: 'Nested items go under the item or under its answers, not both (qrs-1)',
    }),
)

/** qrs-2: a question answers once, with every answer in one item; only groups repeat as siblings. */
const ResponseItems: z.ZodType<QuestionnaireResponseItem[]> = z.lazy(() =>
  z
    .array(ResponseItem)
    .min(1)
    .superRefine((items, ctx) => {
      const answered = items.filter((item) => item.answer).map((item) => item.linkId)
      for (const linkId of new Set(answered)) {
        if (answered.indexOf(linkId) !== answered.lastIndexOf(linkId))
          ctx.addIssue({ code: 'custom', message: `"${linkId}" is answered in two items (qrs-2)` })
      }
    }),
)

export const FhirQuestionnaireResponse: z.ZodType<QuestionnaireResponse> = z.looseObject({
  resourceType: z.literal('QuestionnaireResponse'),
  id: z.string().optional(),
  questionnaire: Uri.optional(),
  status: z.enum(['in-progress', 'completed', 'amended', 'entered-in-error', 'stopped']),
  authored: FhirDateTime.optional(),
  item: ResponseItems.optional(),
})
