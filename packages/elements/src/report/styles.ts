/** Styles of `<hub-report>`: logical properties, charts that reflow, forced colours, print. */
import { css, type CSSResultGroup } from 'lit';

export const reportStyles: CSSResultGroup = css`
  .title {
    margin-block: 0 var(--_space);
    font-size: var(--_heading-size);
  }
  .section__title,
  .notice__title {
    margin-block: 0 0.5rem;
    font-size: var(--_subheading-size);
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    margin-block-end: var(--_space);
  }
  .controls .form-group {
    margin-block-end: 0;
  }
  .select {
    max-inline-size: 100%;
  }
  .period {
    margin-block: 0 0.5rem;
    font-weight: 700;
  }
  .note,
  .hint,
  .loading {
    color: var(--_secondary-text);
  }
  .note,
  .hint,
  .summary {
    margin-block: 0 0.5rem;
    max-inline-size: 45em;
  }
  .headlines,
  .chart {
    margin-block: 0 calc(var(--_space) * 2);
    padding-block-start: var(--_space);
    border-block-start: 1px solid var(--_border);
  }
  .figures {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    margin: 0;
  }
  .figure-item {
    flex: 1 1 10rem;
    padding: 0.75rem;
    border-inline-start: 5px solid var(--_brand);
    background: var(--_surface);
  }
  .figure-item dt {
    font-size: 0.95em;
  }
  .figure-item dd {
    margin: 0.25rem 0 0;
    font-size: 1.6em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  /* Charts scale to the width they have (reflow at 320 px and 400% zoom) but never grow past their own size. */
  .figure {
    margin-block-end: 0.75rem;
  }
  .svg {
    display: block;
    inline-size: 100%;
    max-inline-size: 36rem;
    block-size: auto;
    overflow: visible;
  }
  .svg--small {
    max-inline-size: 14rem;
  }
  .multiples {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .multiple {
    flex: 0 1 14rem;
  }
  .multiple__label {
    margin: 0 0 0.25rem;
    font-weight: 700;
  }
  .svg text {
    fill: var(--_text);
    font: inherit;
    font-size: 14px;
  }
  .svg .tick {
    font-size: 12px;
    fill: var(--_secondary-text);
  }
  .bar {
    fill: var(--_brand);
  }
  .seg {
    stroke: var(--_text);
    stroke-width: 1;
  }
  .pattern-ground {
    fill: var(--_background);
  }
  .pattern-ink {
    stroke: var(--_text);
    fill: var(--_text);
  }
  .svg .segment {
    fill: var(--_button-text);
    paint-order: stroke;
    stroke: var(--_brand);
    stroke-width: 3px;
    font-weight: 700;
  }
  /* On the stripes: text colour with a halo of the background, readable over both. */
  .svg .segment--on-pattern {
    fill: var(--_text);
    stroke: var(--_background);
  }
  .hidden-mark {
    fill: none;
    stroke: var(--_text);
    stroke-dasharray: 3 2;
  }
  .grid,
  .axis {
    stroke: var(--_border);
  }
  .axis {
    stroke: var(--_text);
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem var(--_space);
    margin: 0 0 0.75rem;
    padding: 0;
    list-style: none;
  }
  .legend li {
    display: flex;
    align-items: center;
    gap: 0.4rem;
  }
  .swatch {
    flex: none;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-block-end: 0.5rem;
  }
  .actions .button {
    margin-block-end: 0;
  }
  .data {
    display: none;
  }
  .data--open {
    display: block;
  }
  .table-wrap {
    overflow-x: auto;
  }
  .table {
    border-collapse: collapse;
    min-inline-size: 50%;
  }
  caption {
    padding-block-end: 0.4rem;
    font-weight: 700;
    text-align: start;
  }
  th,
  td {
    padding-block: 0.4rem;
    padding-inline: 0 1rem;
    border-block-end: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }
  thead th {
    border-block-end-width: 2px;
  }
  tbody th {
    font-weight: 400;
  }
  td.number {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  td.hidden-figure {
    text-align: end;
    font-style: italic;
  }
  @media (forced-colors: active) {
    /* System colours, set here rather than left to the browser: SVG paint is not always forced. */
    .svg,
    .swatch {
      forced-color-adjust: none;
    }
    .bar {
      fill: CanvasText;
    }
    .svg text,
    .svg .tick {
      fill: CanvasText;
    }
    .svg .segment {
      fill: Canvas;
      stroke: CanvasText;
    }
    .svg .segment--on-pattern {
      fill: CanvasText;
      stroke: Canvas;
    }
    .seg,
    .hidden-mark,
    .axis,
    .grid,
    .pattern-ink {
      stroke: CanvasText;
    }
    .pattern-ink {
      fill: CanvasText;
    }
    .pattern-ground {
      fill: Canvas;
    }
    .figure-item {
      border: 1px solid CanvasText;
    }
    /* The shared field styles' focused button (CanvasText on Highlight) comes after the tokens'
       forced-colours rule and wins over it: put the system's own button colours back. */
    .button:focus-visible {
      outline: 3px solid Highlight;
      outline-offset: 2px;
      color: ButtonText;
      background: ButtonFace;
    }
  }
  @media print {
    /* The figures on paper: no controls or buttons, every table shown, no chart split across pages. */
    .controls,
    .actions {
      display: none;
    }
    .data {
      display: block;
    }
    .figure,
    .headlines,
    .legend,
    .table-wrap {
      break-inside: avoid;
    }
    .section__title {
      break-after: avoid;
    }
    .table-wrap {
      overflow: visible;
    }
  }
`;
