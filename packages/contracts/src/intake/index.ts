// @frontdesk/contracts/intake: form definitions, answers and the one validator, without zod, for
// browsers and the server alike.

export * from './judge.js'
export * from './types.js'
export * from './validate.js'
