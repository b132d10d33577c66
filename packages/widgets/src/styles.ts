// The widgets' look: system defaults that sit well on a plain page, themable through
// --frontdesk-* custom properties and ::part() names, light by default, dark on request or with the OS.
import { css } from 'lit'

// The dark palette, for theme="dark" and for theme="auto" when the system asks for dark.
const dark = css`
  --_accent: var(--frontdesk-accent, #8cc4ff);
  --_accent-fg: var(--frontdesk-accent-text, #0b1a2a);
  --_bg: var(--frontdesk-background, #14181d);
  --_fg: var(--frontdesk-text, #e9eef3);
  --_muted: var(--frontdesk-muted, #b3bec9);
  --_border: var(--frontdesk-border, #7d8a97);
  --_surface: var(--frontdesk-surface, #1f252c);
  --_error: var(--frontdesk-error, #ffb4ab);
  --_focus: var(--frontdesk-focus, #8cc4ff);
  color-scheme: dark;
`

export const styles = css`
  :host {
    --_accent: var(--frontdesk-accent, #0b5cad);
    --_accent-fg: var(--frontdesk-accent-text, #ffffff);
    --_bg: var(--frontdesk-background, #ffffff);
    --_fg: var(--frontdesk-text, #1d232b);
    --_muted: var(--frontdesk-muted, #4f5b67);
    --_border: var(--frontdesk-border, #8a96a3);
    --_surface: var(--frontdesk-surface, #f3f6f9);
    --_error: var(--frontdesk-error, #b3261e);
    --_focus: var(--frontdesk-focus, #0b5cad);
    --_radius: var(--frontdesk-radius, 0.5rem);
    display: block;
    max-width: var(--frontdesk-max-width, 40rem);
    color: var(--_fg);
    background: var(--_bg);
    font: var(--frontdesk-font, inherit);
    line-height: 1.5;
    color-scheme: light;
  }
  :host([theme='dark']) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${dark}
    }
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  .container {
    padding: 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .steps {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0 0 1rem;
    padding: 0;
    list-style: none;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .steps [aria-current='step'] {
    color: var(--_fg);
    font-weight: 600;
    text-decoration: underline;
    text-underline-offset: 0.25em;
  }
  h2,
  h3 {
    margin: 0 0 0.75rem;
    font-size: 1.25em;
    line-height: 1.3;
  }
  h2:focus,
  h3:focus {
    outline: none;
  }
  h2:focus-visible,
  h3:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  p {
    margin: 0 0 0.75rem;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.875em;
  }
  button {
    font: inherit;
    color: inherit;
    min-height: 44px;
    min-width: 44px;
    padding: 0.5rem 0.875rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    cursor: pointer;
    text-align: start;
  }
  button:hover:not(:disabled) {
    border-color: var(--_accent);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  button:focus-visible,
  input:focus-visible,
  textarea:focus-visible,
  [role='option']:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .primary {
    background: var(--_accent);
    color: var(--_accent-fg);
    border-color: var(--_accent);
    font-weight: 600;
    text-align: center;
  }
  .choices {
    display: grid;
    gap: 0.5rem;
    margin: 0 0 1rem;
    padding: 0;
    list-style: none;
  }
  .choice {
    width: 100%;
    display: flex;
    flex-direction: column;
    align-items: flex-start;
  }
  .choice .detail {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin: 0 0 1rem;
  }
  .days {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(7.5rem, 1fr));
    gap: 0.5rem;
    margin: 0 0 1rem;
  }
  .day[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_accent-fg);
    border-color: var(--_accent);
  }
  .day .count {
    display: block;
    font-size: 0.8125em;
  }
  .times {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(5.5rem, 1fr));
    gap: 0.5rem;
    margin: 0 0 1rem;
    padding: 0;
  }
  [role='option'] {
    display: flex;
    align-items: center;
    justify-content: center;
    min-height: 44px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    cursor: pointer;
    font-variant-numeric: tabular-nums;
  }
  [role='option']:hover {
    border-color: var(--_accent);
  }
  .field,
  .subfield {
    display: grid;
    gap: 0.25rem;
    margin: 0 0 1rem;
  }
  label {
    font-weight: 600;
  }
  input,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_bg);
    min-height: 44px;
    width: 100%;
    padding: 0.5rem 0.625rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  [aria-invalid='true'] {
    border-color: var(--_error);
    border-width: 2px;
  }
  .issue,
  .alert {
    color: var(--_error);
  }
  .alert {
    padding: 0.75rem;
    border: 2px solid var(--_error);
    border-radius: var(--_radius);
    margin: 0 0 1rem;
  }
  .alert:empty {
    display: none;
  }
  .status {
    padding: 0.75rem;
    background: var(--_surface);
    border-radius: var(--_radius);
    margin: 0 0 1rem;
  }
  .countdown {
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .link {
    border: none;
    background: none;
    color: var(--_accent);
    text-decoration: underline;
    padding-inline: 0.25rem;
  }
  @media (prefers-reduced-motion: no-preference) {
    button,
    [role='option'] {
      transition: border-color 120ms ease;
    }
  }
`
