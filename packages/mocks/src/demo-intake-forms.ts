// The demo clinic's two intake forms, the same the API's seed creates: a new patient's history, and a
// child's first visit filled in by a parent or guardian.
import { CHILD_FORM, NEW_PATIENT_HISTORY } from '@frontdesk/contracts/demo'
import type { FormDefinition } from '@frontdesk/contracts/intake'

/** An intake form as the mocks hold it: every published version, oldest first; the last is current. */
export interface MockIntakeForm {
  id: string
  name: string
  consentDocumentIds: string[]
  createdAt: string
  /** Version `n` is `versions[n - 1]`; give at least one. */
  versions: { definition: FormDefinition; publishedAt: string }[]
}

const PUBLISHED = '2025-01-06T08:00:00.000Z'

export const demoIntakeForms: MockIntakeForm[] = [
  {
    id: 'form_newPatient',
    name: 'New patient history',
    consentDocumentIds: [],
    createdAt: PUBLISHED,
    versions: [{ definition: NEW_PATIENT_HISTORY, publishedAt: PUBLISHED }],
  },
  {
    id: 'form_child',
    name: "Child's first visit",
    consentDocumentIds: [],
    createdAt: PUBLISHED,
    versions: [{ definition: CHILD_FORM, publishedAt: PUBLISHED }],
  },
]
