// The isolated-mode loader served at /v1/widgets/isolated.js: defines the four tags as frame hosts, so a
// page that only embeds isolated widgets loads a few KB instead of the widgets themselves.
import { FRAME_TAGS, frameHostClass } from './frame-hosts.js'

for (const [tag, element] of Object.entries(FRAME_TAGS)) {
  // A page that also loads widgets.js keeps whichever came first; both honour `isolated`.
  if (!customElements.get(tag)) customElements.define(tag, frameHostClass(element))
}
