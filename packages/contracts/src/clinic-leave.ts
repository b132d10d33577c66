// A clinic that leaves Frontdesk: the archive of everything it holds, and the closing that destroys it.
import * as z from 'zod'
import { Id } from './common.js'

/** The owner's password, typed again: read from the body only, never from a URL or a log line. */
const ReenteredPassword = z
  .string()
  .min(1)
  .max(128)
  .meta({ description: "The signed-in owner's password, typed again" })

export const ExportClinicArchive = z
  .object({ password: ReenteredPassword })
  .meta({ id: 'ExportClinicArchive' })
export type ExportClinicArchive = z.infer<typeof ExportClinicArchive>

export const CloseClinic = z
  .object({
    password: ReenteredPassword,
    clinicName: z
      .string()
      .min(1)
      .max(200)
      .meta({ description: "The clinic's name exactly as it stands, typed as confirmation" }),
    archiveSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional()
      .meta({ description: "The SHA-256 of the archive the owner kept, recorded in the closure's record" }),
  })
  .meta({ id: 'CloseClinic' })
export type CloseClinic = z.infer<typeof CloseClinic>

/** What closing removed: the platform's record of it, which holds no patient data. */
export const ClinicClosure = z
  .object({
    id: Id,
    clinicId: Id,
    closedAt: z.string(),
    rows: z
      .record(z.string(), z.number().int().nonnegative())
      .meta({ description: 'Rows deleted, by table (`staff.member` and the like for staff accounts)' }),
    dataKeyVersions: z.number().int().nonnegative().meta({ description: 'Data key versions destroyed' }),
    archiveSha256: z.string().nullable(),
  })
  .meta({ id: 'ClinicClosure' })
export type ClinicClosure = z.infer<typeof ClinicClosure>

/** `manifest.json` inside the archive: every other entry with its size and SHA-256. */
export const ClinicArchiveManifest = z
  .object({
    format: z.literal('frontdesk-clinic-archive/1'),
    clinicId: Id,
    clinicName: z.string(),
    exportedAt: z.string(),
    frontdeskVersion: z.string(),
    entries: z.array(z.object({ path: z.string(), bytes: z.number().int(), sha256: z.string() })),
  })
  .meta({ id: 'ClinicArchiveManifest' })
export type ClinicArchiveManifest = z.infer<typeof ClinicArchiveManifest>
