/** What the person needs help with: the needs the partner offers, in the order of the codelist. */
import type { TemplateResult } from 'lit';
import { NEED_CODES, needCodes, type NeedCode } from '@hubkit/schema';
import { checkboxesField } from '../../core/fields.ts';
import { common } from '../../core/common.ts';
import { options, type StepContext } from '../step.ts';

export interface NeedsContext extends StepContext {
  /** The needs this form offers. */
  readonly offered: readonly NeedCode[];
  /** The person ticked or unticked a need: the partner's preselection no longer applies. */
  needsChosen(): void;
}

export function needsStep(ctx: NeedsContext): TemplateResult {
  return checkboxesField({
    id: 'needs',
    legend: ctx.m.needsTitle,
    hint: ctx.m.needsHint,
    options: options(ctx, needCodes, ctx.offered),
    values: ctx.draft.needs,
    error: ctx.error('needs'),
    errorPrefix: common[ctx.lang].error,
    onChange: (values) => {
      ctx.needsChosen();
      // In the order they are offered, so details follow the same order.
      ctx.set({ needs: NEED_CODES.filter((c) => values.includes(c)) });
    },
  });
}
