// The signature box's look, shared by intake and consent: white like paper in either theme, as wide as
// the form, 3 to 1 like the picture sent.
import { css } from 'lit'

export const signatureStyles = css`
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
`
