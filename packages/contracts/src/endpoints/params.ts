// Path and query parameters shared by many operations, and the schema of a body of raw bytes.
import * as z from 'zod'
import { Id } from '../common.js'

/** `/…/{id}`: the one object the path names. */
export const IdParam = z.object({ id: Id })

/** `/…/{id}/versions/{version}`: one version of a form or document. */
export const VersionParam = z.object({ id: Id, version: z.coerce.number().int().min(1).max(100_000) })

/** `/…/{id}/files/{fileId}`: one file of an intake draft or response. */
export const FileParam = z.object({ id: Id, fileId: Id })

/** The patient whose consent state is asked for. */
export const StateQuery = z.object({ patientId: Id })

/** Which file question an upload answers. */
export const FieldQuery = z.object({
  field: z
    .string()
    .regex(
      /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/,
      'Item ids joined by dots, e.g. insurance.card',
    )
    .max(300),
})

/** A body or answer of raw bytes. */
export const binary = z.string().meta({ format: 'binary' })
