// Kept only for packages/sdk/test/setup/api-server.ts (the SDK's area), which creates its clinic and keys
// from this path; once that import names catalogue/clinic-store.js and keys/store.js, this file goes.
export { createClinic } from '../catalogue/clinic-store.js'
export { createApiKey } from '../keys/store.js'
