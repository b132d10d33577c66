// How `npm run build` writes custom-elements.json, the elements' API for editors and docs: the Lit
// analyzer reads the element classes and their JSDoc headers; two small plugins fit it to how they are written.

/** @typedef {import('@custom-elements-manifest/analyzer').Plugin} Plugin */

/** The element declarations in the manifest. */
function elementsOf(manifest) {
  return manifest.modules.flatMap((module) => module.declarations ?? []).filter((d) => d.customElement)
}

/**
 * Names the events the code dispatches. The analyzer finds `this.dispatchEvent(new FrontdeskStepEvent(…))`
 * but knows a name only when it is the first argument; ours is in the event class, `super('frontdesk-step',
 * …)`. Named, each is one entry with the JSDoc header's description, not a nameless second one.
 * @returns {Plugin}
 */
function eventNamesFromClasses() {
  /** Event class → event name. */
  const names = new Map()
  return {
    name: 'frontdesk-event-names',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return
      const init = node.members.find(ts.isConstructorDeclaration)
      const superCall = init?.body?.statements
        .map((statement) => ts.isExpressionStatement(statement) && statement.expression)
        .find(
          (call) => call && ts.isCallExpression(call) && call.expression.kind === ts.SyntaxKind.SuperKeyword,
        )
      const [type] = superCall?.arguments ?? []
      if (type && ts.isStringLiteral(type)) names.set(node.name.text, type.text)
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const element of elementsOf(customElementsManifest)) {
        const byName = new Map()
        for (const event of element.events ?? []) {
          const name = event.name || names.get(event.type?.text)
          byName.set(name, { ...byName.get(name), ...event, name })
        }
        element.events = [...byName.values()]
      }
    },
  }
}

/**
 * Keeps an element's API to what a page sets. Lit's internal state (`_step: { state: true }`) is read by
 * the analyzer as attributes, and the fields and methods the element's view files call are public in
 * TypeScript only so those files can reach them; neither is for a page.
 * @returns {Plugin}
 */
function pageApiOnly() {
  /** `Class.field` of every `state: true` entry in a class's `static properties`. */
  const state = new Set()
  return {
    name: 'frontdesk-page-api-only',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return
      const properties = node.members.find(
        (member) => ts.isPropertyDeclaration(member) && member.name.getText() === 'properties',
      )?.initializer
      if (!properties || !ts.isObjectLiteralExpression(properties)) return
      for (const entry of properties.properties) {
        if (!ts.isPropertyAssignment(entry) || !ts.isObjectLiteralExpression(entry.initializer)) continue
        const isState = entry.initializer.properties.some(
          (option) =>
            ts.isPropertyAssignment(option) &&
            option.name.getText() === 'state' &&
            option.initializer.kind === ts.SyntaxKind.TrueKeyword,
        )
        if (isState) state.add(`${node.name.text}.${entry.name.getText()}`)
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const element of elementsOf(customElementsManifest)) {
        const internal = (field) => state.has(`${element.name}.${field}`)
        element.attributes = element.attributes?.filter((attribute) => !internal(attribute.fieldName))
        element.members = element.members?.filter((member) => member.attribute && !internal(member.name))
      }
    },
  }
}

export default {
  // The elements, the class they share, their events, and the file that defines the tags.
  globs: ['src/index.ts', 'src/frontdesk-element.ts', 'src/*/frontdesk-*.ts', 'src/events/*.ts'],
  litelement: true,
  // package.json names the manifest already; left to the analyzer it would rewrite the file on every run.
  packagejson: false,
  plugins: [eventNamesFromClasses(), pageApiOnly()],
}
