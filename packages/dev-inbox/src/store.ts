// The caught messages, in memory, newest first, with the attachment bytes kept beside them (not in the JSON).
import type { InboxMessage, InboxReply } from './types.js'

interface StoredMessage {
  message: InboxMessage
  attachmentContents: Buffer[]
  /** Email: the raw mail as received. */
  source?: Buffer | undefined
}

export class MessageStore {
  readonly #limit: number
  // Oldest first, so dropping past the limit is a shift.
  #stored: StoredMessage[] = []

  constructor(limit: number) {
    this.#limit = Math.max(1, limit)
  }

  add(message: InboxMessage, attachmentContents: Buffer[] = [], source?: Buffer): void {
    this.#stored.push({ message, attachmentContents, source })
    while (this.#stored.length > this.#limit) this.#stored.shift()
  }

  /** Newest first; copies, so a caller cannot change what the page shows. */
  list(): InboxMessage[] {
    return this.#stored.map(({ message }) => structuredClone(message)).reverse()
  }

  get(id: string): InboxMessage | undefined {
    const stored = this.#find(id)
    return stored && structuredClone(stored.message)
  }

  attachment(
    id: string,
    index: number,
  ): { content: Buffer; filename: string; contentType: string } | undefined {
    const stored = this.#find(id)
    const content = stored?.attachmentContents[index]
    const attachment = stored?.message.attachments[index]
    if (!content || !attachment) return undefined
    return { content, filename: attachment.filename, contentType: attachment.contentType }
  }

  source(id: string): Buffer | undefined {
    return this.#find(id)?.source
  }

  addReply(id: string, reply: InboxReply): void {
    this.#find(id)?.message.replies.push(reply)
  }

  clear(): void {
    this.#stored = []
  }

  #find(id: string): StoredMessage | undefined {
    return this.#stored.find((stored) => stored.message.id === id)
  }
}
