// @frontdesk/api as a library: build the app, open storage, migrate, seed, serve, seal fields.
export { type CreateAppOptions, createApp, type FrontdeskApp } from './app.js'
export { createClinic } from './catalogue/clinic-store.js'
export { RegionError } from './catalogue/region.js'
export { MasterKeyError, SealedDataError } from './crypto/errors.js'
export { FieldCipher, type FieldCipherOptions } from './crypto/field-cipher.js'
export {
  type LoadMasterKeyOptions,
  loadMasterKey,
  MasterKey,
  type MasterKeyRing,
} from './crypto/master-key.js'
export {
  DEFAULT_CONNECT_TIMEOUT_MS,
  type OpenDatabaseOptions,
  type OpenedDatabase,
  openDatabase,
} from './db/database.js'
export { migrate } from './db/migrate.js'
export { DEFAULT_STUCK_AFTER_MS } from './db/prepared.js'
export type { AppDeps, ClinicContext, Principal } from './env.js'
export { createApiKey } from './keys/store.js'
export { createLogger, type Logger } from './logger.js'
export { seedDemoClinic } from './seed.js'
export { openStorage, type RunningServer, startServer, storageFromEnv } from './server.js'
