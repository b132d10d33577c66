// The clinic columns every principal lookup reads, and the context they make.
import type { ClinicContext } from '../../env.js'
import { messageSettings } from '../../messages/settings.js'

export const clinicColumns = [
  'clinics.id as clinicId',
  'clinics.name as clinicName',
  'clinics.time_zone',
  'clinics.hold_minutes',
  'clinics.cancellation_notice_minutes',
  'clinics.allowed_origins',
  'clinics.catalogue_version',
  'clinics.intake_draft_idle_days',
  'clinics.messaging',
  'clinics.region',
] as const
export const toClinic = (row: {
  clinicId: string
  clinicName: string
  time_zone: string
  hold_minutes: number
  cancellation_notice_minutes: number
  allowed_origins: string[]
  catalogue_version: string
  intake_draft_idle_days: number
  messaging: Record<string, unknown>
  region: string | null
}): ClinicContext => ({
  id: row.clinicId,
  name: row.clinicName,
  timeZone: row.time_zone,
  holdMinutes: row.hold_minutes,
  cancellationNoticeMinutes: row.cancellation_notice_minutes,
  allowedOrigins: row.allowed_origins,
  catalogueVersion: Number(row.catalogue_version),
  intakeDraftIdleDays: row.intake_draft_idle_days,
  messaging: messageSettings(row.messaging),
  region: row.region,
})
