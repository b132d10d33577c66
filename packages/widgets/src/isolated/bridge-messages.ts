// Isolated mode's messages between a clinic's page and the frame the API serves: their shapes, checked on
// both sides, the design tokens that may cross and the public events that may come back. No Lit here: the
// host-only loader (isolated.js) carries this file, and its budget is 6 KB.

/** The elements a frame can show, by the name in `/v1/frames/{element}`. */
export const FRAME_ELEMENTS = ['booking', 'intake', 'consent', 'rights-request'] as const
export type FrameElement = (typeof FRAME_ELEMENTS)[number]

/** From the frame: its content's height, or one of the element's public events. */
export type FrameMessage =
  | { frontdesk: 'frame'; nonce: string; type: 'resize'; height: number }
  | { frontdesk: 'frame'; nonce: string; type: 'event'; name: string; detail: Record<string, unknown> }

/** From the host page: the clinic's design tokens, read from the host element. */
export interface HostMessage {
  frontdesk: 'host'
  nonce: string
  type: 'theme'
  tokens: Record<string, string>
}

// Values are whole tokens, never CSS to paste: a colour, a length or a font, with no `url(`, `;`, braces
// or backslash that could smuggle a rule or a request in.
const COLOUR = /^(#[0-9a-f]{3,8}|[a-z]{3,20}|(rgb|rgba|hsl|hsla)\([0-9.,%\s/+-]{1,60}\))$/i
const LENGTH = /^(0|(\d{1,4}|\d{0,4}\.\d{1,4})(px|rem|em|%|ch|vw))$/
/** The `font` shorthand or a family list: sizes, names and quotes, nothing that opens a function or a block. */
const FONT = /^[A-Za-z0-9 ,.'"/-]{1,200}$/

/** The `--frontdesk-*` tokens that cross into the frame, each with what its value must look like. */
export const THEME_TOKENS: Record<string, RegExp> = {
  '--frontdesk-accent': COLOUR,
  '--frontdesk-accent-text': COLOUR,
  '--frontdesk-background': COLOUR,
  '--frontdesk-surface': COLOUR,
  '--frontdesk-text': COLOUR,
  '--frontdesk-muted': COLOUR,
  '--frontdesk-border': COLOUR,
  '--frontdesk-focus': COLOUR,
  '--frontdesk-error': COLOUR,
  '--frontdesk-radius': LENGTH,
  '--frontdesk-max-width': LENGTH,
  '--frontdesk-font': FONT,
}

/** The known tokens whose values match their pattern; anything else is dropped, not repaired. */
export function checkTokens(tokens: unknown): Record<string, string> {
  const checked: Record<string, string> = {}
  if (!isRecord(tokens)) return checked
  for (const [name, pattern] of Object.entries(THEME_TOKENS)) {
    const value = tokens[name]
    if (typeof value === 'string' && pattern.test(value.trim())) checked[name] = value.trim()
  }
  return checked
}

const ID = /^[a-z]+_[A-Za-z0-9]{8,64}$/
/** An intake step is a group's or question's id from the clinic's form, never an answer. */
const FORM_KEY = /^[A-Za-z0-9_.-]{1,64}$/
const BOOKING_STEP = /^(service|practitioner|time|details|confirmation)$/
const RIGHTS_KIND = /^[a-z_]{1,32}$/

type FieldCheck = (value: unknown) => boolean
const matches =
  (pattern: RegExp): FieldCheck =>
  (value) =>
    typeof value === 'string' && pattern.test(value)
const ids: FieldCheck = (value) =>
  Array.isArray(value) && value.length <= 50 && value.every((id) => typeof id === 'string' && ID.test(id))

/**
 * Every public event (src/events/) and the fields its detail may carry: ids and step names. A host event
 * is built from these fields alone, so nothing else an event might carry ever reaches the page.
 */
export const FRAME_EVENTS: Record<string, Record<string, FieldCheck>> = {
  'frontdesk-ready': {},
  'frontdesk-step': { step: matches(BOOKING_STEP) },
  'frontdesk-booking-confirmed': { bookingId: matches(ID) },
  'frontdesk-intake-step': { step: matches(FORM_KEY) },
  'frontdesk-intake-saved': { responseId: matches(ID) },
  'frontdesk-intake-submitted': { responseId: matches(ID) },
  'frontdesk-consent-recorded': { recordIds: ids },
  'frontdesk-rights-request-sent': { requestId: matches(ID), kind: matches(RIGHTS_KIND) },
}

/** The event rebuilt from its allowed fields, or null when it is not a public event or a field fails. */
export function pickEvent(
  name: unknown,
  detail: unknown,
): { name: string; detail: Record<string, unknown> } | null {
  if (typeof name !== 'string' || !Object.hasOwn(FRAME_EVENTS, name)) return null
  const fields = FRAME_EVENTS[name] as Record<string, FieldCheck>
  const source = isRecord(detail) ? detail : {}
  const picked: Record<string, unknown> = {}
  for (const [field, check] of Object.entries(fields)) {
    if (!check(source[field])) return null
    const value = source[field]
    picked[field] = Array.isArray(value) ? [...value] : value
  }
  return { name, detail: picked }
}

/** A message from the frame, checked field by field; null for anything else. */
export function readFrameMessage(data: unknown, nonce: string): FrameMessage | null {
  if (!isRecord(data) || data.frontdesk !== 'frame' || data.nonce !== nonce) return null
  if (data.type === 'resize') {
    const { height } = data
    return typeof height === 'number' && Number.isFinite(height) && height >= 0 && height <= 100_000
      ? { frontdesk: 'frame', nonce, type: 'resize', height: Math.ceil(height) }
      : null
  }
  if (data.type === 'event') {
    const event = pickEvent(data.name, data.detail)
    return event && { frontdesk: 'frame', nonce, type: 'event', ...event }
  }
  return null
}

/** A message from the host page, checked field by field; null for anything else. */
export function readHostMessage(data: unknown, nonce: string): HostMessage | null {
  if (!isRecord(data) || data.frontdesk !== 'host' || data.nonce !== nonce || data.type !== 'theme')
    return null
  return { frontdesk: 'host', nonce, type: 'theme', tokens: checkTokens(data.tokens) }
}

/** 128 random bits, hex: the mount's nonce, which only the frame is given (in its URL's fragment). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

export const NONCE_SHAPE = /^[0-9a-f]{32}$/

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
