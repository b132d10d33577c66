// The intake's signature question over the shared signature field: one field per answer path, its
// picture (drawn, or the typed name lettered) being the answer.
import type { SimpleField } from '@frontdesk/contracts/intake'
import { renderSignatureField, SignatureField } from '../signature/signature-field.js'
import type { FieldAria } from './fields.js'
import { domId } from './form-model.js'
import type { FrontdeskIntake } from './frontdesk-intake.js'

/** The signature fields of a form by path, each writing the answer at its own path. */
export class SignatureFields {
  #fields = new Map<string, SignatureField>()

  constructor(private readonly changed: (path: string, image: string | undefined) => void) {}

  at(path: string): SignatureField {
    let field = this.#fields.get(path)
    if (!field) {
      field = new SignatureField((changed) => this.changed(path, changed.image), true)
      this.#fields.set(path, field)
    }
    return field
  }

  /** Forgets the fields under a path (entries of a repeat that moved): they are made again from the answers. */
  forget(prefix: string): void {
    for (const path of this.#fields.keys()) if (path.startsWith(prefix)) this.#fields.delete(path)
  }
}

export function renderSignature(host: FrontdeskIntake, question: SimpleField, path: string, aria: FieldAria) {
  const m = host.messages.signature
  return renderSignatureField(host.signatures.at(path), {
    id: domId(path),
    key: path,
    labels: { ...m, typedName: m.yourName },
    required: question.required ?? false,
    invalid: aria.invalid,
    describedBy: aria.describedBy,
    focusLater: (target) => host.focusLater(target),
    byId: (id) => host.byId(id),
  })
}
