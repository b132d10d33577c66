// The file question: a chosen file is checked against the question (type, size, how many) and uploaded
// into the draft at once. What is attached shows as a picture or as "PDF, 120 kB", with a remove button.
// Pictures are drawn on a canvas from the bytes, so no blob: or data: image needs the page's CSP.
import { acceptsType, type FileAnswer, type FileField } from '@frontdesk/contracts/intake'
import { html, nothing } from 'lit'
import { WidgetApiError } from '../client.js'
import type { FieldAria } from './fields.js'
import { domId, fileField } from './form-model.js'
import type { FrontdeskIntake } from './frontdesk-intake.js'
import { byteSize, fileKind, issueText } from './issue-text.js'

const THUMB = 160

/** Decoded pictures of image files, by file id; closed when the file is removed or the form goes. */
export class FilePreviews {
  #pictures = new Map<string, ImageBitmap | null>()

  constructor(private readonly changed: () => void) {}

  picture(fileId: string): ImageBitmap | null | undefined {
    return this.#pictures.get(fileId)
  }

  async keep(fileId: string, bytes: Blob | Promise<Blob>): Promise<void> {
    this.#pictures.set(fileId, null)
    try {
      const picture = await createImageBitmap(await bytes)
      if (this.#pictures.has(fileId)) this.#pictures.set(fileId, picture)
      else picture.close()
      this.changed()
    } catch {
      // Not an image this browser decodes: the file shows as its kind and size instead.
    }
  }

  drop(fileId: string): void {
    this.#pictures.get(fileId)?.close()
    this.#pictures.delete(fileId)
  }

  clear(): void {
    for (const fileId of [...this.#pictures.keys()]) this.drop(fileId)
  }

  /** Draws a file's picture on its canvas, once per canvas. */
  draw(canvas: HTMLCanvasElement, fileId: string): void {
    const picture = this.#pictures.get(fileId)
    if (!picture || canvas.dataset.drawn === fileId) return
    canvas.dataset.drawn = fileId
    const scale = Math.min(1, THUMB / picture.width, THUMB / picture.height)
    canvas.width = Math.round(picture.width * scale)
    canvas.height = Math.round(picture.height * scale)
    canvas.getContext('2d')?.drawImage(picture, 0, 0, canvas.width, canvas.height)
  }
}

/** Checks the chosen files against the question, then uploads them one by one into the draft. */
export async function addFiles(host: FrontdeskIntake, field: FileField, path: string, chosen: File[]) {
  const m = host.messages.intake
  const problem = (code: string) => issueText(m, code, field, host.intlLocale)
  const attached = () => (host.answerAt(path) as FileAnswer[] | undefined) ?? []
  host.checks.files.delete(path)
  const refused =
    attached().length + chosen.length > field.maxFiles
      ? 'tooManyFiles'
      : chosen.some((file) => !acceptsType(field.accept, file.type))
        ? 'fileTypeNotAccepted'
        : chosen.some((file) => file.size > field.maxBytes)
          ? 'fileTooLarge'
          : undefined
  if (refused) {
    host.checks.files.set(path, problem(refused))
    host.requestUpdate()
    return
  }
  host.uploading.add(path)
  host.requestUpdate()
  try {
    for (const file of chosen) {
      const stored = await host.client.upload(host.draftId, host.resumeKey, fileField(path), file)
      host.setAnswer(path, [
        ...attached(),
        { fileId: stored.id, contentType: stored.contentType, bytes: stored.bytes },
      ])
      if (file.type.startsWith('image/')) void host.previews.keep(stored.id, file)
    }
  } catch (error) {
    const code = error instanceof WidgetApiError ? error.code : undefined
    const text =
      code === 'PAYLOAD_TOO_LARGE'
        ? problem('fileTooLarge')
        : code === 'UNSUPPORTED_MEDIA_TYPE'
          ? problem('fileTypeNotAccepted')
          : code === 'VALIDATION_FAILED'
            ? problem('invalidFile')
            : host.explain(error)
    host.checks.files.set(path, text)
  } finally {
    host.uploading.delete(path)
    host.requestUpdate()
  }
}

export function removeFile(host: FrontdeskIntake, path: string, index: number): void {
  const files = (host.answerAt(path) as FileAnswer[] | undefined) ?? []
  const removed = files[index]
  if (!removed) return
  host.setAnswer(
    path,
    files.filter((_, i) => i !== index),
  )
  host.previews.drop(removed.fileId)
  host.focusLater(() => host.byId(domId(path)))
  // Saved without it first, so the draft never names a file that is gone; then the file goes.
  void host.saver.flush().then((saved) => {
    if (saved) host.client.removeFile(host.draftId, host.resumeKey, removed.fileId).catch(() => {})
  })
}

export function renderFiles(host: FrontdeskIntake, field: FileField, path: string, aria: FieldAria) {
  const m = host.messages.intake
  const files = (host.answerAt(path) as FileAnswer[] | undefined) ?? []
  const busy = host.uploading.has(path)
  const full = files.length >= field.maxFiles
  const choose = (event: Event) => {
    const input = event.target as HTMLInputElement
    const chosen = [...(input.files ?? [])]
    input.value = ''
    if (chosen.length) void addFiles(host, field, path, chosen)
  }
  return html`${
    files.length
      ? html`<ul class="files" part="files">
        ${files.map((file, index) => {
          const kind = fileKind(file.contentType, m)
          const name = `${files.length > 1 ? `${kind} ${index + 1}` : kind}, ${byteSize(file.bytes, host.intlLocale)}`
          const picture = file.contentType.startsWith('image/')
            ? host.previews.picture(file.fileId)
            : undefined
          // A picture of a file uploaded before resuming is fetched back from the draft.
          if (picture === undefined && file.contentType.startsWith('image/')) {
            void host.previews.keep(file.fileId, host.client.file(host.draftId, host.resumeKey, file.fileId))
          }
          return html`<li class="file" part="file">
            ${picture ? html`<canvas aria-hidden="true" data-file=${file.fileId}></canvas>` : nothing}
            <span class="chip">${name}</span>
            <button type="button" part="button remove-file" @click=${() => removeFile(host, path, index)}>
              ${m.files.remove(name)}
            </button>
          </li>`
        })}
      </ul>`
      : nothing
  }
    <input
      id=${domId(path)}
      part="input file-input"
      type="file"
      accept=${field.accept.join(',')}
      ?multiple=${field.maxFiles - files.length > 1}
      ?disabled=${busy || full}
      aria-invalid=${aria.invalid ? 'true' : 'false'}
      aria-describedby=${aria.describedBy}
      @change=${choose}
    />
    <p class="hint" role="status">
      ${busy ? html`${m.files.uploading} <progress part="progress"></progress>` : full ? m.files.full : ''}
    </p>`
}
