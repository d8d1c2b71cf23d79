/** Each need's urgency and details, and anything else the hub should know. */
import { html, type TemplateResult } from 'lit';
import { labelOf, needCodes, urgencyCodes } from '@hubkit/schema';
import { radiosField, textareaField } from '../../core/fields.ts';
import { common } from '../../core/common.ts';
import { optional, options, sectionHeading, type StepContext } from '../step.ts';

export function detailsStep(ctx: StepContext): TemplateResult {
  const m = ctx.m;
  return html`${ctx.draft.needs.map((code) => {
    const label = labelOf(needCodes, code, ctx.lang);
    const need = ctx.draft.needDetails[code] ?? { urgency: '', details: '' };
    const put = (patch: Partial<typeof need>) => {
      ctx.set({ needDetails: { ...ctx.draft.needDetails, [code]: { ...need, ...patch } } });
    };
    return html`<div class="need">
      ${sectionHeading(ctx, label)}
      ${radiosField({
        id: `need-${code}-urgency`,
        legend: m.urgencyFor(label),
        options: options(ctx, urgencyCodes),
        value: need.urgency,
        error: ctx.error(`need-${code}-urgency`),
        errorPrefix: common[ctx.lang].error,
        onChange: (urgency) => {
          put({ urgency });
        },
      })}
      ${textareaField({
        id: `need-${code}-details`,
        label: optional(ctx, m.detailsFor(label)),
        hint: m.needDetailsHint,
        value: need.details,
        rows: 4,
        error: ctx.error(`need-${code}-details`),
        errorPrefix: common[ctx.lang].error,
        onInput: (details) => {
          put({ details });
        },
      })}
    </div>`;
  })}
  ${textareaField({
    id: 'notes',
    label: optional(ctx, m.notes),
    value: ctx.draft.notes,
    rows: 3,
    error: ctx.error('notes'),
    errorPrefix: common[ctx.lang].error,
    onInput: (notes) => {
      ctx.set({ notes });
    },
  })}`;
}
