// The consent form's look on top of the shared widget and form styles: each document's text in a
// scrolling box that keyboard users can focus, its decision below, and the receipts once recorded.
import { css } from 'lit'

export const consentStyles = css`
  .document {
    margin: 0 0 1.5rem;
    padding-top: 1rem;
    border-top: 1px solid var(--_border);
  }
  .text {
    max-height: 18rem;
    overflow: auto;
    padding: 0.75rem 1rem;
    margin: 0 0 1rem;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow-wrap: break-word;
  }
  .text:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .text > :last-child {
    margin-bottom: 0;
  }
  .text h2,
  .text h3,
  .text h4 {
    font-size: 1em;
  }
  .text blockquote {
    margin: 0 0 0.75rem;
    padding-inline-start: 0.75rem;
    border-inline-start: 3px solid var(--_border);
  }
  a {
    color: var(--_accent);
  }
  fieldset:disabled .option {
    cursor: default;
  }
  .recorded {
    font-weight: 600;
  }
  .receipts {
    display: grid;
    gap: 0.75rem;
    margin: 0 0 1rem;
    padding: 0;
    list-style: none;
  }
  .receipts li {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    align-items: baseline;
    padding: 0.75rem;
    background: var(--_surface);
    border-radius: var(--_radius);
  }
  .receipts .title {
    font-weight: 600;
  }
  .receipts a {
    min-height: 44px;
    display: inline-flex;
    align-items: center;
    margin-inline-start: auto;
  }
`
