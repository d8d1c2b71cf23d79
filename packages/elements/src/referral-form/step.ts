/**
 * What every step of the referral form renders from: the answers, the errors placed on the step,
 * the text in the reader's language and a way to change an answer. Each step is a function of
 * this (steps/*.ts); the element keeps the state and the wiring.
 */
import type { TemplateResult } from 'lit';
import { labelOf, type Codelist, type Lang } from '@hubkit/schema';
import { radiosField, textField, type ChoiceOption } from '../core/fields.ts';
import { heading, levelOf } from '../core/headings.ts';
import { common } from '../core/common.ts';
import type { messages } from './messages.ts';
import type { ReferralDraft, YesNo } from './model.ts';

/** The form's own strings, in one language. */
export type FormMessages = (typeof messages)['en'];

export interface StepContext {
  readonly m: FormMessages;
  readonly lang: Lang;
  /** The level of the form's own headings (`heading-level`); sections sit one below. */
  readonly headingLevel: number;
  readonly draft: ReferralDraft;
  /** The error message on a field of this step (by the id of its control), if any. */
  error(field: string): string | undefined;
  /** Changes answers (an immutable update of the draft). */
  set(patch: Partial<ReferralDraft>): void;
}

/** A text field bound to a string answer of the draft. */
export function text(
  ctx: StepContext,
  id: string,
  label: string,
  key: keyof ReferralDraft,
  extra: Partial<Parameters<typeof textField>[0]> = {},
): TemplateResult {
  return textField({
    id,
    label,
    value: ctx.draft[key] as string,
    error: ctx.error(id),
    errorPrefix: common[ctx.lang].error,
    onInput: (value) => {
      ctx.set({ [key]: value });
    },
    ...extra,
  });
}

/** Yes and No radios bound to a yes/no answer of the draft. */
export function yesNo(
  ctx: StepContext,
  id: string,
  legend: string,
  key: keyof ReferralDraft,
  hint?: string,
): TemplateResult {
  return radiosField({
    id,
    legend,
    hint,
    inline: true,
    options: [
      { value: 'yes', label: ctx.m.yes },
      { value: 'no', label: ctx.m.no },
    ],
    value: ctx.draft[key] as string,
    error: ctx.error(id),
    errorPrefix: common[ctx.lang].error,
    onChange: (value) => {
      ctx.set({ [key]: value as YesNo });
    },
  });
}

/** The choices of a codelist (or some of its codes), labelled in the reader's language. */
export function options<C extends string>(
  ctx: StepContext,
  list: Codelist<C>,
  codes?: readonly C[],
): ChoiceOption[] {
  return (codes ?? list.codes).map((code) => ({ value: code, label: labelOf(list, code, ctx.lang) }));
}

/** A label with "(optional)" after it. */
export function optional(ctx: StepContext, label: string): string {
  return `${label} ${common[ctx.lang].optional}`;
}

/** A section heading, one level below the form's own (`heading-level`). */
export function sectionHeading(ctx: StepContext, content: unknown): TemplateResult {
  return heading(levelOf(ctx.headingLevel, 1), 'section-heading', content);
}
