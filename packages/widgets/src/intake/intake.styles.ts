// The intake form's look on top of the shared widget styles: fieldsets, options, progress, the
// signature pad and attached files, all through the same --frontdesk-* tokens.
import { css } from 'lit'

export const intakeStyles = css`
  h3 {
    margin: 0 0 0.75rem;
    font-size: 1.125em;
  }
  fieldset {
    margin: 0 0 1rem;
    padding: 0;
    border: none;
    min-width: 0;
  }
  legend {
    padding: 0;
    margin-bottom: 0.25rem;
    font-weight: 600;
  }
  .group,
  .entry {
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .entry {
    background: var(--_surface);
  }
  .entries {
    margin: 0 0 1rem;
  }
  .required {
    font-weight: 400;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .option {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    min-height: 44px;
    font-weight: 400;
    cursor: pointer;
  }
  .option input {
    width: 1.25rem;
    height: 1.25rem;
    min-height: 0;
    margin: 0;
    accent-color: var(--_accent);
  }
  .subfield label {
    font-weight: 400;
  }
  .progress {
    display: grid;
    gap: 0.25rem;
    margin: 0 0 1rem;
    color: var(--_muted);
    font-size: 0.875em;
  }
  progress {
    width: 100%;
    height: 0.5rem;
    accent-color: var(--_accent);
  }
  .summary:not(:empty) {
    padding: 0.75rem;
    margin: 0 0 1rem;
    background: var(--_surface);
    border-inline-start: 4px solid var(--_error);
    border-radius: var(--_radius);
  }
  .display {
    padding: 0.75rem;
    background: var(--_surface);
    border-radius: var(--_radius);
  }
  .pad {
    display: block;
    width: 100%;
    aspect-ratio: 3 / 1;
    height: auto;
    margin: 0 0 0.5rem;
    background: #fff;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    touch-action: none;
    cursor: crosshair;
  }
  .files {
    display: grid;
    gap: 0.5rem;
    margin: 0 0 0.5rem;
    padding: 0;
    list-style: none;
  }
  .file {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .file canvas {
    max-width: 10rem;
    border-radius: var(--_radius);
  }
  .chip {
    padding: 0.25rem 0.625rem;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: 999px;
  }
  .nav {
    justify-content: space-between;
  }
  .nav .primary {
    margin-inline-start: auto;
  }
`
