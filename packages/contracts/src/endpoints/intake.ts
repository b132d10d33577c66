// Intake: forms and their versions, and the patient's drafts, answers and files.
import * as z from 'zod'
import { listOf } from '../common.js'
import {
  CreateIntakeForm,
  IntakeForm,
  IntakeFormVersion,
  PublishIntakeFormVersion,
  UpdateIntakeForm,
} from '../intake/api.js'
import {
  CreateIntakeDraft,
  IntakeDraft,
  IntakeDraftCreated,
  IntakeFile,
  IntakeSubmitted,
  SaveIntakeDraft,
} from '../intake/responses.js'
import { defineEndpoints, json, jsonBody } from './define.js'
import { binary, FieldQuery, FileParam, IdParam, VersionParam } from './params.js'

export const intakeEndpoints = defineEndpoints({
  createIntakeForm: {
    principals: ['secret'],
    permission: 'form:manage',
    method: 'post',
    path: '/v1/intake/forms',
    tags: ['Intake'],
    summary: 'Create a form; its definition becomes version 1',
    description:
      'The definition is checked as a whole: unique ids, conditions naming an earlier field in reach, sane limits. Honours Idempotency-Key.',
    request: { body: jsonBody(CreateIntakeForm) },
    responses: { 201: json(IntakeForm, 'The form') },
  },
  updateIntakeForm: {
    principals: ['secret'],
    permission: 'form:manage',
    method: 'patch',
    path: '/v1/intake/forms/{id}',
    tags: ['Intake'],
    summary: 'Rename a form, or change the consent documents it asks for after it is filled',
    request: { params: IdParam, body: jsonBody(UpdateIntakeForm) },
    responses: { 200: json(IntakeForm, 'The form') },
  },
  createIntakeFormVersion: {
    principals: ['secret'],
    permission: 'form:manage',
    method: 'post',
    path: '/v1/intake/forms/{id}/versions',
    tags: ['Intake'],
    summary: 'Publish a changed definition as the next version',
    description:
      'Earlier versions stay as they were, so responses pinned to them read as they were answered.',
    request: { params: IdParam, body: jsonBody(PublishIntakeFormVersion) },
    responses: { 201: json(IntakeFormVersion, 'The new version') },
  },
  getIntakeFormVersionFhir: {
    principals: ['secret'],
    permission: 'catalogue:read',
    method: 'get',
    path: '/v1/intake/forms/{id}/versions/{version}/fhir',
    tags: ['Intake'],
    summary: 'A version as a FHIR R4 Questionnaire, for the clinic’s EHR',
    request: { params: VersionParam },
    responses: { 200: json(z.record(z.string(), z.unknown()), 'The Questionnaire resource') },
  },
  createIntakeDraft: {
    principals: ['publishable', 'visit', 'secret'],
    permission: 'patient:manage',
    method: 'post',
    path: '/v1/intake/drafts',
    tags: ['Intake'],
    summary: 'Start an intake draft for the current version of a form',
    description:
      "A visit token links the draft to its hold or booking; a publishable key starts a standalone one; the secret key invites a patient, optionally for a booking (`bookingId`). The answer's resume token is the only way to the draft: give it to the patient in a URL fragment. Honours Idempotency-Key.",
    request: { body: jsonBody(CreateIntakeDraft) },
    responses: { 201: json(IntakeDraftCreated, 'The empty draft and its resume token') },
  },
  getIntakeDraft: {
    principals: ['resume'],
    method: 'get',
    path: '/v1/intake/drafts/{id}',
    tags: ['Intake'],
    summary: 'The draft as last saved, to resume it',
    request: { params: IdParam },
    responses: { 200: json(IntakeDraft, 'The draft') },
  },
  saveIntakeDraft: {
    principals: ['resume'],
    method: 'put',
    path: '/v1/intake/drafts/{id}',
    tags: ['Intake'],
    summary: 'Save the answers so far',
    description:
      'Replaces the saved answers. Nothing is required yet, but every answer must be well-formed for the pinned version; a hidden question’s answer is dropped. Moves the idle expiry.',
    request: { params: IdParam, body: jsonBody(SaveIntakeDraft) },
    responses: { 200: json(IntakeDraft, 'The saved draft') },
  },
  submitIntakeDraft: {
    principals: ['resume'],
    method: 'post',
    path: '/v1/intake/drafts/{id}/submit',
    tags: ['Intake'],
    summary: 'Submit the answers: checked in full, stored, and the clinic is told',
    description:
      'Required questions must be answered now. Files no answer names are dropped. The resume token stops working: the answers are the clinic’s to read from here on.',
    request: { params: IdParam, body: jsonBody(SaveIntakeDraft) },
    responses: { 200: json(IntakeSubmitted, 'Submitted') },
  },
  uploadIntakeFile: {
    principals: ['resume'],
    method: 'post',
    path: '/v1/intake/drafts/{id}/files',
    tags: ['Intake'],
    summary: 'Upload one file for a file question',
    description:
      "The body is the file itself, with its type as Content-Type. It must be a type the question accepts, no larger than it allows, and its content must show that type (a renamed file is refused). Name the returned id in the question's answer.",
    request: {
      params: IdParam,
      query: FieldQuery,
      body: { required: true, content: { 'application/octet-stream': { schema: binary } } },
    },
    responses: {
      201: json(IntakeFile, 'The stored file'),
    },
    errors: ['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
  },
  getIntakeDraftFile: {
    principals: ['resume'],
    method: 'get',
    path: '/v1/intake/drafts/{id}/files/{fileId}',
    tags: ['Intake'],
    summary: 'A file of the draft, to show it again after resuming',
    request: { params: FileParam },
    responses: {
      200: { description: 'The file', content: { 'application/octet-stream': { schema: binary } } },
    },
  },
  deleteIntakeFile: {
    principals: ['resume'],
    method: 'delete',
    path: '/v1/intake/drafts/{id}/files/{fileId}',
    tags: ['Intake'],
    summary: 'Remove a file the patient no longer wants to send',
    request: { params: FileParam },
    responses: { 204: { description: 'Removed' } },
  },
  listIntakeForms: {
    principals: ['publishable', 'secret', 'visit', 'manage', 'resume'],
    permission: 'catalogue:read',
    method: 'get',
    path: '/v1/intake/forms',
    tags: ['Intake'],
    summary: "The clinic's intake forms, each at its current version",
    responses: { 200: json(listOf(IntakeForm), 'The forms') },
  },
  getIntakeForm: {
    principals: ['publishable', 'secret', 'visit', 'manage', 'resume'],
    permission: 'catalogue:read',
    method: 'get',
    path: '/v1/intake/forms/{id}',
    tags: ['Intake'],
    summary: 'One form at its current version',
    request: { params: IdParam },
    responses: { 200: json(IntakeForm, 'The form') },
  },
  getIntakeFormVersion: {
    principals: ['publishable', 'secret', 'visit', 'manage', 'resume'],
    permission: 'catalogue:read',
    method: 'get',
    path: '/v1/intake/forms/{id}/versions/{version}',
    tags: ['Intake'],
    summary: 'One published version of a form, exactly as it was published',
    request: { params: VersionParam },
    responses: { 200: json(IntakeFormVersion, 'The version') },
  },
})
