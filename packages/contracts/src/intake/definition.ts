// The zod schema a clinic's intake form definition must pass before it is stored: the shapes of
// ./types.ts plus the rules between items (unique ids, conditions that name an earlier field in reach,
// sane limits), so the validator never meets a definition it cannot judge.
import * as z from 'zod'
import type { Condition, FormDefinition, FormItem } from './types.js'

export const MAX_FORM_ITEMS = 300
export const MAX_GROUP_DEPTH = 3
export const MAX_FILE_BYTES = 20 * 1024 * 1024
export const MAX_REPEATS = 50

const ItemId = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'Start with a letter; letters, digits and _ only, at most 64')
const Label = z.string().trim().min(1).max(500)
const Scalar = z.union([z.string().max(500), z.number(), z.boolean()])
const DateLimit = z.union([z.literal('today'), z.iso.date()])
const MimePattern = z
  .string()
  .regex(/^[a-z]+\/([a-z0-9.+-]+|\*)$/, 'A MIME type such as image/jpeg, or image/*')

// Named, so JSON Schema and OpenAPI generators refer to them instead of unrolling the recursion.
const ConditionSchema: z.ZodType<Condition> = z
  .lazy(() =>
    z.union([
      z.object({ field: ItemId, equals: Scalar }).strict(),
      z.object({ field: ItemId, notEquals: Scalar }).strict(),
      z.object({ field: ItemId, in: z.array(Scalar).min(1).max(100) }).strict(),
      z.object({ field: ItemId, includes: z.string().max(500) }).strict(),
      z.object({ field: ItemId, answered: z.boolean() }).strict(),
      z.object({ all: z.array(ConditionSchema).min(1).max(20) }).strict(),
      z.object({ any: z.array(ConditionSchema).min(1).max(20) }).strict(),
    ]),
  )
  .meta({ id: 'IntakeCondition' })

const base = {
  id: ItemId,
  label: Label,
  help: z.string().trim().max(2000).optional(),
  showWhen: ConditionSchema.optional(),
}
const field = { ...base, required: z.boolean().optional() }
const Options = z
  .array(z.object({ value: z.string().min(1).max(100), label: Label }).strict())
  .min(1)
  .max(100)
  .refine((options) => new Set(options.map((option) => option.value)).size === options.length, {
    message: 'Option values must differ',
  })

const ItemSchema: z.ZodType<FormItem> = z
  .lazy(() =>
    z.union([
      z
        .object({
          ...field,
          type: z.enum(['text', 'longText']),
          minLength: z.number().int().min(0).optional(),
          maxLength: z.number().int().min(1).max(5000).optional(),
        })
        .strict(),
      z
        .object({
          ...field,
          type: z.literal('number'),
          min: z.number().optional(),
          max: z.number().optional(),
          integer: z.boolean().optional(),
        })
        .strict(),
      z
        .object({ ...field, type: z.literal('date'), min: DateLimit.optional(), max: DateLimit.optional() })
        .strict(),
      z.object({ ...field, type: z.literal('choice'), options: Options }).strict(),
      z
        .object({
          ...field,
          type: z.literal('multiChoice'),
          options: Options,
          minSelected: z.number().int().min(0).optional(),
          maxSelected: z.number().int().min(1).optional(),
        })
        .strict(),
      z.object({ ...field, type: z.enum(['yesNo', 'email', 'phone', 'address', 'signature']) }).strict(),
      z
        .object({
          ...field,
          type: z.literal('file'),
          accept: z.array(MimePattern).min(1).max(20),
          maxBytes: z.number().int().min(1).max(MAX_FILE_BYTES),
          maxFiles: z.number().int().min(1).max(10),
        })
        .strict(),
      z.object({ ...base, type: z.literal('display') }).strict(),
      z
        .object({
          ...base,
          type: z.literal('group'),
          items: z.array(ItemSchema).min(1).max(MAX_FORM_ITEMS),
          repeat: z
            .object({
              min: z.number().int().min(0).max(MAX_REPEATS).optional(),
              max: z.number().int().min(1).max(MAX_REPEATS).optional(),
            })
            .strict()
            .optional(),
        })
        .strict(),
    ]),
  )
  .meta({ id: 'IntakeFormItem' })

export const IntakeFormDefinition = z
  .object({
    title: Label,
    description: z.string().trim().max(5000).optional(),
    items: z.array(ItemSchema).min(1).max(MAX_FORM_ITEMS),
  })
  .strict()
  .superRefine((form, ctx) => {
    for (const problem of definitionProblems(form)) ctx.addIssue({ code: 'custom', ...problem })
  }) as z.ZodType<FormDefinition>

interface Problem {
  path: (string | number)[]
  message: string
}

/** Rules between items that shapes alone cannot say. */
export function definitionProblems(form: FormDefinition): Problem[] {
  const problems: Problem[] = []
  let count = 0
  // Fields answerable so far, per scope, innermost first: a condition may name only these.
  const visit = (items: FormItem[], path: (string | number)[], reach: Set<string>[], depth: number) => {
    const here = new Set<string>()
    const scopes = [here, ...reach]
    const seen = new Set<string>()
    items.forEach((item, index) => {
      const at = [...path, index]
      count++
      if (seen.has(item.id))
        problems.push({ path: [...at, 'id'], message: `Another item here is also "${item.id}"` })
      seen.add(item.id)
      for (const name of conditionFields(item.showWhen)) {
        if (!scopes.some((scope) => scope.has(name))) {
          problems.push({
            path: [...at, 'showWhen'],
            message: `"${name}" is not a field asked before this one, here or in an enclosing group`,
          })
        }
      }
      problems.push(...limitProblems(item, at))
      if (item.type === 'group') {
        if (depth > MAX_GROUP_DEPTH)
          problems.push({ path: at, message: `Groups nest at most ${MAX_GROUP_DEPTH} deep` })
        // A plain group's fields stay in reach after it; a repeat's fields only inside the repeat.
        const inner = visit(item.items, [...at, 'items'], scopes, depth + 1)
        if (!item.repeat) for (const name of inner) here.add(name)
      } else if (item.type !== 'display') here.add(item.id)
    })
    return here
  }
  visit(form.items, ['items'], [], 1)
  if (count > MAX_FORM_ITEMS)
    problems.push({ path: ['items'], message: `At most ${MAX_FORM_ITEMS} items in a form` })
  return problems
}

function conditionFields(condition: Condition | undefined): string[] {
  if (!condition) return []
  if ('all' in condition) return condition.all.flatMap(conditionFields)
  if ('any' in condition) return condition.any.flatMap(conditionFields)
  return [condition.field]
}

function limitProblems(item: FormItem, at: (string | number)[]): Problem[] {
  const wrong = (message: string) => [{ path: at, message }]
  switch (item.type) {
    case 'text':
    case 'longText':
      return (item.minLength ?? 0) > (item.maxLength ?? Number.POSITIVE_INFINITY)
        ? wrong('minLength is above maxLength')
        : []
    case 'number':
      return item.min !== undefined && item.max !== undefined && item.min > item.max
        ? wrong('min is above max')
        : []
    case 'date':
      return item.min && item.max && item.min !== 'today' && item.max !== 'today' && item.min > item.max
        ? wrong('min is after max')
        : []
    case 'multiChoice': {
      const max = item.maxSelected ?? item.options.length
      return (item.minSelected ?? 0) > max || max > item.options.length
        ? wrong('minSelected and maxSelected must fit the options')
        : []
    }
    case 'group':
      return item.repeat && (item.repeat.min ?? 0) > (item.repeat.max ?? MAX_REPEATS)
        ? wrong('repeat.min is above repeat.max')
        : []
    default:
      return []
  }
}
