/** Styles of `<hub-referral-tracker>`: logical properties only, so right-to-left pages mirror it. */
import { css, type CSSResultGroup } from 'lit';

export const trackerStyles: CSSResultGroup = css`
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    margin-block-end: var(--_space);
  }
  .filters .form-group {
    margin-block-end: 0;
  }
  .select {
    max-inline-size: 100%;
  }
  .notice__title {
    margin-block: 0 var(--_space);
    font-size: var(--_heading-size);
  }
  .loading,
  .refresh-failed {
    color: var(--_secondary-text);
  }
  /* A narrow screen scrolls the table sideways rather than squeezing its columns. */
  .table-wrap {
    overflow-x: auto;
    margin-block-end: var(--_space);
  }
  .table {
    inline-size: 100%;
    border-collapse: collapse;
  }
  caption {
    padding-block-end: 0.6rem;
    font-size: var(--_heading-size);
    font-weight: 700;
    text-align: start;
  }
  .caption__hint {
    display: block;
    font-size: 1rem;
    font-weight: 400;
    color: var(--_secondary-text);
  }
  th,
  td {
    padding: 0.6rem 0.75rem 0.6rem 0;
    padding-inline: 0 0.75rem;
    border-block-end: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }
  thead th {
    border-block-end-width: 2px;
    white-space: nowrap;
  }
  tbody th {
    font-weight: 400;
  }
  /* Header and row buttons look like text and links, at least 24 px high (WCAG 2.2 target size). */
  .sort,
  .open {
    min-block-size: 24px;
    padding: 0.2rem 0;
    border: 0;
    font: inherit;
    font-weight: 700;
    color: var(--_link);
    background: none;
    cursor: pointer;
    text-align: start;
  }
  .open .reference {
    text-decoration: underline;
    text-underline-offset: 0.15em;
    font-variant-numeric: tabular-nums;
  }
  .sort__icon {
    display: inline-block;
    margin-inline-start: 0.3rem;
  }
  .sort:focus-visible,
  .open:focus-visible {
    color: var(--_focus-text);
    background: var(--_focus);
  }
  .status {
    display: inline-block;
    padding-inline: 0.4rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    white-space: nowrap;
  }
  .row--open > * {
    border-block-end: 0;
  }
  .detail {
    padding: var(--_space);
    border-inline-start: 5px solid var(--_brand);
    background: var(--_surface);
  }
  .detail__title {
    margin-block: 0 0.6rem;
    font-size: var(--_subheading-size);
  }
  .detail__subtitle {
    margin-block: 0 0.4rem;
    font-size: 1em;
  }
  .detail__columns {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 2);
  }
  .detail__columns > section {
    flex: 1 1 16rem;
  }
  .detail__restricted {
    font-weight: 700;
  }
  .timeline {
    margin: 0;
    padding-inline-start: 1.2rem;
  }
  .timeline li + li {
    margin-block-start: 0.4rem;
  }
  .timeline__when,
  .timeline__who,
  .outcomes__when {
    color: var(--_secondary-text);
  }
  .timeline__when {
    display: block;
    font-size: 0.9em;
  }
  .outcomes {
    margin: 0;
  }
  .outcomes__item + .outcomes__item {
    margin-block-start: 0.4rem;
  }
  .outcomes dt {
    font-weight: 700;
  }
  .outcomes dd {
    margin: 0;
  }
  .more[aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }
  @media (forced-colors: active) {
    .sort,
    .open {
      color: LinkText;
    }
    .sort:focus-visible,
    .open:focus-visible {
      outline: 3px solid Highlight;
      color: LinkText;
      background: Canvas;
    }
    .detail {
      border: 1px solid CanvasText;
    }
  }
`;
