// Four of the demo clinic's consent documents (the ones the API's seed creates, from the same source):
// treatment (signed), the privacy notice (a checkbox), video consultations (a typed name) and practice
// news by email, in English and German.
import type {
  ConsentMethod,
  ConsentPurpose,
  ConsentTextInput,
  CreateConsentDocument,
  LegalBasis,
} from '@frontdesk/contracts'
import { MARKETING_EMAIL, PRIVACY_NOTICE, TELEHEALTH, TREATMENT } from '@frontdesk/contracts/demo'

export interface MockConsentVersion {
  legalBasis: LegalBasis
  method: ConsentMethod
  /** Markdown, as a clinic writes it; the mocks show each paragraph escaped in `<p>` and hash that. */
  texts: ConsentTextInput[]
  publishedAt: string
}

/** A consent document as the mocks hold it: every published version, oldest first; the last is current. */
export interface MockConsentDocument {
  id: string
  name: string
  purpose: ConsentPurpose
  createdAt: string
  /** Version `n` is `versions[n - 1]`; give at least one. */
  versions: MockConsentVersion[]
}

const PUBLISHED = '2025-01-06T08:00:00.000Z'

const document = (
  id: string,
  name: string,
  purpose: ConsentPurpose,
  version: Omit<MockConsentVersion, 'publishedAt'>,
): MockConsentDocument => ({
  id,
  name,
  purpose,
  createdAt: PUBLISHED,
  versions: [{ ...version, publishedAt: PUBLISHED }],
})

/** The mocks' ids for four of the demo's documents (the API makes random ones). */
const SHOWN: [string, CreateConsentDocument][] = [
  ['cdoc_treatment', TREATMENT],
  ['cdoc_privacy', PRIVACY_NOTICE],
  ['cdoc_telehealth', TELEHEALTH],
  ['cdoc_newsEmail', MARKETING_EMAIL],
]

export const demoConsentDocuments: MockConsentDocument[] = SHOWN.map(([id, { name, purpose, ...version }]) =>
  document(id, name, purpose, version),
)

export const serviceConsentDocumentIds = ['cdoc_treatment', 'cdoc_privacy']
