/** Styles of `<hub-consent-capture>`: logical properties only, so right-to-left pages mirror it. */
import { css, type CSSResultGroup } from 'lit';

export const consentStyles: CSSResultGroup = css`
  .privacy-notice,
  .notice-box,
  .failure {
    padding: var(--_space);
    margin-block-end: calc(var(--_space) * 1.5);
    border-inline-start: 5px solid var(--_border);
    background: var(--_surface);
  }
  .failure {
    border-inline-start-color: var(--_error);
  }
  .notice-heading,
  .failure-title,
  .outcome-title {
    margin-block: 0 var(--_space);
    font-size: var(--_heading-size);
  }
  .notice-version {
    margin-block: 0 var(--_space);
    color: var(--_secondary-text);
  }
  /* The page's own HTML flows as HTML (its source's line breaks are not the notice's); only a
     notice given as plain text keeps its line breaks. */
  .notice-text--plain {
    white-space: pre-line;
  }
  .notice-text {
    max-block-size: 20em;
    overflow-y: auto;
  }
  .notice-text:empty {
    display: none;
  }
  .link {
    color: var(--_link);
  }
  .conditional {
    margin-inline-start: calc(var(--_space) * 1.1);
    padding-inline-start: var(--_space);
    border-inline-start: 4px solid var(--_border);
    margin-block-end: var(--_space);
  }
  .confirm {
    padding: var(--_space);
    margin-block-end: var(--_space);
    border: 2px solid var(--_border);
  }
  .confirm-title {
    margin-block: 0 var(--_space);
    font-size: var(--_subheading-size);
  }
  .decisions {
    margin-block: var(--_space);
  }
  .decision {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2) var(--_space);
    padding-block: calc(var(--_space) / 2);
    border-block-end: 1px solid var(--_border);
  }
  .decision dt {
    flex: 1 1 20em;
  }
  .decision dd {
    margin: 0;
    font-weight: 700;
  }
`;
