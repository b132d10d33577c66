// API keys: publishable keys for browsers (bound to allowed origins) and secret keys for servers.
import * as z from 'zod'
import { Id, Instant } from './common.js'

export const KeyKind = z.enum(['publishable', 'secret'])
export type KeyKind = z.infer<typeof KeyKind>
export const KeyMode = z.enum(['test', 'live'])
export type KeyMode = z.infer<typeof KeyMode>

export const ApiKey = z
  .object({
    id: Id,
    kind: KeyKind,
    mode: KeyMode,
    label: z.string().nullable(),
    hint: z
      .string()
      .meta({ description: 'The whole publishable key, or the first and last characters of a secret key' }),
    createdAt: Instant,
    revokedAt: Instant.nullable(),
    expiresAt: Instant.nullable().meta({
      description: 'Set when the key was rolled: it works until then, and is refused from then on',
    }),
    replacedBy: Id.nullable().meta({ description: 'The key that replaced this one when it was rolled' }),
  })
  .meta({ id: 'ApiKey' })
export type ApiKey = z.infer<typeof ApiKey>

export const CreateApiKey = z
  .object({
    kind: KeyKind,
    mode: KeyMode.default('test'),
    label: z.string().trim().max(100).nullable().default(null),
  })
  .strict()
export type CreateApiKey = z.infer<typeof CreateApiKey>

export const ApiKeyCreated = z
  .object({
    key: ApiKey,
    token: z.string().meta({ description: 'Shown once; only a hash is stored' }),
  })
  .meta({ id: 'ApiKeyCreated' })
export type ApiKeyCreated = z.infer<typeof ApiKeyCreated>

export const MAX_KEY_OVERLAP_HOURS = 168
export const DEFAULT_KEY_OVERLAP_HOURS = 24

export const RollApiKey = z
  .object({
    overlapHours: z
      .number()
      .min(0)
      .max(MAX_KEY_OVERLAP_HOURS)
      .default(DEFAULT_KEY_OVERLAP_HOURS)
      .meta({ description: 'How long the old key keeps working beside the new one; 0 stops it at once' }),
  })
  .strict()
export type RollApiKey = z.infer<typeof RollApiKey>

export const ApiKeyRolled = z
  .object({
    key: ApiKey,
    token: z.string().meta({ description: "The new key's token; shown once, only a hash is stored" }),
    /** The rolled key, with the `expiresAt` it now has. */
    previous: ApiKey,
  })
  .meta({ id: 'ApiKeyRolled' })
export type ApiKeyRolled = z.infer<typeof ApiKeyRolled>
