// What a validator issue says to the patient: the code's sentence in their language, with the
// question's own limit written in (at most 200 characters, 10 MB, on or before 1 March 2026).
import { type FormItem, type IntakeIssueCode, LONG_TEXT_MAX, TEXT_MAX } from '@frontdesk/contracts/intake'
import type { IntakeMessages } from '../i18n/index.js'

export function issueText(
  m: IntakeMessages,
  code: string,
  item: FormItem | undefined,
  locale: string,
): string {
  const sentence = m.issues[code as IntakeIssueCode] ?? m.issues.wrongType
  const limit = item ? limitOf(code, item, m, locale) : undefined
  return limit === undefined ? sentence : sentence.replace('{n}', limit)
}

function limitOf(code: string, item: FormItem, m: IntakeMessages, locale: string): string | undefined {
  const number = (n: number | undefined) => (n === undefined ? undefined : n.toLocaleString(locale))
  const date = (bound: string | undefined) =>
    bound === 'today' ? m.today : bound && dateLabel(bound, locale)
  switch (item.type) {
    case 'text':
    case 'longText':
      if (code === 'tooShort') return number(item.minLength)
      return number(item.maxLength ?? (item.type === 'text' ? TEXT_MAX : LONG_TEXT_MAX))
    case 'number':
      return number(code === 'tooSmall' ? item.min : item.max)
    case 'date':
      return date(code === 'tooEarly' ? item.min : item.max)
    case 'multiChoice':
      return number(code === 'tooFewSelected' ? item.minSelected : item.maxSelected)
    case 'file':
      if (code === 'fileTooLarge') return byteSize(item.maxBytes, locale)
      if (code === 'fileTypeNotAccepted') return kindList(item.accept, m, locale)
      return number(item.maxFiles)
    case 'group':
      return number(code === 'tooFewEntries' ? item.repeat?.min : (item.repeat?.max ?? 50))
    default:
      return undefined
  }
}

/** `1.2 MB`, `120 kB`, in the patient's number format; counted in 1024s, as forms set their limits. */
export function byteSize(bytes: number, locale: string): string {
  const mega = bytes >= 1024 * 1024
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: mega ? 'megabyte' : 'kilobyte',
    maximumFractionDigits: mega ? 1 : 0,
  }).format(mega ? bytes / (1024 * 1024) : Math.max(1, bytes / 1024))
}

/** What kind of file a type is, in words: `Image`, `PDF`, or the subtype in capitals (`PNG`). */
export function fileKind(contentType: string, m: IntakeMessages, exact = false): string {
  const [family, subtype = ''] = contentType.toLowerCase().split('/')
  if (subtype === 'pdf') return m.files.kind.pdf
  if (exact && subtype && subtype !== '*') return subtype.replace(/^x-/, '').toUpperCase()
  return family === 'image' ? m.files.kind.image : m.files.kind.other
}

function kindList(accept: string[], m: IntakeMessages, locale: string): string {
  const kinds = [...new Set(accept.map((type) => fileKind(type, m, true)))]
  return new Intl.ListFormat(locale, { type: 'disjunction' }).format(kinds)
}

function dateLabel(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'long' }).format(
    Date.parse(`${date}T00:00:00Z`),
  )
}
