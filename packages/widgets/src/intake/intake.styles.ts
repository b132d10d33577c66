// The intake form's look on top of the shared widget and form styles: groups, entries, progress and
// attached files, all through the same --frontdesk-* tokens.
import { css } from 'lit'

export const intakeStyles = css`
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
  .display {
    padding: 0.75rem;
    background: var(--_surface);
    border-radius: var(--_radius);
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
