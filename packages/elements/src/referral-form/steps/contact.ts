/** How to contact the person: ways, times, messages, and an interpreter in their language. */
import { html, nothing, type TemplateResult } from 'lit';
import { contactMethodCodes, contactTimeCodes, languageCodes } from '@hubkit/schema';
import { checkboxesField } from '../../core/fields.ts';
import { common } from '../../core/common.ts';
import { optional, options, text, yesNo, type StepContext } from '../step.ts';

export function contactStep(ctx: StepContext): TemplateResult {
  const m = ctx.m;
  const d = ctx.draft;
  return html`${checkboxesField({
    id: 'contact-methods',
    legend: m.contactMethods,
    hint: m.contactMethodsHint,
    options: options(ctx, contactMethodCodes),
    values: d.contactMethods,
    error: ctx.error('contact-methods'),
    errorPrefix: common[ctx.lang].error,
    onChange: (values) => {
      ctx.set({ contactMethods: contactMethodCodes.codes.filter((c) => values.includes(c)) });
    },
  })}
  ${text(ctx, 'contact-phone', optional(ctx, m.contactPhone), 'contactPhone', {
    type: 'tel',
    width: 20,
    autocomplete: d.referrerType === 'self' ? 'tel' : 'off',
  })}
  ${text(ctx, 'contact-email', optional(ctx, m.contactEmail), 'contactEmail', {
    type: 'email',
    spellcheck: false,
    autocomplete: d.referrerType === 'self' ? 'email' : 'off',
  })}
  ${checkboxesField({
    id: 'contact-times',
    legend: optional(ctx, m.contactTimes),
    options: options(ctx, contactTimeCodes),
    values: d.contactTimes,
    error: ctx.error('contact-times'),
    errorPrefix: common[ctx.lang].error,
    onChange: (values) => {
      ctx.set({ contactTimes: contactTimeCodes.codes.filter((c) => values.includes(c)) });
    },
  })}
  ${yesNo(ctx, 'contact-safe', m.safeToLeaveMessage, 'safeToLeaveMessage', m.safeToLeaveMessageHint)}
  ${yesNo(ctx, 'contact-interpreter', m.interpreterNeeded, 'interpreterNeeded')}
  ${d.interpreterNeeded === 'yes' ? html`<div class="conditional">${languageField(ctx)}</div>` : nothing}`;
}

/** A select of the languages most asked for (fields.ts has no select: one field needs it). */
function languageField(ctx: StepContext): TemplateResult {
  const m = ctx.m;
  const error = ctx.error('contact-language');
  return html`<div class="form-group ${error ? 'form-group--error' : ''}">
    <label class="label" for="contact-language">${m.language}</label>
    ${
      error
        ? html`<p class="error-message" id="contact-language-error">
            <span class="visually-hidden">${common[ctx.lang].error}</span> ${error}
          </p>`
        : nothing
    }
    <select
      id="contact-language"
      name="contact-language"
      class=${error ? 'input--error' : ''}
      aria-describedby=${error ? 'contact-language-error' : nothing}
      aria-invalid=${error ? 'true' : 'false'}
      @change=${(e: Event) => {
        ctx.set({ language: (e.target as HTMLSelectElement).value });
      }}
    >
      <option value="" ?selected=${ctx.draft.language === ''}>${m.chooseLanguage}</option>
      ${languageCodes.entries.map(
        (entry) =>
          html`<option value=${entry.code} ?selected=${ctx.draft.language === entry.code}>
            ${entry[ctx.lang]}
          </option>`,
      )}
    </select>
  </div>`;
}
