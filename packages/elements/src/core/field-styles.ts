/** Styles of the shared fields, buttons and error summary (core/fields.ts). */
import { css, type CSSResultGroup } from 'lit';

export const fieldStyles: CSSResultGroup = css`
  .form-group {
    margin-block-end: calc(var(--_space) * 1.5);
  }
  .form-group--error {
    padding-inline-start: 0.75rem;
    border-inline-start: 5px solid var(--_error);
  }
  .label,
  .legend {
    display: block;
    margin-block-end: 0.3rem;
    font-weight: 400;
  }
  .label-wrapper,
  .legend__heading {
    margin: 0;
    font-size: 1.5em;
    font-weight: 700;
  }
  .label-wrapper .label {
    font-size: inherit;
    font-weight: inherit;
  }
  .legend--heading {
    margin-block-end: 0.6rem;
  }
  .fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  .hint {
    margin-block-end: 0.6rem;
    color: var(--_secondary-text);
  }
  .error-message {
    margin: 0 0 0.6rem;
    color: var(--_error);
    font-weight: 700;
  }
  .input,
  .textarea,
  select {
    display: block;
    inline-size: 100%;
    min-block-size: 2.5rem;
    padding: 0.3rem;
    border: 2px solid var(--_input-border);
    border-radius: var(--_radius);
    font: inherit;
    color: var(--_text);
    background: var(--_background);
  }
  .input--width-2 {
    max-inline-size: 5.4ex;
  }
  .input--width-3 {
    max-inline-size: 7.2ex;
  }
  .input--width-4 {
    max-inline-size: 9ex;
  }
  .input--width-5 {
    max-inline-size: 10.8ex;
  }
  .input--width-10 {
    max-inline-size: 20ex;
  }
  .input--width-20 {
    max-inline-size: 38ex;
  }
  .input--width-30 {
    max-inline-size: 56ex;
  }
  .input--error {
    border-color: var(--_error);
  }
  .radios,
  .checkboxes {
    display: flex;
    flex-direction: column;
    gap: 0.6rem;
  }
  .radios--inline,
  .checkboxes--inline {
    flex-direction: row;
    flex-wrap: wrap;
    column-gap: 1.5rem;
  }
  .choice {
    display: grid;
    grid-template-columns: 2.5rem 1fr;
    align-items: center;
    column-gap: 0.5rem;
  }
  .choice__input {
    inline-size: 2.5rem;
    block-size: 2.5rem;
    margin: 0;
    accent-color: var(--_text);
    cursor: pointer;
  }
  .choice__label {
    cursor: pointer;
    padding-block: 0.4rem;
  }
  .choice__hint {
    grid-column: 2;
    margin: 0;
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    min-block-size: 2.75rem;
    min-inline-size: 2.75rem;
    padding: 0.5rem 1rem;
    border: 2px solid transparent;
    border-radius: var(--_radius);
    box-shadow: 0 2px 0 color-mix(in srgb, var(--_button) 60%, black);
    font: inherit;
    font-weight: 400;
    color: var(--_button-text);
    background: var(--_button);
    cursor: pointer;
  }
  .button--secondary {
    color: var(--_button-secondary-text);
    background: var(--_button-secondary);
    box-shadow: 0 2px 0 var(--_border);
  }
  .button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .button:focus-visible {
    outline: 3px solid transparent;
    color: var(--_focus-text);
    background: var(--_focus);
    box-shadow:
      inset 0 0 0 1px var(--_focus),
      0 2px 0 var(--_focus-text);
  }
  .button-group {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 1rem;
  }
  .error-summary {
    margin-block-end: calc(var(--_space) * 1.5);
    padding: 1rem;
    border: 5px solid var(--_error);
  }
  .error-summary:focus {
    outline: 3px solid var(--_focus);
  }
  .error-summary__title {
    margin-block: 0 1rem;
    font-size: var(--_heading-size);
  }
  .error-summary__list {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .error-summary__list a {
    color: var(--_error);
    font-weight: 700;
  }
  .error-summary__list li + li {
    margin-block-start: 0.4rem;
  }
`;

/** A notice in place of an element's content (not set up, an error, nothing found): the finder's and the tracker's. */
export const noticeStyles: CSSResultGroup = css`
  .notice {
    padding: var(--_space);
    border-inline-start: 5px solid var(--_border);
    background: var(--_surface);
  }
  .notice--error {
    border-inline-start-color: var(--_error);
  }
  .notice p {
    margin-block: 0 var(--_space);
  }
`;
