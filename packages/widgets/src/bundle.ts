// The script-tag bundle served at /v1/widgets.js: Lit and the three components in one self-contained module.
import './index.js'
