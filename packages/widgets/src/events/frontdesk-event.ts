// The base of every event a Frontdesk element sends: it bubbles and crosses shadow roots, so a page hears
// it wherever it listens, and its name keeps the `frontdesk-` prefix apart from the page's own events.

/**
 * What the elements tell the page they sit on. Details carry ids and step names only: a page and its
 * analytics may listen to every event without receiving a patient's name, contact or answers.
 */
export class FrontdeskEvent<Detail> extends CustomEvent<Detail> {
  constructor(type: `frontdesk-${string}`, detail: Detail) {
    super(type, { detail, bubbles: true, composed: true })
  }
}
