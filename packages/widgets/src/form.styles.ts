// What the intake and consent forms share on top of the widget styles: step headings, fieldsets named by
// their legends, radio and checkbox options a finger can hit, and the live summary of what needs fixing.
import { css } from 'lit'

export const formStyles = css`
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
  .summary:not(:empty) {
    padding: 0.75rem;
    margin: 0 0 1rem;
    background: var(--_surface);
    border-inline-start: 4px solid var(--_error);
    border-radius: var(--_radius);
  }
`
