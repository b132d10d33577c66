// custom-elements.json, as `npm run build` writes it, tells an editor each element's tag, attributes,
// events and parts, and says what the templates and styles really have.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const widgets = fileURLToPath(new URL('..', import.meta.url))
const cem = createRequire(import.meta.url).resolve('@custom-elements-manifest/analyzer/cem.js')

interface Named {
  name: string
  description?: string
  type?: { text: string }
  default?: string
}
interface ElementDoc {
  name: string
  tagName: string
  customElement: true
  attributes: (Named & { fieldName: string })[]
  members: (Named & { attribute?: string })[]
  events: Named[]
  cssParts: Named[]
  cssProperties: Named[]
}

const SHARED = ['api-base', 'isolated', 'locale', 'publishable-key', 'theme']

const expected = {
  'frontdesk-booking': {
    file: 'src/booking/frontdesk-booking.ts',
    attributes: [
      ...SHARED,
      'service',
      'practitioner',
      'location',
      'prefill-name',
      'prefill-email',
      'prefill-phone',
      'intake-form',
      'intake-form-minor',
      'intake-resume-url',
      'consent-documents',
    ],
    events: ['frontdesk-ready', 'frontdesk-step', 'frontdesk-booking-confirmed'],
  },
  'frontdesk-intake': {
    file: 'src/intake/frontdesk-intake.ts',
    attributes: [...SHARED, 'form', 'visit-token', 'resume-token', 'draft', 'resume-url'],
    events: [
      'frontdesk-ready',
      'frontdesk-intake-step',
      'frontdesk-intake-saved',
      'frontdesk-intake-submitted',
    ],
  },
  'frontdesk-consent': {
    file: 'src/consent/frontdesk-consent.ts',
    attributes: [...SHARED, 'documents', 'visit-token', 'resume-token', 'signer'],
    events: ['frontdesk-ready', 'frontdesk-consent-recorded'],
  },
  'frontdesk-rights-request': {
    file: 'src/rights/frontdesk-rights-request.ts',
    attributes: SHARED,
    events: ['frontdesk-ready', 'frontdesk-rights-request-sent'],
  },
}

const sorted = (names: string[]) => [...names].sort()
const namesOf = (items: Named[] | undefined) => sorted((items ?? []).map((item) => item.name))

/** The `part="…"` names in an element's file and every file it imports, but other elements' own. */
async function renderedParts(file: string, seen = new Set<string>()): Promise<Set<string>> {
  const parts = new Set<string>()
  if (seen.has(file)) return parts
  seen.add(file)
  const source = await readFile(file, 'utf8')
  for (const [, names] of source.matchAll(/\bpart="([^"]+)"/g)) {
    for (const name of names!.split(/\s+/)) parts.add(name)
  }
  for (const [, path] of source.matchAll(/^import (?!type\b)[^']*?'(\.[^']+)\.js'/gm)) {
    const imported = resolve(dirname(file), `${path}.ts`)
    if (basename(imported).startsWith('frontdesk-')) continue
    for (const part of await renderedParts(imported, seen)) parts.add(part)
  }
  return parts
}

let outdir: string
let elements: Map<string, ElementDoc>

beforeAll(async () => {
  outdir = await mkdtemp(join(tmpdir(), 'frontdesk-manifest-'))
  // The build's own command, written elsewhere so the package's copy is left as it is.
  const args = [cem, 'analyze', '--litelement', '--outdir', relative(widgets, outdir)]
  await promisify(execFile)(process.execPath, args, { cwd: widgets })
  const manifest = JSON.parse(await readFile(join(outdir, 'custom-elements.json'), 'utf8'))
  const declarations: ElementDoc[] = manifest.modules.flatMap(
    (module: { declarations?: ElementDoc[] }) => module.declarations ?? [],
  )
  elements = new Map(declarations.filter((d) => d.customElement && d.tagName).map((d) => [d.tagName, d]))
}, 60_000)

afterAll(async () => {
  if (outdir) await rm(outdir, { recursive: true, force: true })
})

describe('custom-elements.json', () => {
  it('declares the four elements by their tags', () => {
    expect(sorted([...elements.keys()])).toEqual(sorted(Object.keys(expected)))
    expect(elements.get('frontdesk-booking')?.name).toBe('FrontdeskBooking')
  })

  for (const [tag, element] of Object.entries(expected)) {
    describe(`<${tag}>`, () => {
      const doc = () => elements.get(tag)!

      it('lists the attributes a page sets, each described, and none of its internal state', () => {
        expect(namesOf(doc().attributes)).toEqual(sorted(element.attributes))
        for (const attribute of doc().attributes) expect(attribute.description, attribute.name).toBeTruthy()
        // Each attribute is also a property of the same type, for frameworks that set properties.
        expect(sorted(doc().members.map((member) => member.attribute ?? ''))).toEqual(
          sorted(element.attributes),
        )
      })

      it('lists the events it sends, by name, with their class and what their detail carries', () => {
        expect(namesOf(doc().events)).toEqual(sorted(element.events))
        for (const event of doc().events) {
          expect(event.type?.text, event.name).toMatch(/^Frontdesk\w+Event$/)
          expect(event.description, event.name).toContain('detail: {')
        }
      })

      it('documents exactly the CSS parts its templates render', async () => {
        const rendered = await renderedParts(join(widgets, element.file))
        expect(namesOf(doc().cssParts)).toEqual(sorted([...rendered]))
        for (const part of doc().cssParts) expect(part.description, part.name).toBeTruthy()
      })
    })
  }

  it('documents every --frontdesk-* token the styles read, on every element, with its default', async () => {
    const styles = await readFile(join(widgets, 'src/styles.ts'), 'utf8')
    const tokens = new Set([...styles.matchAll(/var\((--frontdesk-[\w-]+),/g)].map((match) => match[1]!))
    for (const [tag, doc] of elements) {
      expect(namesOf(doc.cssProperties), tag).toEqual(sorted([...tokens]))
      for (const property of doc.cssProperties) expect(property.default, property.name).toBeTruthy()
    }
  })

  it('is named by package.json and shipped with the package', async () => {
    const pkg = JSON.parse(await readFile(join(widgets, 'package.json'), 'utf8'))
    expect(pkg.customElements).toBe('custom-elements.json')
    expect(pkg.files).toContain('custom-elements.json')
    expect(pkg.scripts.build).toContain('cem analyze --litelement')
  })
})
