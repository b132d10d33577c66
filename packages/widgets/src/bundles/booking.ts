// The script-tag bundle served at /v1/widgets/booking.js: Lit and <frontdesk-booking> alone. When a booking
// is followed by an intake form or consent, their scripts come from the API then (booking/load-element.ts).
import '../booking/define.js'
