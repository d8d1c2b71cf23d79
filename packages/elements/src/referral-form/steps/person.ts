/** About the person: their name, date of birth and address. */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { common } from '../../core/common.ts';
import { optional, text, type StepContext } from '../step.ts';

export function personStep(ctx: StepContext): TemplateResult {
  const m = ctx.m;
  return html`${text(ctx, 'given-name', m.givenName, 'givenName', {
      autocomplete: ctx.draft.referrerType === 'self' ? 'given-name' : 'off',
      spellcheck: false,
    })}
    ${text(ctx, 'family-name', m.familyName, 'familyName', {
      autocomplete: ctx.draft.referrerType === 'self' ? 'family-name' : 'off',
      spellcheck: false,
    })}
    ${dateField(ctx)}
    <fieldset class="fieldset form-group" aria-describedby="address-hint">
      <legend class="legend">${optional(ctx, m.address)}</legend>
      <div class="hint" id="address-hint">${m.addressHint}</div>
      ${text(ctx, 'address-line1', m.addressLine1, 'addressLine1')}
      ${text(ctx, 'address-line2', optional(ctx, m.addressLine2), 'addressLine2')}
      ${text(ctx, 'address-town', m.town, 'town', { width: 20 })}
      ${text(ctx, 'address-postcode', m.postcode, 'postcode', { width: 10, spellcheck: false })}
    </fieldset>`;
}
/** The GOV.UK date input: day, month and year, one error for the three. */
function dateField(ctx: StepContext): TemplateResult {
  const m = ctx.m;
  const d = ctx.draft;
  const error = ctx.error('dob-day');
  const part = (id: string, label: string, key: 'dobDay' | 'dobMonth' | 'dobYear', auto: string) =>
    html`<div class="date-input__item ${key === 'dobYear' ? 'date-input__item--year' : ''}">
      <label class="label" for=${id}>${label}</label>
      <input
        class="input ${error ? 'input--error' : ''}"
        id=${id}
        name=${id}
        type="text"
        inputmode="numeric"
        autocomplete=${auto}
        .value=${live(d[key])}
        aria-invalid=${error ? 'true' : 'false'}
        @input=${(e: Event) => {
          ctx.set({ [key]: (e.target as HTMLInputElement).value });
        }}
      />
    </div>`;
  return html`<div class="form-group ${error ? 'form-group--error' : ''}">
    <fieldset class="fieldset" role="group" aria-describedby=${`dob-hint${error ? ' dob-error' : ''}`}>
      <legend class="legend">${optional(ctx, m.dateOfBirth)}</legend>
      <div class="hint" id="dob-hint">${m.dateOfBirthHint}</div>
      ${
        error
          ? html`<p class="error-message" id="dob-error">
              <span class="visually-hidden">${common[ctx.lang].error}</span> ${error}
            </p>`
          : nothing
      }
      <div class="date-input">
        ${part('dob-day', m.day, 'dobDay', 'bday-day')}
        ${part('dob-month', m.month, 'dobMonth', 'bday-month')}
        ${part('dob-year', m.year, 'dobYear', 'bday-year')}
      </div>
    </fieldset>
  </div>`;
}
