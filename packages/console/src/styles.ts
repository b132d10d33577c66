// The console's look: the widgets' tokens and controls (@frontdesk/widgets/styles), laid out for a desk.
import { styles as widgetStyles } from '@frontdesk/widgets/styles'
import { css } from 'lit'

const layout = css`
  :host {
    max-width: none;
    min-height: 100vh;
  }
  .page {
    display: grid;
    grid-template-columns: 14rem 1fr;
    grid-template-rows: auto 1fr;
    grid-template-areas: 'banner banner' 'nav main';
    min-height: 100vh;
  }
  .page.plain {
    grid-template-columns: 1fr;
    grid-template-areas: 'banner' 'main';
  }
  header {
    grid-area: banner;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    justify-content: space-between;
    padding: 0.5rem 1rem;
    border-bottom: 1px solid var(--_border);
    background: var(--_surface);
  }
  .brand {
    font-weight: 700;
  }
  .who {
    display: flex;
    gap: 0.75rem;
    align-items: center;
    color: var(--_muted);
  }
  nav {
    grid-area: nav;
    padding: 1rem 0.5rem;
    border-right: 1px solid var(--_border);
  }
  nav ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.25rem;
  }
  nav a {
    display: flex;
    align-items: center;
    min-height: 44px;
    padding: 0 0.75rem;
    border-radius: var(--_radius);
    color: var(--_fg);
    text-decoration: none;
  }
  nav a:hover {
    background: var(--_surface);
  }
  nav a[aria-current='page'] {
    background: var(--_accent);
    color: var(--_accent-fg);
    font-weight: 600;
  }
  main {
    grid-area: main;
    padding: 1rem 1.5rem 3rem;
    min-width: 0;
    max-width: 72rem;
  }
  .narrow {
    max-width: 28rem;
  }
  @media (max-width: 48rem) {
    .page {
      grid-template-columns: 1fr;
      grid-template-areas: 'banner' 'nav' 'main';
    }
    nav {
      border-right: none;
      border-bottom: 1px solid var(--_border);
    }
    nav ul {
      grid-auto-flow: column;
      overflow-x: auto;
    }
  }
`

const content = css`
  h1 {
    margin: 0 0 1rem;
    font-size: 1.5em;
    line-height: 1.25;
  }
  h1:focus {
    outline: none;
  }
  h1:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  h2 {
    margin-top: 1.5rem;
  }
  a {
    color: var(--_accent);
  }
  a:focus-visible,
  select:focus-visible,
  summary:focus-visible,
  input[type='checkbox']:focus-visible,
  input[type='radio']:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  select {
    font: inherit;
    color: inherit;
    background: var(--_bg);
    min-height: 44px;
    padding: 0.5rem 0.625rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  input[type='checkbox'],
  input[type='radio'] {
    width: 1.25rem;
    min-height: 1.25rem;
    height: 1.25rem;
    margin: 0;
  }
  .check {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    min-height: 44px;
    font-weight: 400;
  }
  .check + .choice-hint {
    margin: -0.5rem 0 0.5rem 1.75rem;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0 0 1rem;
    padding: 0.5rem 1rem;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: 0 1rem;
  }
  .panel {
    padding: 1rem;
    margin: 0 0 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  /* White round the code whatever the theme: scanners need the light quiet zone. */
  .totp-qr {
    display: block;
    margin: 0 0 0.75rem;
  }
  .secret {
    display: block;
    font-family: ui-monospace, monospace;
    padding: 0.5rem;
    margin: 0 0 0.75rem;
    background: var(--_bg);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    margin: 0 0 1rem;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding: 0 0 0.5rem;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: 0.5rem 0.5rem;
    border-bottom: 1px solid var(--_border);
  }
  th {
    font-weight: 600;
  }
  td .row {
    margin: 0 0 0.5rem;
  }
  .row > input {
    width: auto;
  }
  .mono {
    font-family: ui-monospace, monospace;
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem 1rem;
    margin: 0 0 1rem;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
  }
  .tabs {
    display: flex;
    gap: 0.5rem;
    margin: 0 0 1rem;
  }
  .tabs [aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_accent-fg);
    border-color: var(--_accent);
  }
  .snippet {
    white-space: pre-wrap;
    font-size: 0.875em;
  }
  .checklist {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  /* Green on the light surface at 6:1: done items read as done without the colour too. */
  .checklist .done {
    color: #1b6e35;
  }
  .origins {
    padding: 0;
    list-style: none;
  }
  .danger {
    color: var(--_error);
    border-color: var(--_error);
  }
  /* The form editor: the draft beside its live preview, one column on a narrow screen. */
  .editor {
    display: grid;
    grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
    gap: 1rem;
    align-items: start;
  }
  @media (max-width: 60rem) {
    .editor {
      grid-template-columns: 1fr;
    }
  }
  .issue {
    color: var(--_error);
    margin: 0.25rem 0 0.5rem;
  }
`

export const consoleStyles = [widgetStyles, layout, content]

/** The document around the element: no margin, the token background behind it. */
export const pageStyles = css`
  body {
    margin: 0;
  }
`
