/** The short single assessment: every question optional, and the step can be skipped. */
import { html, type TemplateResult } from 'lit';
import { labelOf, needCodes, wellbeingScale } from '@hubkit/schema';
import { radiosField, textareaField, type ChoiceOption } from '../../core/fields.ts';
import { common } from '../../core/common.ts';
import { optional, type StepContext } from '../step.ts';

export function assessmentStep(ctx: StepContext): TemplateResult {
  const m = ctx.m;
  const d = ctx.draft;
  const lang = ctx.lang;
  const scale: ChoiceOption[] = [
    ...wellbeingScale.entries.map((entry) => ({
      value: entry.code,
      label: m.wellbeingOption(entry.code, entry[lang]),
    })),
    { value: 'unsure', label: m.wellbeingNotSure },
  ];
  return html`<p>${m.assessmentIntro}</p>
    ${textareaField({
      id: 'what-matters-most',
      label: optional(ctx, m.whatMattersMost),
      hint: m.whatMattersMostHint,
      value: d.whatMattersMost,
      rows: 3,
      error: ctx.error('what-matters-most'),
      errorPrefix: common[lang].error,
      onInput: (whatMattersMost) => {
        ctx.set({ whatMattersMost });
      },
    })}
    ${d.needs.map((code) =>
      radiosField({
        id: `wellbeing-${code}`,
        legend: optional(ctx, m.wellbeingFor(labelOf(needCodes, code, lang))),
        hint: m.wellbeingHint,
        options: scale,
        value: d.wellbeing[code] ?? '',
        error: ctx.error(`wellbeing-${code}`),
        errorPrefix: common[lang].error,
        onChange: (score) => {
          ctx.set({ wellbeing: { ...ctx.draft.wellbeing, [code]: score } });
        },
      }),
    )}
    ${textareaField({
      id: 'strengths',
      label: optional(ctx, m.strengths),
      value: d.strengths,
      rows: 3,
      error: ctx.error('strengths'),
      errorPrefix: common[lang].error,
      onInput: (strengths) => {
        ctx.set({ strengths });
      },
    })}`;
}
