/** Styles of `<hub-service-finder>`: logical properties only, so right-to-left pages mirror it. */
import { css, type CSSResultGroup } from 'lit';

export const finderStyles: CSSResultGroup = css`
  .form {
    margin-block-end: calc(var(--_space) * 2);
  }
  .select {
    max-inline-size: 30ch;
  }
  /* Set here, not with textField's width option, which writes a style attribute that a strict
     Content-Security-Policy (no 'unsafe-inline' styles) refuses. */
  #postcode {
    max-inline-size: 13ch;
  }
  .results-title {
    margin-block: 0 var(--_space);
    font-size: var(--_heading-size);
  }
  .loading {
    color: var(--_secondary-text);
  }
  .results {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .result {
    padding-block: var(--_space);
    border-block-start: 1px solid var(--_border);
  }
  .result:last-child {
    border-block-end: 1px solid var(--_border);
    margin-block-end: var(--_space);
  }
  .result__title {
    margin-block: 0 0.3rem;
    font-size: var(--_subheading-size);
    color: var(--_link);
  }
  .result__organisation,
  .result__distance {
    margin-block: 0 0.3rem;
    color: var(--_secondary-text);
  }
  .result__distance {
    font-weight: 700;
  }
  .result__alert {
    margin-block: 0 0.3rem;
    padding-inline-start: 0.6rem;
    border-inline-start: 5px solid var(--_brand);
    font-weight: 700;
  }
  .result__description {
    margin-block: 0 0.6rem;
  }
  .result__facts {
    margin-block: 0 var(--_space);
  }
  .result__facts dt {
    margin-block-start: 0.6rem;
    font-weight: 700;
  }
  .result__facts dd {
    margin-inline-start: 0;
    margin-block: 0.2rem;
    overflow-wrap: anywhere;
  }
  .result__facts a {
    display: inline-block;
    min-block-size: 24px;
  }
  .more[aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }
`;
