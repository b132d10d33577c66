// The patient's download of their data, from the link an access request's answer carries. The token is
// checked first, on the connection that sees every clinic (all it reads there is the clinic's id); the
// export is then read in that clinic's scope, and the download audited with the patient as the actor.

import type { ExportQuery } from '@frontdesk/contracts'
import { withClinic } from '../db/tenant-scope.js'
import type { AppDeps, RequestScope } from '../env.js'
import { ApiError } from '../errors.js'
import { clinicColumns, toClinic } from '../middleware/principal/clinic-row.js'
import { cipherOf } from '../request-scope.js'
import { hashToken } from '../tokens.js'
import { type PatientExport, patientExport } from './export.js'
import { exportAs } from './export-fhir.js'

/** The connections and the request's facts: a download token is no principal, so there is no RequestScope. */
export type DownloadScope = Pick<AppDeps, 'db' | 'system' | 'now' | 'cipher'> &
  Pick<RequestScope, 'requestId' | 'clientIp'>

export async function downloadExport(
  scope: DownloadScope,
  rightsRequestId: string,
  token: string,
  query: ExportQuery,
): Promise<PatientExport | Record<string, unknown>> {
  const { system, db } = scope
  const found = await system
    .selectFrom('rights_requests')
    .select(['clinic_id'])
    .where('id', '=', rightsRequestId)
    .where('export_token_hash', '=', hashToken(token))
    .executeTakeFirst()
  if (!found) throw new ApiError('UNAUTHENTICATED', 'This download link is not valid')
  return withClinic(found.clinic_id, async () => {
    const row = await db
      .selectFrom('rights_requests')
      .innerJoin('clinics', 'clinics.id', 'rights_requests.clinic_id')
      .select(['rights_requests.patient_id', 'rights_requests.export_expires_at', ...clinicColumns])
      .where('rights_requests.id', '=', rightsRequestId)
      .executeTakeFirstOrThrow()
    if (!row.patient_id || new Date(row.export_expires_at!).getTime() <= scope.now()) {
      throw new ApiError('UNAUTHENTICATED', 'This download link has expired; ask the clinic again')
    }
    const data = await patientExport(db, cipherOf(scope), toClinic(row), row.patient_id, scope.now())
    await db
      .insertInto('audit_events')
      .values({
        clinic_id: row.clinicId,
        actor_type: 'patient',
        actor_id: rightsRequestId,
        action: 'rights_request.download',
        object_type: 'patient',
        object_id: row.patient_id,
        request_id: scope.requestId,
        client_ip: scope.clientIp,
      })
      .execute()
    // Built here, in the clinic's scope: the Bundle reads the practitioners and texts the export names.
    return exportAs(db, data, query)
  })
}
