// @frontdesk/api as a library: build the app, open storage, migrate, seed, serve.
export { type CreateAppOptions, createApp, type FrontdeskApp } from './app.js'
export { type OpenDatabaseOptions, type OpenedDatabase, openDatabase } from './db/database.js'
export { migrate } from './db/migrate.js'
export type { AppDeps, ClinicContext, Principal } from './env.js'
export { createLogger, type Logger } from './logger.js'
export { seedDemoClinic } from './seed.js'
export { openStorage, type RunningServer, startServer, storageFromEnv } from './server.js'
export { createApiKey, createClinic } from './services/clinics.js'
