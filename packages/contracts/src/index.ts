// @frontdesk/contracts: the one source of the Frontdesk wire format.
export * from './availability.js'
export * from './bookings.js'
export * from './catalogue.js'
export * from './common.js'
export * from './errors.js'
export * from './keys.js'
export * from './rules.js'
