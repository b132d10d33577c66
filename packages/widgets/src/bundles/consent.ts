// The script-tag bundle served at /v1/widgets/consent.js: Lit and <frontdesk-consent> alone, for a page that needs nothing else.
import '../consent/define.js'
