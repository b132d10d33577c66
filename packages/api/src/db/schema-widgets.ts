// Kysely's view of widget_bundles (migrations/0023): every script-tag bundle served, by its hash. No clinic.
import type { ColumnType } from 'kysely'

export interface WidgetBundlesTable {
  hash: string
  name: string
  body: Uint8Array
  integrity: string
  created_at: ColumnType<Date, Date | string | undefined, never>
}

export interface WidgetBundlesDatabase {
  widget_bundles: WidgetBundlesTable
}
