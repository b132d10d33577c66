// Consent documents and records on the wire.
export * from './documents.js'
export * from './receipt.js'
export * from './records.js'
