// The intake case table judged by the server: each case's answers submitted (or saved, for a draft) to a
// form of its definition must meet the verdict the browser's validator reaches, and store what it keeps.
import { isDeepStrictEqual } from 'node:util'
import type { FileAnswer, FormDefinition } from '@frontdesk/contracts'
import { INTAKE_CASES, type IntakeCase, TODAY } from '@frontdesk/contracts/testing'
import { beforeAll, describe, expect, it } from 'vitest'
import { type CallResult, createTestClinic, type TestClinic, useHarness } from './harness.js'
import { PNG, png } from './security/fixtures.js'

const harness = useHarness()

/** Answers that JSON cannot carry (NaN) reach the server as something else; only Node and the browser judge them. */
const survivesJson = (entry: IntakeCase) =>
  isDeepStrictEqual(JSON.parse(JSON.stringify(entry.answers)), entry.answers)
const SERVER_CASES = INTAKE_CASES.filter(survivesJson)

/**
 * Where the server and the validator disagree: bugs, each named here until fixed. Their tests are
 * expected to fail, so the one that starts passing says the fix landed and its entry can go.
 */
interface Draft {
  id: string
  resumeToken: string
}

let clinic: TestClinic
/** One form per definition, and its open draft: a refused submit leaves it open for the next case. */
const forms = new Map<FormDefinition, string>()
const drafts = new Map<FormDefinition, Draft>()

async function draftFor(form: FormDefinition): Promise<Draft> {
  let formId = forms.get(form)
  if (!formId) {
    const created = await harness.call('POST', '/v1/intake/forms', {
      token: clinic.sk,
      body: { name: form.title, definition: form },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    formId = created.body.id as string
    forms.set(form, formId)
  }
  let draft = drafts.get(form)
  if (!draft) {
    const started = await harness.call('POST', '/v1/intake/drafts', { token: clinic.pk, body: { formId } })
    expect(started.status, JSON.stringify(started.body)).toBe(201)
    expect(started.body.draft).toMatchObject({ version: 1, today: TODAY })
    draft = { id: started.body.draft.id, resumeToken: started.body.resumeToken }
    drafts.set(form, draft)
  }
  return draft
}

/** File answers in kept answers, with their field as the upload names it (ids joined by dots, no index). */
function fileAnswersIn(value: unknown, field: string[] = []): { field: string; files: FileAnswer[] }[] {
  if (Array.isArray(value)) {
    if (value.length && value.every((entry) => entry && typeof entry === 'object' && 'fileId' in entry))
      return [{ field: field.join('.'), files: value as FileAnswer[] }]
    return value.flatMap((entry) => fileAnswersIn(entry, field))
  }
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, entry]) => fileAnswersIn(entry, [...field, key]))
  return []
}

/**
 * The server keeps a file answer only if the file was uploaded to this response for that question, and
 * records its own type and size. So each file the case expects kept is uploaded first, and named, as the
 * server recorded it, in place of the table's made-up one, in the answers sent and in those expected.
 */
async function withUploads(entry: IntakeCase, draft: Draft) {
  const uploaded = new Map<string, FileAnswer>()
  for (const { field, files } of fileAnswersIn(entry.expected.answers)) {
    for (const file of files) {
      const sent = await harness.call('POST', `/v1/intake/drafts/${draft.id}/files?field=${field}`, {
        token: draft.resumeToken,
        body: png(),
      })
      expect(sent.status, JSON.stringify(sent.body)).toBe(201)
      uploaded.set(file.fileId, { fileId: sent.body.id, contentType: 'image/png', bytes: PNG.length })
    }
  }
  const swap = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(swap)
    if (!value || typeof value !== 'object') return value
    const fileId = (value as { fileId?: unknown }).fileId
    if (typeof fileId === 'string' && uploaded.has(fileId)) return uploaded.get(fileId)
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, swap(entry)]))
  }
  return { answers: swap(entry.answers), expectedAnswers: swap(entry.expected.answers) }
}

/** The issues of a 422 as path and code, sorted, so the set is compared exactly, duplicates included. */
function issuesOf(response: CallResult): { path: string; code: string | undefined }[] {
  expect(response.body?.error?.code).toBe('VALIDATION_FAILED')
  const issues = response.body.error.issues as { path: string; code?: string; message: string }[]
  for (const issue of issues) expect(issue.message, issue.path).toEqual(expect.any(String))
  return sorted(issues.map(({ path, code }) => ({ path, code })))
}

function expectedIssues(entry: IntakeCase) {
  // The server names the answers as a whole `answers`, where the validator says `$`.
  return sorted(
    entry.expected.issues.map(({ path, code }) => ({
      path: path === '$' ? 'answers' : `answers.${path}`,
      code,
    })),
  )
}

function sorted<T extends { path: string; code: string | undefined }>(issues: T[]): T[] {
  const key = (issue: T) => `${issue.path} ${issue.code}`
  return [...issues].sort((a, b) => key(a).localeCompare(key(b)))
}

describe('intake verdicts: the server agrees with the validator on every case', () => {
  beforeAll(async () => {
    clinic = await createTestClinic(harness)
  })

  it('judges every case JSON can carry', () => {
    expect(INTAKE_CASES.filter((entry) => !survivesJson(entry)).map((entry) => entry.name)).toEqual([
      'number, required, shown: refuses NaN as wrongType',
      'number, optional, shown: refuses NaN as wrongType',
    ])
  })

  for (const entry of SERVER_CASES) {
    const accepted = entry.expected.issues.length === 0
    it(entry.name, async () => {
      const draft = await draftFor(entry.form)
      const { answers, expectedAnswers } = await withUploads(entry, draft)
      const body = { version: 1, answers }

      if (entry.draft) {
        const saved = await harness.call('PUT', `/v1/intake/drafts/${draft.id}`, {
          token: draft.resumeToken,
          body,
        })
        expect(saved.status, JSON.stringify(saved.body)).toBe(accepted ? 200 : 422)
        if (accepted) expect(saved.body.answers).toEqual(expectedAnswers)
        else expect(issuesOf(saved)).toEqual(expectedIssues(entry))
        return
      }

      const submitted = await harness.call('POST', `/v1/intake/drafts/${draft.id}/submit`, {
        token: draft.resumeToken,
        body,
      })
      // A submitted draft is closed, whatever the table expected: the next case starts a new one.
      if (submitted.status === 200) drafts.delete(entry.form)
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(accepted ? 200 : 422)
      if (!accepted) {
        expect(issuesOf(submitted)).toEqual(expectedIssues(entry))
        return
      }
      expect(submitted.body).toMatchObject({ id: draft.id, status: 'submitted' })
      const stored = await harness.call('GET', `/v1/intake/responses/${draft.id}`, { token: clinic.sk })
      expect(stored.status).toBe(200)
      expect(stored.body.answers).toEqual(expectedAnswers)
    })
  }
})
