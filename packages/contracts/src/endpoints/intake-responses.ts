// Submitted intake responses, for the clinic: answers, FHIR QuestionnaireResponses and files.
import * as z from 'zod'
import { listOf } from '../common.js'
import { IntakeResponse, IntakeResponseListQuery, IntakeResponseSummary } from '../intake/responses.js'
import { defineEndpoints, json } from './define.js'
import { FileParam, IdParam } from './params.js'

export const intakeResponsesEndpoints = defineEndpoints({
  listIntakeResponses: {
    principals: ['secret'],
    permission: 'patient:read',
    method: 'get',
    path: '/v1/intake/responses',
    tags: ['Intake (clinic)'],
    summary: "The clinic's intake responses, newest first, without their answers",
    request: { query: IntakeResponseListQuery },
    responses: { 200: json(listOf(IntakeResponseSummary), 'A page of responses') },
  },
  getIntakeResponse: {
    principals: ['secret'],
    permission: 'patient:read',
    method: 'get',
    path: '/v1/intake/responses/{id}',
    tags: ['Intake (clinic)'],
    summary: 'One response with its answers, decrypted, as the patient gave them to its form version',
    request: { params: IdParam },
    responses: { 200: json(IntakeResponse, 'The response') },
  },
  getIntakeResponseFhir: {
    principals: ['secret'],
    permission: 'patient:read',
    method: 'get',
    path: '/v1/intake/responses/{id}/fhir',
    tags: ['Intake (clinic)'],
    summary: 'One response as a FHIR R4 QuestionnaireResponse, for the clinic’s EHR',
    request: { params: IdParam },
    responses: { 200: json(z.record(z.string(), z.unknown()), 'The QuestionnaireResponse resource') },
  },
  getIntakeResponseFile: {
    principals: ['secret'],
    permission: 'patient:read',
    method: 'get',
    path: '/v1/intake/responses/{id}/files/{fileId}',
    tags: ['Intake (clinic)'],
    summary: 'A file the patient uploaded, decrypted, as an attachment',
    request: { params: FileParam },
    responses: {
      200: {
        description: 'The file',
        content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } },
      },
    },
  },
})
