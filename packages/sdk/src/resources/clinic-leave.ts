// A clinic that leaves Frontdesk, for the signed-in owner (staff sessions only): the archive of
// everything, then the close. Both take the owner's password, sent in the body.
import { type ClinicClosure, type CloseClinic, endpoints } from '@frontdesk/contracts'
import type { Transport } from '../core/transport.js'
import type { RequestOptions } from '../types/options.js'

export interface ClinicLeaveResource {
  /** The zip of everything the clinic holds: FHIR NDJSON, JSON, files and manifest.json with SHA-256 hashes. */
  archive(password: string, options?: RequestOptions): Promise<Blob>
  /** Closes the clinic for good: its data key destroyed, every row deleted. Answers the report. */
  close(params: CloseClinic, options?: RequestOptions): Promise<ClinicClosure>
}

export function clinicLeaveResource(transport: Transport): ClinicLeaveResource {
  return {
    archive: (password, options) =>
      transport.call(endpoints.exportClinicArchive, { body: { password }, options }),
    close: (params, options) => transport.call(endpoints.closeClinic, { body: params, options }),
  }
}
