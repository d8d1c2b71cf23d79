/** Safeguarding: any concern, about whom, and who to call when someone is in immediate danger. */
import { html, nothing, type TemplateResult } from 'lit';
import { safeguardingSubjectCodes } from '@hubkit/schema';
import { radiosField, textareaField } from '../../core/fields.ts';
import { common } from '../../core/common.ts';
import { options, yesNo, type StepContext } from '../step.ts';

/** Who to call when someone is in immediate danger. */
export interface EmergencyContact {
  name: string;
  phone: string;
}

export interface SafeguardingContext extends StepContext {
  /** The partner's emergency contacts; 999 when not given. */
  readonly emergencyContacts: readonly EmergencyContact[] | undefined;
}

export function safeguardingStep(ctx: SafeguardingContext): TemplateResult {
  const m = ctx.m;
  const d = ctx.draft;
  return html`${yesNo(ctx, 'sg-concern', m.concern, 'concern')}
  ${
    d.concern === 'yes'
      ? html`<div class="conditional">
            ${radiosField({
              id: 'sg-subject',
              legend: m.subject,
              options: options(ctx, safeguardingSubjectCodes),
              value: d.subject,
              error: ctx.error('sg-subject'),
              errorPrefix: common[ctx.lang].error,
              onChange: (subject) => {
                ctx.set({ subject });
              },
            })}
            ${textareaField({
              id: 'sg-details',
              label: m.concernDetails,
              value: d.concernDetails,
              error: ctx.error('sg-details'),
              errorPrefix: common[ctx.lang].error,
              onInput: (concernDetails) => {
                ctx.set({ concernDetails });
              },
            })}
          </div>
          ${yesNo(ctx, 'sg-danger', m.immediateDanger, 'immediateDanger')}
          ${d.immediateDanger === 'yes' ? emergency(ctx) : nothing}`
      : nothing
  }`;
}
function emergency(ctx: SafeguardingContext): TemplateResult {
  const m = ctx.m;
  const contacts = ctx.emergencyContacts ?? [{ name: m.emergencyDefaultName, phone: '999' }];
  return html`<div class="warning" part="emergency" role="region" aria-labelledby="emergency-title">
    <span class="warning__icon" aria-hidden="true">!</span>
    <div>
      <p class="warning__title" id="emergency-title">
        <span class="visually-hidden">${m.warning}: </span>${m.emergencyTitle}
      </p>
      <ul>
        ${contacts.map(
          (c) => html`<li>${c.name}: <a href=${`tel:${c.phone.replace(/[^\d+]/g, '')}`}>${c.phone}</a></li>`,
        )}
      </ul>
      <p>${m.emergencyHint}</p>
    </div>
  </div>`;
}
