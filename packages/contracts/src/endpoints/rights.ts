// Patient rights: patients' own requests, the clinic's decisions, the download, and retention.
import * as z from 'zod'
import { Id } from '../common.js'
import {
  CreateRightsRequest,
  DecideRightsRequest,
  ExportQuery,
  RetentionDryRun,
  RetentionPolicy,
  RetentionRun,
  RightsRequest,
  RightsRequestStarted,
  RightsRequestStatus,
  RunRetention,
  UpdateRetentionPolicy,
  VerifyRightsRequest,
} from '../patients.js'
import { defineEndpoints, json, jsonBody } from './define.js'
import { IdParam } from './params.js'

export const rightsEndpoints = defineEndpoints({
  createRightsRequest: {
    principals: ['publishable'],
    method: 'post',
    path: '/v1/rights-requests',
    tags: ['Patient rights'],
    summary: 'A patient asks for a copy, correction, erasure or restriction of their data',
    description:
      'Sends a six-digit code to the email address or phone number given; the request exists for the clinic only once the code is confirmed. The answer is the same whether or not the person is a patient.',
    request: { body: jsonBody(CreateRightsRequest) },
    responses: { 202: json(RightsRequestStarted, 'The code is on its way') },
  },
  verifyRightsRequest: {
    principals: ['publishable'],
    method: 'post',
    path: '/v1/rights-requests/{id}/verify',
    tags: ['Patient rights'],
    summary: 'Confirm a request with the code; it then reaches the clinic, due in one month',
    request: { params: IdParam, body: jsonBody(VerifyRightsRequest) },
    responses: {
      200: json(z.object({ id: Id, status: RightsRequestStatus, dueAt: z.string() }), 'The open request'),
    },
    errors: ['CODE_INVALID'],
  },
  listRightsRequests: {
    principals: ['secret'],
    permission: 'rights:manage',
    method: 'get',
    path: '/v1/rights-requests',
    tags: ['Patient rights'],
    summary: 'Verified requests, the oldest deadline first',
    request: { query: z.object({ status: z.enum(['open', 'completed', 'rejected']).optional() }) },
    responses: { 200: json(z.object({ data: z.array(RightsRequest) }), 'The requests') },
  },
  decideRightsRequest: {
    principals: ['secret'],
    permission: 'rights:manage',
    method: 'post',
    path: '/v1/rights-requests/{id}/decision',
    tags: ['Patient rights'],
    summary: 'Complete or decline an open request; the patient is told, and for access gets a download link',
    description:
      'Completing acts for the matched patient (or `patientId`): access mints a 7-day download link, erasure erases (legal holds honoured), restriction and objection restrict processing; a correction is made with PATCH /v1/patients/{id} first.',
    request: { params: IdParam, body: jsonBody(DecideRightsRequest) },
    responses: { 200: json(RightsRequest, 'The decided request') },
    errors: ['REQUEST_NOT_OPEN'],
  },
  getRetentionPolicy: {
    principals: ['secret'],
    permission: 'settings:read',
    method: 'get',
    path: '/v1/clinic/retention',
    tags: ['Patient rights'],
    summary: 'How many days each kind of record is kept; null keeps it until erased',
    responses: { 200: json(RetentionPolicy, 'The policy') },
  },
  updateRetentionPolicy: {
    principals: ['secret'],
    permission: 'rights:manage',
    method: 'patch',
    path: '/v1/clinic/retention',
    tags: ['Patient rights'],
    summary: 'Change how long bookings, intake, consent evidence and the audit trail are kept',
    request: { body: jsonBody(UpdateRetentionPolicy) },
    responses: { 200: json(RetentionPolicy, 'The policy') },
  },
  runRetention: {
    principals: ['secret'],
    permission: 'rights:manage',
    method: 'post',
    path: '/v1/retention/runs',
    tags: ['Patient rights'],
    summary: 'Purge now what the policy no longer keeps, honouring legal holds; answers the report',
    description:
      'With `{ "dryRun": true }` nothing is removed and no report is stored: the answer (200) says what a purge ' +
      'now would remove and what legal holds would keep, counted by the same code as the purge itself. ' +
      'Either way audit events not yet sealed into the chain are sealed first, as every read of the trail does.',
    request: { body: { required: false, content: { 'application/json': { schema: RunRetention } } } },
    responses: {
      200: json(RetentionDryRun, 'A dry run: what would be removed and what holds would keep'),
      201: json(RetentionRun, 'What was removed and what holds kept'),
    },
  },
  listRetentionRuns: {
    principals: ['secret'],
    permission: 'rights:manage',
    method: 'get',
    path: '/v1/retention/runs',
    tags: ['Patient rights'],
    summary: 'The latest purges, newest first',
    responses: { 200: json(z.object({ data: z.array(RetentionRun) }), 'The runs') },
  },
  downloadRightsExport: {
    principals: [],
    signedBy: 'downloadToken',
    method: 'post',
    path: '/v1/rights-requests/{id}/export',
    tags: ['Patient rights'],
    summary: "The patient's download of their own data, with the token from their message",
    description:
      'A POST, so the token travels in `Authorization: Bearer xt_…` and never in a URL. Works until the link expires; every download is audited.',
    request: { params: IdParam, query: ExportQuery },
    responses: { 200: json(z.record(z.string(), z.unknown()), 'The export, as an attachment') },
    errors: ['UNAUTHENTICATED'],
    sdk: { excluded: "the patient's own download page calls it" },
  },
})
