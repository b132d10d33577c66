// Intake routes of the mocks: the clinic's forms, read by any key or token, and the patient's draft,
// started with a key or visit token, then read, saved and submitted with the resume token it returned.
import {
  CreateIntakeDraft,
  endpoints,
  type IntakeDraft,
  type IntakeDraftCreated,
  IntakeForm,
  IntakeFormVersion,
  type IntakeSubmitted,
  SaveIntakeDraft,
} from '@frontdesk/contracts'
import type { MockIntakeForm } from '../demo-intake-forms.js'
import { judgeAnswers, namedFileIds } from '../intake-judge.js'
import { jsonBody, MockApiError, notFound, parseOrThrow } from '../responses.js'
import type { DraftRow, MockStore, Principal } from '../store.js'
import { localLabel } from '../time-zone.js'
import { newId, newToken } from '../tokens.js'
import type { Router } from './route.js'

const DAY_MS = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString()

/** The resume token's own live draft; any other id is the same 404 as one that does not exist. */
export function ownDraft(store: MockStore, principal: Principal, id: string): DraftRow {
  const draft = store.drafts.get(id)
  if (principal.kind !== 'resume' || principal.draftId !== id || !draft) throw notFound('intake draft')
  // A submission that finished while this request's body was still arriving spent the token.
  if (draft.status !== 'draft' || draft.expiresAt <= store.now()) {
    throw new MockApiError('UNAUTHENTICATED', 'This intake draft was submitted or has expired')
  }
  return draft
}

/** The definition a draft answers: the version it was pinned to when it started. */
export function pinnedDefinition(store: MockStore, draft: DraftRow) {
  const form = store.clinic.intakeForms?.find((each) => each.id === draft.formId)
  const version = form?.versions[draft.version - 1]
  if (!version) throw notFound('intake form version')
  return version.definition
}

export function intakeHandlers(store: MockStore, { route }: Router) {
  const forms = () => store.clinic.intakeForms ?? []
  const findForm = (id: string) => forms().find((form) => form.id === id)
  const today = () => localLabel(store.clinic.timeZone, store.now()).date
  const idleExpiry = (at: number) => at + store.clinic.policy.intakeDraftIdleDays * DAY_MS

  const toIntakeForm = (form: MockIntakeForm) =>
    IntakeForm.parse({
      id: form.id,
      name: form.name,
      currentVersion: form.versions.length,
      definition: form.versions.at(-1)?.definition,
      consentDocumentIds: form.consentDocumentIds,
      createdAt: form.createdAt,
    })

  const toDraft = (draft: DraftRow): IntakeDraft => ({
    id: draft.id,
    formId: draft.formId,
    version: draft.version,
    status: draft.status,
    bookingId: draft.bookingId,
    answers: structuredClone(draft.answers),
    files: draft.files.map(({ file }) => file),
    updatedAt: iso(draft.updatedAt),
    today: today(),
    expiresAt: iso(draft.expiresAt),
  })

  /** Judges a save or submission like the API: the pinned version only, the real validator, files checked. */
  async function judged(request: Request, id: string, principal: Principal, draft: boolean) {
    const input = parseOrThrow(SaveIntakeDraft, await jsonBody(request))
    const row = ownDraft(store, principal, id)
    const definition = pinnedDefinition(store, row)
    const answers = judgeAnswers({
      definition,
      pinnedVersion: row.version,
      version: input.version,
      answers: input.answers,
      files: row.files.map(({ file }) => file),
      today: today(),
      draft,
    })
    return { row, answers, definition }
  }

  return [
    route(endpoints.listIntakeForms, () => ({
      status: 200,
      body: { data: forms().map(toIntakeForm), nextCursor: null },
    })),

    route(endpoints.getIntakeForm, ({ params }) => {
      const form = findForm(params.id)
      if (!form) throw notFound('intake form')
      return { status: 200, body: toIntakeForm(form) }
    }),

    route(endpoints.getIntakeFormVersion, ({ params: { id, version } }) => {
      const published = findForm(id)?.versions[version - 1]
      if (!published) throw notFound('intake form version')
      return { status: 200, body: IntakeFormVersion.parse({ formId: id, version, ...published }) }
    }),

    route(endpoints.createIntakeDraft, async ({ request, principal, idempotent }) => {
      const input = parseOrThrow(CreateIntakeDraft, await jsonBody(request))
      if (input.bookingId && principal.kind !== 'secret') {
        throw new MockApiError('VALIDATION_FAILED', 'bookingId: only the secret key names a booking', [
          { path: 'bookingId', message: 'Only the secret key names a booking; a visit token links its own' },
        ])
      }
      return idempotent(input, () => {
        const bookingId = principal.kind === 'visit' ? principal.rowId : (input.bookingId ?? null)
        const booking = bookingId === null ? undefined : store.rows.get(bookingId)
        if (bookingId !== null && !booking) throw notFound('booking')
        const form = findForm(input.formId)
        if (!form) throw notFound('intake form')
        const at = store.now()
        const row: DraftRow = {
          id: newId('intake'),
          formId: form.id,
          version: form.versions.length,
          status: 'draft',
          bookingId,
          patientId: booking?.patient?.id ?? null,
          resumeToken: newToken('rt'),
          answers: {},
          files: [],
          createdAt: at,
          updatedAt: at,
          expiresAt: idleExpiry(at),
          submittedAt: null,
        }
        store.drafts.set(row.id, row)
        const body: IntakeDraftCreated = { draft: toDraft(row), resumeToken: row.resumeToken }
        return { status: 201, body }
      })
    }),

    route(endpoints.getIntakeDraft, ({ params, principal }) => ({
      status: 200,
      body: toDraft(ownDraft(store, principal, params.id)),
    })),

    route(endpoints.saveIntakeDraft, async ({ request, params, principal }) => {
      const { row, answers } = await judged(request, params.id, principal, true)
      const at = store.now()
      Object.assign(row, { answers, updatedAt: at, expiresAt: idleExpiry(at) })
      return { status: 200, body: toDraft(row), headers: { 'Cache-Control': 'no-store' } }
    }),

    route(endpoints.submitIntakeDraft, async ({ request, params, principal }) => {
      const { row, answers, definition } = await judged(request, params.id, principal, false)
      const at = store.now()
      const named = namedFileIds(definition.items, answers)
      // Submitting spends the resume token: the answers are the clinic's from here on.
      Object.assign(row, {
        answers,
        status: 'submitted',
        updatedAt: at,
        submittedAt: at,
        files: row.files.filter(({ file }) => named.has(file.id)),
      })
      const body: IntakeSubmitted = { id: row.id, status: 'submitted', submittedAt: iso(at) }
      return { status: 200, body }
    }),
  ]
}
