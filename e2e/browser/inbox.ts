// The dev inbox as the patient's mailbox and phone: what the demo sent them, read through the inbox's JSON.

import type { InboxMessage } from '@frontdesk/dev-inbox'
import { expect } from 'vitest'
import { browserEnv } from './browser.js'

export type { InboxMessage }

/** Every message the inbox caught, newest first. */
export async function inboxMessages(): Promise<InboxMessage[]> {
  const response = await fetch(`${browserEnv().inboxUrl}/api/messages`)
  if (!response.ok) throw new Error(`GET /api/messages on the dev inbox: ${response.status}`)
  return ((await response.json()) as { data: InboxMessage[] }).data
}

/** The newest message that `matches`, once it has arrived: messages go out within seconds, so 10 s at most. */
export async function waitForMessage(
  description: string,
  matches: (message: InboxMessage) => boolean,
): Promise<InboxMessage> {
  let found: InboxMessage | undefined
  await expect
    .poll(
      async () => {
        found = (await inboxMessages()).find(matches)
        return found !== undefined
      },
      { timeout: 10_000, interval: 250, message: `${description} should arrive in the dev inbox` },
    )
    .toBe(true)
  return found!
}

/** The email to `address` whose subject or text contains `words`. */
export const emailTo =
  (address: string, words: string) =>
  (message: InboxMessage): boolean =>
    message.channel === 'email' &&
    message.to.toLowerCase().includes(address.toLowerCase()) &&
    `${message.subject ?? ''}\n${message.text}`.includes(words)
