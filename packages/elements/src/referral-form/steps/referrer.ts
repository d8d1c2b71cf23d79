/** Step 1: who is making the referral (and, for someone else, how the hub reaches them). */
import { html, nothing, type TemplateResult } from 'lit';
import { referrerTypeCodes } from '@hubkit/schema';
import { radiosField, textareaField } from '../../core/fields.ts';
import { common } from '../../core/common.ts';
import { isProfessional } from '../model.ts';
import { optional, options, text, yesNo, type StepContext } from '../step.ts';

export interface ReferrerContext extends StepContext {
  /** The person chose a referrer type: the partner's preset no longer applies. */
  typeChosen(): void;
}

export function referrerStep(ctx: ReferrerContext): TemplateResult {
  const m = ctx.m;
  const d = ctx.draft;
  const type = d.referrerType;
  const other = type !== '' && type !== 'self';
  return html`${radiosField({
    id: 'referrer-type',
    legend: m.referrerType,
    options: options(ctx, referrerTypeCodes),
    value: type,
    error: ctx.error('referrer-type'),
    errorPrefix: common[ctx.lang].error,
    onChange: (value) => {
      ctx.typeChosen();
      ctx.set({ referrerType: value });
    },
  })}
  ${
    other
      ? html`<div class="conditional">
            ${text(ctx, 'referrer-name', m.referrerName, 'referrerName', { autocomplete: 'name' })}
            ${
              type === 'family_friend'
                ? text(
                    ctx,
                    'referrer-relationship',
                    optional(ctx, m.referrerRelationship),
                    'referrerRelationship',
                    {
                      hint: m.referrerRelationshipHint,
                    },
                  )
                : nothing
            }
            ${
              isProfessional(type)
                ? html`${text(ctx, 'referrer-role', optional(ctx, m.referrerRole), 'referrerRole', {
                    autocomplete: 'organization-title',
                  })}
                  ${text(ctx, 'referrer-organisation', m.referrerOrganisation, 'referrerOrganisation', {
                    autocomplete: 'organization',
                  })}`
                : nothing
            }
            ${text(ctx, 'referrer-phone', m.referrerPhone, 'referrerPhone', {
              type: 'tel',
              autocomplete: 'tel',
              width: 20,
              hint: m.referrerContactHint,
            })}
            ${text(ctx, 'referrer-email', m.referrerEmail, 'referrerEmail', {
              type: 'email',
              autocomplete: 'email',
              spellcheck: false,
            })}
          </div>
          ${yesNo(ctx, 'resident-aware', m.residentAware, 'residentAware')}
          ${yesNo(ctx, 'resident-agreed', m.residentAgreed, 'residentAgreed')}
          ${
            d.residentAgreed === 'no'
              ? textareaField({
                  id: 'no-agreement-reason',
                  label: m.noAgreementReason,
                  hint: m.noAgreementReasonHint,
                  value: d.noAgreementReason,
                  error: ctx.error('no-agreement-reason'),
                  errorPrefix: common[ctx.lang].error,
                  onInput: (value) => {
                    ctx.set({ noAgreementReason: value });
                  },
                })
              : nothing
          }`
      : nothing
  }`;
}
