// A signature drawn on a canvas with signature_pad (finger, pen or mouse), and for anyone who cannot draw
// (keyboard, switch, screen reader) their name typed instead. Shared by the intake's signature question
// and <frontdesk-consent>; each element keeps one SignatureField per place a signature is asked for.
import { html, nothing } from 'lit'
import SignaturePad from 'signature_pad'

/** Every signature is sent at this size, whatever the screen it was drawn on: 3 to 1, like the box. */
export const PNG_WIDTH = 600
export const PNG_HEIGHT = 200
const INK = '#1d232b'

export interface SignatureLabels {
  /** The box's name for assistive technology; its state is added (", empty" / ", signed"). */
  pad: string
  drawHint: string
  typeInstead: string
  drawInstead: string
  /** The label of the typed name's input. */
  typedName: string
  /** The box's name while it shows the typed name (intake sends the typed name as a picture). */
  typed: string
  clear: string
  signed: string
  empty: string
}

export class SignatureField {
  typing = false
  typedName = ''
  /** The signature as a PNG data URL: drawn, painted back from an earlier answer, or the typed name lettered. */
  image: string | undefined
  #canvas: HTMLCanvasElement | undefined
  #pad: SignaturePad | undefined
  #resize: ResizeObserver | undefined
  /** A picture to paint once the canvas has its size. */
  #pending: string | undefined

  /**
   * @param changed called after every change, with the field to read `image` and `typedName` from.
   * @param letterTypedName set the typed name on the canvas and make it the image (intake answers are
   *   pictures); otherwise the typed name is sent as text and the canvas is not shown while typing.
   */
  constructor(
    private readonly changed: (field: SignatureField) => void,
    readonly letterTypedName: boolean,
  ) {}

  /** Binds the field to its canvas (a new one whenever it is shown again) and paints the picture kept. */
  attach(canvas: HTMLCanvasElement, image = this.image): void {
    if (canvas === this.#canvas) return
    this.#resize?.disconnect()
    this.#pad?.off()
    this.#canvas = canvas
    this.#pending = image
    this.image = image
    const pad = new SignaturePad(canvas, { penColor: INK, minWidth: 1, maxWidth: 3 })
    pad.addEventListener('endStroke', () => {
      this.image = exportPng(canvas)
      this.changed(this)
    })
    if (this.typing) pad.off()
    this.#pad = pad
    this.#fit()
    this.#resize = new ResizeObserver(() => this.#fit())
    this.#resize.observe(canvas)
  }

  /** Sizes the canvas to its box at the screen's pixel density, keeping what is on it. */
  #fit(): void {
    const canvas = this.#canvas
    const pad = this.#pad
    const box = canvas?.getBoundingClientRect()
    if (!canvas || !pad || !box?.width) return
    const ratio = Math.max(window.devicePixelRatio || 1, 1)
    const width = Math.round(box.width * ratio)
    const height = Math.round(box.height * ratio)
    if (canvas.width === width && canvas.height === height && !this.#pending) return
    const before = this.image && !this.#pending ? copyOf(canvas) : undefined
    canvas.width = width
    canvas.height = height
    canvas.getContext('2d')?.scale(ratio, ratio)
    pad.clear()
    if (this.#pending) void this.#paint(this.#pending)
    else if (before) drawOver(canvas, before)
    this.#pending = undefined
  }

  /** Paints a kept signature back, decoded here: a data: image would need the page's CSP to allow it. */
  async #paint(image: string): Promise<void> {
    const canvas = this.#canvas
    try {
      const bytes = Uint8Array.from(atob(image.slice(image.indexOf(',') + 1)), (c) => c.charCodeAt(0))
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }))
      if (canvas && canvas === this.#canvas) drawOver(canvas, bitmap)
      bitmap.close()
    } catch {
      // Not a picture we can read: the box stays empty and the patient signs again.
    }
  }

  /** The typed name; lettered on the canvas in a handwriting face when the image is what is sent. */
  type(name: string): void {
    this.typedName = name
    if (this.letterTypedName) this.image = this.#letter(name.trim())
    this.changed(this)
  }

  #letter(name: string): string | undefined {
    const canvas = this.#canvas
    const context = canvas?.getContext('2d')
    this.#pad?.clear()
    if (!canvas || !context || !name) return undefined
    context.save()
    // Drawn in the exported picture's own coordinates, whatever the box's size on screen.
    context.setTransform(canvas.width / PNG_WIDTH, 0, 0, canvas.height / PNG_HEIGHT, 0, 0)
    let size = 64
    const font = () => `italic ${size}px "Segoe Script", "Snell Roundhand", "Brush Script MT", cursive`
    context.font = font()
    while (size > 16 && context.measureText(name).width > PNG_WIDTH - 48) {
      size -= 4
      context.font = font()
    }
    context.fillStyle = INK
    context.textBaseline = 'middle'
    context.fillText(name, 24, PNG_HEIGHT / 2)
    context.restore()
    return exportPng(canvas)
  }

  clear(): void {
    this.typedName = ''
    this.image = undefined
    this.#pending = undefined
    this.#pad?.clear()
    this.changed(this)
  }

  switchMode(): void {
    this.typing = !this.typing
    if (this.typing) this.#pad?.off()
    else this.#pad?.on()
    this.clear()
  }
}

/** The canvas's picture at the one size every signature is sent in. */
function exportPng(canvas: HTMLCanvasElement): string {
  const out = document.createElement('canvas')
  out.width = PNG_WIDTH
  out.height = PNG_HEIGHT
  out.getContext('2d')?.drawImage(canvas, 0, 0, PNG_WIDTH, PNG_HEIGHT)
  return out.toDataURL('image/png')
}

function copyOf(canvas: HTMLCanvasElement): HTMLCanvasElement {
  const copy = document.createElement('canvas')
  copy.width = canvas.width
  copy.height = canvas.height
  copy.getContext('2d')?.drawImage(canvas, 0, 0)
  return copy
}

/** Draws a picture over the whole canvas, in its pixels rather than the pad's scaled coordinates. */
function drawOver(canvas: HTMLCanvasElement, picture: CanvasImageSource): void {
  const context = canvas.getContext('2d')
  if (!context) return
  context.save()
  context.setTransform(1, 0, 0, 1, 0, 0)
  context.drawImage(picture, 0, 0, canvas.width, canvas.height)
  context.restore()
}

export interface SignatureFieldView {
  /** The base of the field's element ids, unique in its shadow root. */
  id: string
  /** Set as `data-signature` on the canvas, for the element to find it and attach the field after render. */
  key: string
  labels: SignatureLabels
  required: boolean
  invalid: boolean
  describedBy: string | typeof nothing
  /** Moves focus once the next render is on screen. */
  focusLater: (target: () => Element | null | undefined) => void
  byId: (id: string) => HTMLElement | null
}

/** The box with its hint, or the typed name's input, and the buttons to switch and to clear. */
export function renderSignatureField(field: SignatureField, view: SignatureFieldView) {
  const { id, labels } = view
  const toggle = () => {
    field.switchMode()
    view.focusLater(() => view.byId(field.typing ? `${id}-name` : `${id}-mode`))
  }
  const canvasShown = !field.typing || field.letterTypedName
  const state = field.image ? labels.signed : labels.empty
  return html`${
    field.typing
      ? html`<label for=${`${id}-name`}>${labels.typedName}</label>
          <input
            id=${`${id}-name`}
            part="input"
            autocomplete="name"
            maxlength="200"
            .value=${field.typedName}
            aria-required=${view.required ? 'true' : 'false'}
            aria-invalid=${view.invalid ? 'true' : 'false'}
            aria-describedby=${view.describedBy}
            @input=${(event: Event) => field.type((event.target as HTMLInputElement).value)}
          />`
      : html`<p class="hint" id=${`${id}-hint`}>${labels.drawHint}</p>`
  }
    ${
      canvasShown
        ? html`<canvas
          class="pad"
          part="signature-pad"
          role="img"
          aria-label=${field.typing ? labels.typed : `${labels.pad}, ${state}`}
          aria-describedby=${field.typing ? nothing : `${id}-hint`}
          data-signature=${view.key}
        ></canvas>`
        : nothing
    }
    <div class="row">
      <button type="button" part="button" id=${`${id}-mode`} @click=${toggle}>
        ${field.typing ? labels.drawInstead : labels.typeInstead}
      </button>
      <button type="button" part="button" @click=${() => field.clear()}>${labels.clear}</button>
    </div>`
}
