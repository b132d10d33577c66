// The signature question: a pad drawn on with a finger, pen or mouse, and for anyone who cannot draw
// (keyboard, switch, screen reader) their typed name set on the same canvas. The answer is the PNG.
import type { SimpleField } from '@frontdesk/contracts/intake'
import { html } from 'lit'
import type { FieldAria } from './fields.js'
import { domId } from './form-model.js'
import type { FrontdeskIntake } from './frontdesk-intake.js'

const WIDTH = 600
const HEIGHT = 200
const INK = '#1d232b'

interface Point {
  x: number
  y: number
}

export class SignaturePad {
  typing = false
  typedName = ''
  #canvas: HTMLCanvasElement | undefined
  /** The last point drawn and the midpoint the curve reached, while a stroke is under way. */
  #last: Point | undefined
  #reached: Point | undefined

  constructor(private readonly changed: (image: string | undefined) => void) {}

  /** Binds the pad to its canvas (a new one each time the step opens) and paints the answer kept. */
  attach(canvas: HTMLCanvasElement, image: string | undefined): void {
    if (canvas === this.#canvas) return
    this.#canvas = canvas
    if (image) void paint(canvas, image)
  }

  down(event: PointerEvent): void {
    const canvas = this.#canvas
    if (this.typing || !canvas || event.button > 0) return
    event.preventDefault()
    canvas.setPointerCapture(event.pointerId)
    this.#last = this.#reached = this.#point(event)
    this.#curve(this.#last, this.#last, this.#last)
  }

  move(event: PointerEvent): void {
    if (!this.#last) return
    // Coalesced events carry the points between frames: a fast stroke stays a curve, not a polygon.
    for (const sample of event.getCoalescedEvents?.() ?? [event]) {
      const point = this.#point(sample)
      const mid = { x: (this.#last.x + point.x) / 2, y: (this.#last.y + point.y) / 2 }
      this.#curve(this.#reached ?? mid, this.#last, mid)
      this.#last = point
      this.#reached = mid
    }
  }

  up(): void {
    if (!this.#last || !this.#canvas) return
    this.#last = this.#reached = undefined
    this.changed(this.#canvas.toDataURL('image/png'))
  }

  /** Sets the typed name on the canvas in a handwriting face, as large as fits. */
  type(name: string): void {
    this.typedName = name
    const context = this.#wipe()
    if (!context || !name.trim()) {
      this.changed(undefined)
      return
    }
    let size = 64
    const font = () => `italic ${size}px "Segoe Script", "Snell Roundhand", "Brush Script MT", cursive`
    context.font = font()
    while (size > 16 && context.measureText(name).width > WIDTH - 48) {
      size -= 4
      context.font = font()
    }
    context.fillStyle = INK
    context.textBaseline = 'middle'
    context.fillText(name.trim(), 24, HEIGHT / 2)
    this.changed(this.#canvas?.toDataURL('image/png'))
  }

  clear(): void {
    this.typedName = ''
    this.#wipe()
    this.changed(undefined)
  }

  switchMode(): void {
    this.typing = !this.typing
    this.clear()
  }

  #wipe(): CanvasRenderingContext2D | undefined {
    const context = this.#canvas?.getContext('2d') ?? undefined
    context?.clearRect(0, 0, WIDTH, HEIGHT)
    return context
  }

  #point(event: PointerEvent): Point {
    const box = (this.#canvas as HTMLCanvasElement).getBoundingClientRect()
    return {
      x: ((event.clientX - box.left) * WIDTH) / box.width,
      y: ((event.clientY - box.top) * HEIGHT) / box.height,
    }
  }

  #curve(from: Point, control: Point, to: Point): void {
    const context = this.#canvas?.getContext('2d')
    if (!context) return
    context.strokeStyle = INK
    context.lineWidth = 3
    context.lineCap = 'round'
    context.lineJoin = 'round'
    context.beginPath()
    context.moveTo(from.x, from.y)
    context.quadraticCurveTo(control.x, control.y, to.x, to.y)
    context.stroke()
  }
}

/** The pads of a form by path, each writing the answer at its own path. */
export class SignaturePads {
  #pads = new Map<string, SignaturePad>()

  constructor(private readonly changed: (path: string, image: string | undefined) => void) {}

  pad(path: string): SignaturePad {
    let pad = this.#pads.get(path)
    if (!pad) {
      pad = new SignaturePad((image) => this.changed(path, image))
      this.#pads.set(path, pad)
    }
    return pad
  }

  /** Forgets the pads under a path (entries of a repeat that moved): they are made again from the answers. */
  forget(prefix: string): void {
    for (const path of this.#pads.keys()) if (path.startsWith(prefix)) this.#pads.delete(path)
  }
}

/** Paints a saved signature back, decoded here: a data: image would need the page's CSP to allow it. */
async function paint(canvas: HTMLCanvasElement, image: string): Promise<void> {
  try {
    const bytes = Uint8Array.from(atob(image.slice(image.indexOf(',') + 1)), (c) => c.charCodeAt(0))
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }))
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, WIDTH, HEIGHT)
    bitmap.close()
  } catch {
    // Not a picture we can read: the pad stays empty and the patient signs again.
  }
}

export function renderSignature(host: FrontdeskIntake, field: SimpleField, path: string, aria: FieldAria) {
  const m = host.messages.intake.signature
  const pad = host.signatures.pad(path)
  const id = domId(path)
  const toggle = () => {
    pad.switchMode()
    host.focusLater(() => (pad.typing ? host.byId(`${id}-name`) : host.byId(`${id}-mode`)))
  }
  return html`${
    pad.typing
      ? html`<label for=${`${id}-name`}>${m.typedName}</label>
          <input
            id=${`${id}-name`}
            part="input"
            autocomplete="name"
            .value=${pad.typedName}
            aria-required=${field.required ? 'true' : 'false'}
            aria-invalid=${aria.invalid ? 'true' : 'false'}
            aria-describedby=${aria.describedBy}
            @input=${(event: Event) => pad.type((event.target as HTMLInputElement).value)}
          />`
      : html`<p class="hint">${m.drawHint}</p>`
  }
    <canvas
      class="pad"
      part="signature-pad"
      width=${WIDTH}
      height=${HEIGHT}
      role="img"
      aria-label=${pad.typing ? m.typed : m.pad}
      data-pad=${path}
      @pointerdown=${(event: PointerEvent) => pad.down(event)}
      @pointermove=${(event: PointerEvent) => pad.move(event)}
      @pointerup=${() => pad.up()}
      @pointercancel=${() => pad.up()}
    ></canvas>
    <div class="row">
      <button type="button" part="button" id=${`${id}-mode`} @click=${toggle}>
        ${pad.typing ? m.drawInstead : m.typeInstead}
      </button>
      <button type="button" part="button" @click=${() => pad.clear()}>${m.clear}</button>
    </div>`
}
