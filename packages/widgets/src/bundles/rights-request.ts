// The script-tag bundle served at /v1/widgets/rights-request.js: Lit and <frontdesk-rights-request> alone, for a page that needs nothing else.
import '../rights/define.js'
