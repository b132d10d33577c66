// STOP and START replies on SMS and WhatsApp (and an email's unsubscribe link, a STOP by other means), as
// consent records. STOP withdraws every consent given for
// messages and marketing on that channel, and where none was given records a refusal, so the ledger
// holds the patient's word either way; START records consent for appointment messages on the channel
// again (marketing stays withdrawn: it needs its own yes). The records name the channel's document,
// which each clinic gets on the first reply that needs it.
import type { MessageChannel } from '@frontdesk/contracts'
import { type Kysely, sql } from 'kysely'
import { createConsentDocument } from '../consent/document-store.js'
import { appendConsentRecord } from '../consent/record-store.js'
import type { FieldCipher } from '../crypto/field-cipher.js'
import type { Database } from '../db/schema.js'
import { newId } from '../tokens.js'
import { latestChannelDecision } from './channel-consent.js'

export type ChannelKeyword = 'stop' | 'start'

// The opt-out and opt-in words carriers and Twilio recognise, with their German counterparts.
const STOP_WORDS = new Set([
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'REVOKE',
  'OPTOUT',
  'STOPP',
  'ABMELDEN',
  'ABBESTELLEN',
])
const START_WORDS = new Set(['START', 'YES', 'UNSTOP', 'SUBSCRIBE', 'ANMELDEN'])

/** The keyword a reply is, if it is one: the whole message, any case, surrounding spaces and punctuation ignored. */
export function channelKeyword(body: string): ChannelKeyword | null {
  const word = body
    .trim()
    .replace(/[.!\s]+$/u, '')
    .toUpperCase()
  if (STOP_WORDS.has(word)) return 'stop'
  if (START_WORDS.has(word)) return 'start'
  return null
}

const CHANNEL_NAMES: Record<MessageChannel, { en: string; de: string }> = {
  email: { en: 'email', de: 'E-Mail' },
  sms: { en: 'SMS', de: 'SMS' },
  whatsapp: { en: 'WhatsApp', de: 'WhatsApp' },
}

/** The clinic's document for appointment messages on a channel, created on first use. */
async function channelDocument(db: Kysely<Database>, clinicId: string, channel: MessageChannel) {
  const purpose = `messages_${channel}`
  const find = (from: Kysely<Database> = db) =>
    from
      .selectFrom('consent_documents')
      .innerJoin('consent_texts', (join) =>
        join
          .onRef('consent_texts.document_id', '=', 'consent_documents.id')
          .onRef('consent_texts.version', '=', 'consent_documents.current_version'),
      )
      .select([
        'consent_documents.id',
        'consent_documents.current_version',
        'consent_texts.language',
        'consent_texts.hash',
      ])
      .where('consent_documents.clinic_id', '=', clinicId)
      .where('consent_documents.purpose', '=', purpose)
      .orderBy('consent_documents.created_at')
      .orderBy(sql`consent_texts.language = 'en'`, 'desc')
      .limit(1)
      .executeTakeFirst()
  const found = await find()
  if (found) return found
  const name = CHANNEL_NAMES[channel]
  const how =
    channel === 'email'
      ? {
          en: 'Use the unsubscribe link in any of them to stop reminders.',
          de: 'Über den Abmeldelink in jeder E-Mail bestellen Sie Erinnerungen ab.',
        }
      : {
          en: 'Reply STOP to stop them, START to get them again.',
          de: 'Antworten Sie STOP, um sie abzubestellen, START, um sie wieder zu erhalten.',
        }
  await db.transaction().execute(async (trx) => {
    // Two replies at once create one document.
    await sql`SELECT pg_advisory_xact_lock(8, hashtext(${`${clinicId}:${purpose}`}))`.execute(trx)
    if (await find(trx)) return
    await createConsentDocument(trx, clinicId, {
      name: `Appointment messages by ${name.en}`,
      purpose,
      legalBasis: 'consent',
      method: 'checkbox',
      texts: [
        {
          language: 'en',
          title: `Appointment messages by ${name.en}`,
          body: `We send confirmations, changes and reminders of your appointments by ${name.en}. ${how.en}`,
        },
        {
          language: 'de',
          title: `Terminnachrichten per ${name.de}`,
          body: `Wir senden Bestätigungen, Änderungen und Erinnerungen zu Ihren Terminen per ${name.de}. ${how.de}`,
        },
      ],
    })
  })
  return (await find())!
}

export interface ChannelReply {
  clinicId: string
  channel: MessageChannel
  keyword: ChannelKeyword
  /** Everyone at the clinic with this number: the number's owner speaks for it. */
  patientIds: string[]
  /** Where the patient said it, kept as the records' origin: `twilio:<the provider's id of the reply>`, `unsubscribe:<request id>`. */
  origin: string
  at: number
}

/** Appends the consent records a reply calls for; answers their ids. */
export async function recordChannelReply(
  db: Kysely<Database>,
  cipher: FieldCipher,
  reply: ChannelReply,
): Promise<string[]> {
  const written: string[] = []
  const base = {
    clinicId: reply.clinicId,
    // A reply on SMS or WhatsApp; on email, the unsubscribe link (or the mail program's one-click POST).
    method: reply.channel === 'email' ? 'email_unsubscribe' : `${reply.channel}_reply`,
    signerRelation: 'self' as const,
    signerName: null,
    typedName: null,
    signature: null,
    bookingId: null,
    intakeResponseId: null,
    origin: reply.origin,
    receiptTokenHash: null,
    at: reply.at,
  }
  for (const patientId of reply.patientIds) {
    const messages = await latestChannelDecision(db, patientId, `messages_${reply.channel}`)
    if (reply.keyword === 'stop') {
      for (const given of await givenOnChannel(db, reply.clinicId, patientId, reply.channel)) {
        const id = newId('cons')
        await appendConsentRecord(db, cipher, {
          ...base,
          id,
          documentId: given.document_id,
          version: given.version,
          language: given.language,
          textHash: given.text_hash,
          decision: 'withdrawn',
          patientId,
          withdraws: given.id,
        })
        written.push(id)
      }
      // Given consents were withdrawn above; with none ever recorded, the reply is a refusal.
      if (messages.decision === null)
        written.push(await decide(db, cipher, reply, base, patientId, 'refused'))
    } else if (messages.decision !== 'given') {
      written.push(await decide(db, cipher, reply, base, patientId, 'given'))
    }
  }
  return written
}

async function decide(
  db: Kysely<Database>,
  cipher: FieldCipher,
  reply: ChannelReply,
  base: Omit<
    Parameters<typeof appendConsentRecord>[2],
    'id' | 'documentId' | 'version' | 'language' | 'textHash' | 'decision' | 'patientId' | 'withdraws'
  >,
  patientId: string,
  decision: 'given' | 'refused',
) {
  const document = await channelDocument(db, reply.clinicId, reply.channel)
  const id = newId('cons')
  await appendConsentRecord(db, cipher, {
    ...base,
    id,
    documentId: document.id,
    version: document.current_version,
    language: document.language,
    textHash: document.hash,
    decision,
    patientId,
    withdraws: null,
  })
  return id
}

/** Consents given on the channel (messages or marketing) and not withdrawn since. */
function givenOnChannel(db: Kysely<Database>, clinicId: string, patientId: string, channel: MessageChannel) {
  return db
    .selectFrom('consent_records as given')
    .innerJoin('consent_documents', 'consent_documents.id', 'given.document_id')
    .select(['given.id', 'given.document_id', 'given.version', 'given.language', 'given.text_hash'])
    .where('given.clinic_id', '=', clinicId)
    .where('given.patient_id', '=', patientId)
    .where('given.decision', '=', 'given')
    .where('consent_documents.purpose', 'in', [`messages_${channel}`, `marketing_${channel}`])
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('consent_records as w').select('w.id').whereRef('w.withdraws', '=', 'given.id'))),
    )
    .execute()
}
