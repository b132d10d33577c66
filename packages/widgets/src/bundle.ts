// The script-tag bundle served at /v1/widgets.js: Lit and the four components in one self-contained module.
import './index.js'
