// The script-tag bundle served at /v1/widgets/intake.js: Lit and <frontdesk-intake> alone, for a page that needs nothing else.
import '../intake/define.js'
