// A zip written as it is read: entries go into fflate's streaming Zip one by one and out through a
// ReadableStream that waits for the reader, so a clinic's archive never sits whole in memory. Each
// entry's size and SHA-256 are taken as it goes in; `finish` writes them as manifest.json, the last entry.
// fflate: small, dependency-free, streams both ways, and its unzip reads the result back in the tests.
import { createHash } from 'node:crypto'
import { Zip, ZipDeflate } from 'fflate'

export interface ManifestEntry {
  path: string
  bytes: number
  sha256: string
}

/** Entries above this many chunks waiting for the reader make `add` wait. */
const QUEUED_CHUNKS = 16

export class ArchiveWriter {
  readonly stream: ReadableStream<Uint8Array>
  readonly entries: ManifestEntry[] = []
  #controller!: ReadableStreamDefaultController<Uint8Array>
  #zip: Zip
  #wakeUp: (() => void) | undefined
  #cancelled = false

  constructor() {
    this.stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#controller = controller
        },
        pull: () => this.#wake(),
        cancel: () => {
          this.#cancelled = true
          this.#wake()
        },
      },
      { highWaterMark: QUEUED_CHUNKS },
    )
    this.#zip = new Zip((error, chunk, final) => {
      if (this.#cancelled) return
      if (error) return this.#controller.error(error)
      this.#controller.enqueue(chunk)
      if (final) this.#controller.close()
    })
  }

  /** Adds one entry, once the reader has taken enough of what came before. */
  async add(path: string, content: Uint8Array | string): Promise<void> {
    await this.#room()
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content
    this.entries.push({
      path,
      bytes: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    })
    const file = new ZipDeflate(path, { level: 6 })
    this.#zip.add(file)
    file.push(bytes, true)
  }

  /** Writes manifest.json from the entries and what `meta` says, and ends the zip. */
  async finish(meta: Record<string, unknown>): Promise<void> {
    const manifest = JSON.stringify({ ...meta, entries: this.entries }, null, 2)
    await this.add('manifest.json', manifest)
    // manifest.json lists the entries before it, not itself.
    this.entries.pop()
    this.#zip.end()
  }

  /** Stops the zip with an error the reader sees (the download fails rather than ending short). */
  fail(error: unknown): void {
    if (this.#cancelled) return
    this.#zip.terminate()
    this.#controller.error(error)
  }

  get cancelled(): boolean {
    return this.#cancelled
  }

  async #room(): Promise<void> {
    if (this.#cancelled) throw new ArchiveCancelled()
    while ((this.#controller.desiredSize ?? 1) <= 0 && !this.#cancelled) {
      await new Promise<void>((resolve) => {
        this.#wakeUp = resolve
      })
    }
    if (this.#cancelled) throw new ArchiveCancelled()
  }

  #wake(): void {
    const wakeUp = this.#wakeUp
    this.#wakeUp = undefined
    wakeUp?.()
  }
}

/** The reader went away: the work stops, nothing is wrong. */
export class ArchiveCancelled extends Error {
  override name = 'ArchiveCancelled'
}
