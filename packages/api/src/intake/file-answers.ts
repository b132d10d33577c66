// Where a form's file fields are, and which uploaded files an answer set names: the server checks every
// named file was uploaded into this response for that very field before it stores or accepts answers.
import type { Answers, FileAnswer, FileField, FormItem } from '@frontdesk/contracts'

/** The file field at `a.b.c` (item ids through groups, repeats included, no index), or null. */
export function fileFieldAt(items: FormItem[], dotted: string): FileField | null {
  const [head, ...rest] = dotted.split('.')
  const item = items.find((candidate) => candidate.id === head)
  if (!item) return null
  if (item.type === 'group') return rest.length ? fileFieldAt(item.items, rest.join('.')) : null
  return item.type === 'file' && rest.length === 0 ? item : null
}

export interface FileAnswerAt {
  /** Where the answer sits, as the validator names paths: `insurance.card`, `medications[1].photo`. */
  path: string
  /** The field, as uploads name it: `insurance.card`, `medications.photo`. */
  field: string
  files: FileAnswer[]
}

/** Every file answer in a set of answers the validator has kept. */
export function fileAnswers(items: FormItem[], answers: Answers): FileAnswerAt[] {
  const found: FileAnswerAt[] = []
  const visit = (scope: FormItem[], values: Answers, path: string, field: string) => {
    for (const item of scope) {
      const value = values[item.id]
      if (value === undefined) continue
      const at = path ? `${path}.${item.id}` : item.id
      const name = field ? `${field}.${item.id}` : item.id
      if (item.type === 'file') found.push({ path: at, field: name, files: value as FileAnswer[] })
      else if (item.type === 'group' && item.repeat) {
        for (const [index, entry] of (value as Answers[]).entries())
          visit(item.items, entry, `${at}[${index}]`, name)
      } else if (item.type === 'group') visit(item.items, value as Answers, at, name)
    }
  }
  visit(items, answers, '', '')
  return found
}
