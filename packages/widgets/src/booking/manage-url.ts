// The patient's own page for a booking, served by the API: see it and cancel it within the clinic's rules.
export { manageUrl } from '@frontdesk/contracts'
