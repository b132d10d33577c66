// Saves an intake draft as the patient goes: a moment after their last change, and at once when they
// leave a step or ask to continue later. One save at a time; answers already saved are not sent again.
import type { Answers } from '@frontdesk/contracts/intake'

export const SAVE_PAUSE_MS = 1500

export class DraftSaver {
  #timer: ReturnType<typeof setTimeout> | undefined
  #running: Promise<boolean> | undefined
  #saved = ''

  constructor(
    /** Sends the answers; throws when the API refused them or could not be reached. */
    private readonly send: (answers: Answers) => Promise<void>,
    /** The answers worth keeping now: what the validator keeps of a draft. */
    private readonly answers: () => Answers,
    private readonly failed: (error: unknown) => void,
  ) {}

  /** Marks these answers as what the draft already holds (as loaded), so they are not sent back. */
  holds(answers: Answers): void {
    this.#saved = JSON.stringify(answers)
  }

  /** Saves after a pause in the patient's changes. */
  schedule(): void {
    this.cancel()
    this.#timer = setTimeout(() => void this.flush(), SAVE_PAUSE_MS)
  }

  cancel(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
  }

  get pending(): boolean {
    return this.#timer !== undefined || this.#running !== undefined
  }

  /** Waits for a save under way, without starting one. */
  async settled(): Promise<void> {
    while (this.#running) await this.#running
  }

  /** Saves now, after any save under way; false when it failed (the failure is reported once). */
  async flush(): Promise<boolean> {
    this.cancel()
    // Checked and claimed in one go, without yielding: two flushes must never both find it free.
    while (this.#running) await this.#running
    const answers = this.answers()
    const json = JSON.stringify(answers)
    if (json === this.#saved) return true
    this.#running = this.send(answers).then(
      () => {
        this.#saved = json
        return true
      },
      (error: unknown) => {
        this.failed(error)
        return false
      },
    )
    try {
      return await this.#running
    } finally {
      this.#running = undefined
    }
  }
}
