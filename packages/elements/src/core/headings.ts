/**
 * Headings at the level the partner's page needs: `heading-level` (default 2) is the level of an
 * element's own headings, and sub-headings sit one below. Sizes come from `--hub-heading-size`.
 */
import { type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';

const tags = [1, 2, 3, 4, 5, 6].map((n) => unsafeStatic(`h${n}`));

/** A valid heading level (1–6) from an attribute's value, `below` levels under it. */
export function levelOf(level: unknown, below = 0): number {
  const n = Math.trunc(Number(level));
  return Math.min(6, Math.max(1, (Number.isFinite(n) && n >= 1 ? n : 2) + below));
}

export interface HeadingOptions {
  part?: string;
  id?: string;
  /** Takes focus when the step opens (tabindex -1). */
  focusable?: boolean;
}

/** `<hN class=…>content</hN>` at `level` (1–6). */
export function heading(
  level: number,
  className: string,
  content: unknown,
  o: HeadingOptions = {},
): TemplateResult {
  const tag = tags[levelOf(level) - 1];
  return staticHtml`<${tag} class=${className} part=${ifDefined(o.part)} id=${ifDefined(o.id)} tabindex=${ifDefined(
    o.focusable ? '-1' : undefined,
  )}>${content}</${tag}>`;
}
