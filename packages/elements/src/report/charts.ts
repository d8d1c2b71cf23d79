/**
 * The dashboard's charts, hand-written SVG (no chart library: each kind is a few dozen lines,
 * where a library would cost more than the element). Every chart is drawn from the same rows as
 * its data table, is hidden from assistive technology (the visible summary and the table say
 * what it shows), and never tells things apart by colour alone: hidden figures are dashed
 * boxes, and the timeliness segments are solid and striped.
 */
import { html, svg, nothing, type TemplateResult } from 'lit';

/** One cell of a data table: what it shows, and what the CSV holds (null: a hidden figure). */
export interface Cell {
  text: string;
  /** The figure as a spreadsheet reads it (no grouping, pounds as decimals); null where hidden. */
  value: string | number | null;
}

/** A chart's data table: column headers, and rows whose first cell is the row's header. */
export interface DataTable {
  columns: string[];
  rows: Cell[][];
}

/** A bar or column: its label and figure (null where hidden), and the figure as shown. */
export interface Bar {
  label: string;
  value: number | null;
  text: string;
}

/** A round top for an axis: 1, 2 or 5 times a power of ten, at least `n` (at least 1). */
export function niceMax(n: number): number {
  if (!(n > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  for (const step of [1, 2, 5, 10]) if (step * power >= n) return step * power;
  return 10 * power;
}

const WIDTH = 480;
const ROW = 44;

/** Horizontal bars, each labelled above with its figure at its end: needs, areas, outcomes. */
export function barChart(bars: readonly Bar[], hidden: string): TemplateResult {
  const top = niceMax(Math.max(0, ...bars.map((b) => b.value ?? 0)));
  const room = WIDTH - 90;
  const height = bars.length * ROW + 4;
  return html`<svg
    class="svg"
    viewBox="0 0 ${WIDTH} ${height}"
    width=${WIDTH}
    height=${height}
    aria-hidden="true"
    focusable="false"
  >
    ${bars.map((bar, i) => {
      const y = i * ROW;
      const w = bar.value === null ? 0 : Math.max(bar.value > 0 ? 2 : 0, (bar.value / top) * room);
      return svg`<g class="bar-row">
        <text class="label" x="0" y=${y + 15}>${bar.label}</text>
        ${
          bar.value === null
            ? svg`<rect class="hidden-mark" x="0.5" y=${y + 22.5} width="28" height="15"></rect>
                <text class="value" x="36" y=${y + 35}>${hidden}</text>`
            : svg`<rect class="bar" x="0" y=${y + 22} width=${w} height="16"></rect>
                <text class="value" x=${w + 6} y=${y + 35}>${bar.text}</text>`
        }
      </g>`;
    })}
  </svg>`;
}

/** Columns over time (a trend), with a scale; `compact` for the small multiples. */
export function columnChart(
  columns: readonly Bar[],
  o: { top?: number; compact?: boolean; axisLabel: (i: number) => string | undefined },
): TemplateResult {
  const compact = o.compact ?? false;
  const width = compact ? 220 : 600;
  const height = compact ? 90 : 240;
  const left = compact ? 4 : 36;
  const bottom = compact ? 4 : 28;
  const plot = height - bottom - 8;
  const top = o.top ?? niceMax(Math.max(0, ...columns.map((c) => c.value ?? 0)));
  const slot = (width - left) / Math.max(1, columns.length);
  const barWidth = Math.max(1, slot * 0.7);
  const yOf = (v: number) => 8 + plot - (v / top) * plot;
  const ticks = compact ? [] : [0, top / 2, top];
  return html`<svg
    class="svg ${compact ? 'svg--small' : ''}"
    viewBox="0 0 ${width} ${height}"
    width=${width}
    height=${height}
    aria-hidden="true"
    focusable="false"
  >
    ${ticks.map(
      (t) =>
        svg`<line class="grid" x1=${left} x2=${width} y1=${yOf(t)} y2=${yOf(t)}></line>
          <text class="tick" x=${left - 6} y=${yOf(t) + 4} text-anchor="end">${String(t)}</text>`,
    )}
    <line class="axis" x1=${left} x2=${width} y1=${8 + plot} y2=${8 + plot}></line>
    ${columns.map((c, i) => {
      const x = left + i * slot + (slot - barWidth) / 2;
      const label = o.axisLabel(i);
      return svg`${
        c.value === null
          ? svg`<rect class="hidden-mark" x=${x + 0.5} y=${plot - 3.5} width=${Math.max(1, barWidth - 1)} height="11"></rect>`
          : svg`<rect class="bar" x=${x} y=${yOf(c.value)} width=${barWidth} height=${(c.value / top) * plot}></rect>`
      }${
        label === undefined || compact
          ? nothing
          : svg`<text class="tick" x=${x + barWidth / 2} y=${height - 8} text-anchor="middle">${label}</text>`
      }`;
    })}
  </svg>`;
}

/** One step's referrals within the target and outside it (null where hidden). */
export interface Split {
  label: string;
  within: number | null;
  outside: number | null;
  texts: [string, string];
}

/**
 * Each step as one bar: within the target (solid) and outside it (striped), so the bar is the
 * share within target. Those still waiting with the target not yet passed are in neither (the
 * table has them).
 */
export function splitChart(id: string, splits: readonly Split[], hidden: string): TemplateResult {
  const height = splits.length * 56;
  const hatch = `${id}-hatch`;
  return html`<svg
    class="svg"
    viewBox="0 0 ${WIDTH} ${height}"
    width=${WIDTH}
    height=${height}
    aria-hidden="true"
    focusable="false"
  >
    <defs>
      <pattern id=${hatch} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect class="pattern-ground" width="6" height="6"></rect>
        <line class="pattern-ink" x1="0" y1="0" x2="0" y2="6" stroke-width="3"></line>
      </pattern>
    </defs>
    ${splits.map((s, i) => {
      const y = i * 56;
      const { within, outside } = s;
      const sum = (within ?? 0) + (outside ?? 0);
      const w = within === null || sum === 0 ? 0 : (within / sum) * WIDTH;
      return svg`<g>
        <text class="label" x="0" y=${y + 15}>${s.label}</text>
        ${
          within === null || outside === null || sum === 0
            ? svg`<rect class="hidden-mark" x="0.5" y=${y + 22.5} width="28" height="19"></rect>
                <text class="value" x="36" y=${y + 37}>${within === null || outside === null ? hidden : '0'}</text>`
            : svg`<rect class="bar" x="0" y=${y + 22} width=${w} height="20"></rect>
                <rect class="seg" x=${w} y=${y + 22} width=${WIDTH - w} height="20" fill=${`url(#${hatch})`}></rect>
                ${w > 44 ? svg`<text class="segment" x="4" y=${y + 37}>${s.texts[0]}</text>` : nothing}
                ${WIDTH - w > 44 ? svg`<text class="segment segment--on-pattern" x=${w + 4} y=${y + 37}>${s.texts[1]}</text>` : nothing}`
        }
      </g>`;
    })}
  </svg>`;
}

/** A legend swatch drawn as the chart `id` draws that segment (with that chart's pattern). */
export function swatch(id: string, kind: 'solid' | 'striped'): TemplateResult {
  return html`<svg
    class="swatch"
    viewBox="0 0 18 18"
    width="18"
    height="18"
    aria-hidden="true"
    focusable="false"
  >
    <rect
      class=${kind === 'solid' ? 'bar' : 'seg'}
      x="0.5"
      y="0.5"
      width="17"
      height="17"
      fill=${kind === 'solid' ? nothing : `url(#${id}-hatch)`}
    ></rect>
  </svg>`;
}

/** A data table as CSV (RFC 4180, CRLF), with a byte order mark so spreadsheets read UTF-8. */
export function toCsv(table: DataTable, hidden: string): string {
  const quote = (cell: string | number) => {
    const text = String(cell);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [
    table.columns.map(quote),
    ...table.rows.map((row) => row.map((cell, i) => quote(i === 0 ? cell.text : (cell.value ?? hidden)))),
  ];
  return `\uFEFF${lines.map((line) => line.join(',')).join('\r\n')}\r\n`;
}
