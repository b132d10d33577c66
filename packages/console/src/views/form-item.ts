// The form editor's markup for one item and its settings (kind by kind), its condition, its place among
// its siblings, and the control that adds another. Plain functions over the editor's state and actions.
import type { Condition, FormDefinition, FormItem } from '@frontdesk/contracts/intake'
import { html, nothing, type TemplateResult } from 'lit'
import {
  type DraftProblem,
  fieldsInReach,
  ITEM_KINDS,
  type ItemKind,
  type ItemPath,
  itemAt,
  pathKey,
} from '../form-draft.js'
import type { formsWords } from '../forms-words.js'

export interface ItemEditorHost {
  readonly draft: FormDefinition
  readonly words: typeof formsWords.en
  /** Problems to show beside an item's settings (after the first check). */
  problemsAt(item: string): DraftProblem[]
  change(path: ItemPath, patch: Record<string, unknown>): void
  condition(path: ItemPath, condition: Condition | undefined): void
  repeat(path: ItemPath, repeat: { min?: number; max?: number } | undefined): void
  move(path: ItemPath, delta: -1 | 1): void
  removeAt(path: ItemPath): void
  add(parent: ItemPath, kind: ItemKind): void
}

const domKey = (path: ItemPath) => `item-${pathKey(path).replaceAll('.', '-') || 'form'}`
const value = (event: Event) => (event.target as HTMLInputElement).value
const checked = (event: Event) => (event.target as HTMLInputElement).checked
/** An empty number input leaves the setting out. */
const number = (event: Event) => {
  const text = value(event).trim()
  return text === '' || Number.isNaN(Number(text)) ? undefined : Number(text)
}

export function renderItemList(host: ItemEditorHost, items: FormItem[], parent: ItemPath): TemplateResult {
  return html`${items.map((item, index) => renderItem(host, item, [...parent, index], items.length))}
    ${renderAdd(host, parent)}`
}

function renderItem(host: ItemEditorHost, item: FormItem, path: ItemPath, siblings: number): TemplateResult {
  const w = host.words
  const id = domKey(path)
  const index = path.at(-1) ?? 0
  const problems = host.problemsAt(pathKey(path))
  const label = item.label || item.id
  const input = (setting: string, text: string, control: TemplateResult) => html`<div class="field">
      <label for="${id}-${setting}">${text}</label>${control}${issues(problems, setting, `${id}-${setting}`)}
    </div>`
  return html`<fieldset id=${id} data-item=${item.id}>
    <legend>${w.itemHeading(w.kinds[item.type], label)}</legend>
    ${issues(problems, '', `${id}-whole`)}
    <div class="grid">
      ${input(
        'label',
        item.type === 'group' ? w.groupLabel : w.label,
        html`<input id="${id}-label" .value=${item.label} aria-describedby="${id}-label-issue"
          @input=${(event: Event) => host.change(path, { label: value(event) })} />`,
      )}
      ${input(
        'id',
        w.id,
        html`<input id="${id}-id" class="mono" .value=${item.id} aria-describedby="${id}-id-hint ${id}-id-issue"
          @input=${(event: Event) => host.change(path, { id: value(event).trim() })} />
          <p class="hint" id="${id}-id-hint">${w.idHint}</p>`,
      )}
    </div>
    ${input(
      'help',
      w.help,
      html`<input id="${id}-help" .value=${item.help ?? ''}
        @input=${(event: Event) => host.change(path, { help: value(event) || undefined })} />`,
    )}
    ${
      item.type === 'group' || item.type === 'display'
        ? nothing
        : html`<label class="check"><input type="checkbox" .checked=${item.required === true}
            @change=${(event: Event) => host.change(path, { required: checked(event) || undefined })} />${w.required}</label>`
    }
    ${renderSettings(host, item, path, input)}
    ${renderCondition(host, item, path, problems)}
    <div class="row">
      <button type="button" id="${id}-up" ?disabled=${index === 0} aria-label=${w.moveUp(label)}
        @click=${() => host.move(path, -1)}>${w.up}</button>
      <button type="button" id="${id}-down" ?disabled=${index === siblings - 1} aria-label=${w.moveDown(label)}
        @click=${() => host.move(path, 1)}>${w.down}</button>
      <button type="button" class="danger" aria-label=${w.removeItem(label)}
        @click=${() => host.removeAt(path)}>${w.remove}</button>
    </div>
    ${item.type === 'group' ? renderItemList(host, item.items, path) : nothing}
  </fieldset>`
}

type Input = (setting: string, text: string, control: TemplateResult) => TemplateResult

/** What only this kind of item has. */
function renderSettings(host: ItemEditorHost, item: FormItem, path: ItemPath, input: Input) {
  const w = host.words
  const id = domKey(path)
  const numberInput = (setting: string, text: string, current: number | undefined, step = 'any') =>
    input(
      setting,
      text,
      html`<input id="${id}-${setting}" type="number" step=${step} .value=${current === undefined ? '' : String(current)}
        @input=${(event: Event) => host.change(path, { [setting]: number(event) })} />`,
    )
  switch (item.type) {
    case 'text':
    case 'longText':
      return html`<div class="grid">${numberInput('minLength', w.minLength, item.minLength, '1')}
        ${numberInput('maxLength', w.maxLength, item.maxLength, '1')}</div>`
    case 'number':
      return html`<div class="grid">${numberInput('min', w.min, item.min)}${numberInput('max', w.max, item.max)}</div>
        <label class="check"><input type="checkbox" .checked=${item.integer === true}
          @change=${(event: Event) => host.change(path, { integer: checked(event) || undefined })} />${w.integer}</label>`
    case 'date': {
      const limit = (setting: 'min' | 'max', text: string) =>
        input(
          setting,
          text,
          html`<input id="${id}-${setting}" .value=${item[setting] ?? ''}
            @input=${(event: Event) => host.change(path, { [setting]: value(event).trim() || undefined })} />`,
        )
      return html`<div class="grid">${limit('min', w.earliest)}${limit('max', w.latest)}</div>`
    }
    case 'choice':
    case 'multiChoice':
      return input(
        'options',
        w.options,
        html`<textarea id="${id}-options" rows="4" .value=${item.options.map((option) => option.label).join('\n')}
          @input=${(event: Event) => host.change(path, { options: optionsOf(value(event)) })}></textarea>`,
      )
    case 'file':
      return html`${input(
        'accept',
        w.accept,
        html`<input id="${id}-accept" .value=${item.accept.join(', ')}
          @input=${(event: Event) =>
            host.change(path, {
              accept: value(event)
                .split(',')
                .map((type) => type.trim())
                .filter(Boolean),
            })} />`,
      )}
        <div class="grid">
          ${input(
            'maxBytes',
            w.maxMegabytes,
            html`<input id="${id}-maxBytes" type="number" min="1" max="20" step="any"
              .value=${String(item.maxBytes / 1_048_576)}
              @input=${(event: Event) => host.change(path, { maxBytes: Math.round((number(event) ?? 0) * 1_048_576) })} />`,
          )}
          ${numberInput('maxFiles', w.maxFiles, item.maxFiles, '1')}
        </div>`
    case 'group':
      return html`<label class="check"><input type="checkbox" id="${id}-repeats" .checked=${item.repeat !== undefined}
          @change=${(event: Event) => host.repeat(path, checked(event) ? {} : undefined)} />${w.repeats}</label>
        ${
          item.repeat
            ? html`<div class="grid">
                ${input(
                  'repeat',
                  w.repeatMin,
                  html`<input id="${id}-repeat" type="number" min="0" step="1" .value=${String(item.repeat.min ?? '')}
                    @input=${(event: Event) => host.repeat(path, { ...item.repeat, min: number(event) })} />`,
                )}
                <div class="field"><label for="${id}-repeat-max">${w.repeatMax}</label>
                  <input id="${id}-repeat-max" type="number" min="1" step="1" .value=${String(item.repeat.max ?? '')}
                    @input=${(event: Event) => host.repeat(path, { ...item.repeat, max: number(event) })} /></div>
              </div>`
            : nothing
        }`
    default:
      return nothing
  }
}

/** One option per line; the line is both what is stored and what the patient reads. */
function optionsOf(text: string) {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => ({ value: line.slice(0, 100), label: line }))
}

type Op = 'equals' | 'notEquals' | 'answered' | 'unanswered'

function renderCondition(host: ItemEditorHost, item: FormItem, path: ItemPath, problems: DraftProblem[]) {
  const w = host.words
  const id = domKey(path)
  const reach = fieldsInReach(host.draft, path)
  const current = item.showWhen
  if (current && !('field' in current)) return html`<p class="hint">${w.complexCondition}</p>`
  if (!current && reach.length === 0) return nothing
  const source = current && reach.find((field) => field.id === current.field)
  const op: Op = !current
    ? 'equals'
    : 'answered' in current
      ? current.answered
        ? 'answered'
        : 'unanswered'
      : 'notEquals' in current
        ? 'notEquals'
        : 'equals'
  const raw =
    current && ('equals' in current ? current.equals : 'notEquals' in current ? current.notEquals : '')
  const build = (field: string, nextOp: Op, nextValue: unknown): Condition | undefined => {
    if (!field) return undefined
    if (nextOp === 'answered' || nextOp === 'unanswered') return { field, answered: nextOp === 'answered' }
    const target = reach.find((candidate) => candidate.id === field)
    const typed =
      target?.type === 'yesNo'
        ? nextValue === true || nextValue === 'true'
        : target?.type === 'number'
          ? Number(nextValue)
          : String(nextValue ?? '')
    return nextOp === 'notEquals' ? { field, notEquals: typed } : { field, equals: typed }
  }
  const firstValue = (field: string): unknown => {
    const target = reach.find((candidate) => candidate.id === field)
    if (target?.type === 'yesNo') return true
    if (target?.type === 'choice' || target?.type === 'multiChoice') return target.options[0]?.value ?? ''
    return ''
  }
  const fieldId = current?.field ?? ''
  return html`<fieldset>
    <legend>${w.condition}</legend>
    <div class="grid">
      <div class="field">
        <label for="${id}-when">${w.conditionField}</label>
        <select id="${id}-when" aria-describedby="${id}-showWhen-issue"
          @change=${(event: Event) => {
            const field = value(event)
            const nextOp = op === 'answered' || op === 'unanswered' ? op : 'equals'
            host.condition(path, build(field, nextOp, firstValue(field)))
          }}>
          <option value="" ?selected=${!current}>${w.always}</option>
          ${reach.map((field) => html`<option value=${field.id} ?selected=${field.id === fieldId}>${field.label} (${field.id})</option>`)}
        </select>
      </div>
      ${
        current
          ? html`<div class="field">
              <label for="${id}-op">${w.conditionOp}</label>
              <select id="${id}-op" @change=${(event: Event) => host.condition(path, build(fieldId, value(event) as Op, raw))}>
                ${(['equals', 'notEquals', 'answered', 'unanswered'] as const).map(
                  (name) => html`<option value=${name} ?selected=${name === op}>${w.ops[name]}</option>`,
                )}
              </select>
            </div>
            ${op === 'equals' || op === 'notEquals' ? renderConditionValue(host, id, source, raw, (next) => host.condition(path, build(fieldId, op, next))) : nothing}`
          : nothing
      }
    </div>
    ${issues(problems, 'showWhen', `${id}-showWhen`)}
  </fieldset>`
}

function renderConditionValue(
  host: ItemEditorHost,
  id: string,
  source: FormItem | undefined,
  current: unknown,
  set: (next: unknown) => void,
) {
  const w = host.words
  const label = html`<label for="${id}-value">${w.conditionValue}</label>`
  const options =
    source?.type === 'yesNo'
      ? [
          { value: 'true', label: w.yes },
          { value: 'false', label: w.no },
        ]
      : source?.type === 'choice' || source?.type === 'multiChoice'
        ? source.options
        : undefined
  if (options) {
    return html`<div class="field">${label}
      <select id="${id}-value" @change=${(event: Event) => set(value(event))}>
        ${options.map((option) => html`<option value=${option.value} ?selected=${String(current) === option.value}>${option.label}</option>`)}
      </select></div>`
  }
  return html`<div class="field">${label}
    <input id="${id}-value" .value=${current === undefined ? '' : String(current)}
      @input=${(event: Event) => set(value(event))} /></div>`
}

function renderAdd(host: ItemEditorHost, parent: ItemPath): TemplateResult {
  const w = host.words
  const id = `${domKey(parent)}-add`
  const add = (event: Event) => {
    const select = (event.currentTarget as HTMLElement).parentElement?.querySelector('select')
    host.add(parent, (select?.value ?? 'text') as ItemKind)
  }
  return html`<div class="row">
    <label for="${id}-kind">${w.kind}</label>
    <select id="${id}-kind">
      ${ITEM_KINDS.map((name) => html`<option value=${name}>${w.kinds[name]}</option>`)}
    </select>
    <button type="button" id=${id} @click=${add}>
      ${parent.length ? w.addTo(itemAt(host.draft, parent)?.label ?? '') : w.addToForm}
    </button>
  </div>`
}

function issues(problems: DraftProblem[], setting: string, id: string) {
  const here = problems.filter((problem) => problem.setting === setting)
  return html`<p class="issue" id="${id}-issue" ?hidden=${here.length === 0}>${here.map((problem) => problem.message).join(' ')}</p>`
}
