/** The referral form's own pieces: back link, date fields, summary list, panel, warning text. */
import { css, type CSSResultGroup } from 'lit';

export const referralFormStyles: CSSResultGroup = css`
  .back-link {
    display: inline-block;
    margin-block-end: var(--_space);
    padding-block: 0.3rem;
    color: var(--_text);
  }
  .back-link::before {
    content: '‹ ';
  }
  .back-link:dir(rtl)::before {
    content: '› ';
  }
  .caption {
    display: block;
    margin-block-end: 0.3rem;
    color: var(--_secondary-text);
  }
  .step-heading {
    margin-block: 0 calc(var(--_space) * 1.5);
    font-size: var(--_heading-size);
    font-weight: 700;
  }
  .section-heading {
    margin-block: calc(var(--_space) * 1.5) var(--_space);
    font-size: var(--_subheading-size);
  }
  .date-input {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
  }
  .date-input .label {
    margin-block-end: 0.3rem;
  }
  .date-input__item input {
    inline-size: 5ch;
  }
  .date-input__item--year input {
    inline-size: 8ch;
  }
  .conditional {
    margin-block-start: 0.5rem;
    margin-inline-start: 1.2rem;
    padding-inline-start: 1.2rem;
    border-inline-start: 4px solid var(--_border);
  }
  .need {
    margin-block-end: calc(var(--_space) * 2);
  }
  .warning {
    display: grid;
    grid-template-columns: 2.5rem 1fr;
    gap: 0.75rem;
    margin-block-end: calc(var(--_space) * 1.5);
    padding: 1rem;
    border: 3px solid var(--_text);
  }
  .warning__icon {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    inline-size: 2.5rem;
    block-size: 2.5rem;
    border-radius: 50%;
    color: var(--_background);
    background: var(--_text);
    font-weight: 700;
    font-size: 1.5em;
  }
  .warning__title {
    margin: 0 0 0.5rem;
    font-weight: 700;
  }
  .warning ul {
    margin: 0 0 0.5rem;
    padding-inline-start: 1.2rem;
  }
  .summary-list {
    margin: 0 0 calc(var(--_space) * 2);
  }
  .summary-list__row {
    display: grid;
    /* Fixed tracks, never 'auto': a row without a Change link lines up with those with one. */
    grid-template-columns: minmax(8rem, 3fr) 5fr minmax(5rem, 2fr);
    gap: 0.5rem 1rem;
    padding-block: 0.6rem;
    border-block-end: 1px solid var(--_border);
  }
  .summary-list__key {
    font-weight: 700;
  }
  .summary-list__value {
    margin: 0;
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  .summary-list__actions {
    margin: 0;
  }
  .summary-list__actions a {
    display: inline-block;
    padding-block: 0.2rem;
  }
  @media (max-width: 40rem) {
    .summary-list__row {
      grid-template-columns: 1fr;
    }
  }
  .panel {
    margin-block-end: calc(var(--_space) * 1.5);
    padding: 1.5rem;
    text-align: center;
    border: 3px solid transparent;
    color: var(--_on-success);
    background: var(--_success);
  }
  .panel__title {
    margin: 0 0 1rem;
    font-size: var(--_heading-size);
  }
  .panel__body {
    font-size: 1.25em;
  }
  .panel__reference {
    display: block;
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  /* Sending: the button keeps focus (a disabled one would drop it), and says it is busy. */
  .button[aria-disabled='true'] {
    cursor: progress;
  }
  .notice {
    margin-block-end: calc(var(--_space) * 1.5);
    padding: 1rem;
    border-inline-start: 10px solid var(--_error);
    background: var(--_surface);
  }
`;
