// A clinic leaves: the owner takes everything as one archive, then closes the clinic. Staff sessions only
// (the owner's password is typed again), and only the owner's role holds `clinic:close`.
import { ClinicClosure, CloseClinic, ExportClinicArchive } from '../clinic-leave.js'
import { defineEndpoints, json, jsonBody } from './define.js'
import { binary } from './params.js'

export const clinicLeaveEndpoints = defineEndpoints({
  exportClinicArchive: {
    principals: ['staff'],
    permission: 'clinic:close',
    method: 'post',
    path: '/v1/clinic/archive',
    tags: ['Clinic'],
    summary: 'Everything the clinic holds, as one zip with FHIR NDJSON and a manifest of SHA-256 hashes',
    description:
      'The owner only, with their password typed again (in the body, so it is never in a URL or log). The zip streams: `fhir/<Type>.<n>.ndjson` per resource type (Bulk Data style), `patients/<id>.json` (the JSON export, messages included), intake files and drawn signatures, consent documents, the audit trail, the clinic settings, and `manifest.json` (last) listing every entry with its size and SHA-256. The export is audited.',
    request: { body: jsonBody(ExportClinicArchive, { password: 'the owner’s password' }) },
    responses: {
      200: {
        description: 'The archive, as an attachment',
        content: { 'application/zip': { schema: binary } },
      },
    },
  },
  closeClinic: {
    principals: ['staff'],
    permission: 'clinic:close',
    method: 'post',
    path: '/v1/clinic/close',
    tags: ['Clinic'],
    summary: 'Close the clinic: destroy its data key, delete every row it has, end its keys and sessions',
    description:
      "The owner only, with their password and the clinic's exact name. Cannot be undone. Answers what was deleted, table by table; the platform keeps that report (no patient data) as the closure's record.",
    request: {
      body: jsonBody(CloseClinic, { password: 'the owner’s password', clinicName: 'Praxis Muster' }),
    },
    responses: { 200: json(ClinicClosure, 'What was destroyed') },
  },
})
