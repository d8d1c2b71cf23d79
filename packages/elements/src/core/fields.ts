/**
 * Form fields in the GOV.UK patterns, shared by every element that asks a question: a label (or
 * legend), a hint, an inline error tied to the control by `aria-describedby`, and the error
 * summary at the top that takes focus and links to each field. Values are controlled (`live`),
 * so what a person typed survives every re-render, error and step.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';

export interface SummaryError {
  /** The id of the control to focus. */
  id: string;
  message: string;
}

const describedBy = (id: string, hint: unknown, error: unknown) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

const hintOf = (id: string, hint: string | undefined) =>
  hint ? html`<div class="hint" id=${`${id}-hint`}>${hint}</div>` : nothing;

const errorOf = (id: string, error: string | undefined, prefix: string) =>
  error
    ? html`<p class="error-message" id=${`${id}-error`}>
        <span class="visually-hidden">${prefix}</span> ${error}
      </p>`
    : nothing;

/**
 * The error summary: a `role="alert"` region with a link to each field. The element moves focus
 * to it (`.error-summary`) after a failed submit. `host` is the shadow root the fields are in.
 */
export function errorSummary(
  title: string,
  errors: readonly SummaryError[],
  root: ParentNode,
): TemplateResult {
  if (errors.length === 0) return html``;
  const go = (event: Event, id: string) => {
    // Links into a shadow root do not move focus by themselves.
    event.preventDefault();
    const target = root.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  };
  return html`<div
    class="error-summary"
    part="error-summary"
    tabindex="-1"
    aria-labelledby="error-summary-title"
  >
    <div role="alert">
      <h2 class="error-summary__title" id="error-summary-title">${title}</h2>
      <ul class="error-summary__list">
        ${errors.map(
          (e) =>
            html`<li>
              <a
                href=${`#${e.id}`}
                @click=${(event: Event) => {
                  go(event, e.id);
                }}
                >${e.message}</a
              >
            </li>`,
        )}
      </ul>
    </div>
  </div>`;
}

interface FieldBase {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  /** Hidden text read before an error ("Error:"), from the locale. */
  errorPrefix: string;
}

export interface TextFieldOptions extends FieldBase {
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'email' | 'tel' | 'search' | 'url';
  autocomplete?: string;
  inputmode?: 'text' | 'numeric' | 'tel' | 'email' | 'search';
  spellcheck?: boolean;
  /**
   * Width in characters, for fields with a known length (postcode 10, phone 20). A class, not
   * a style attribute, which a strict Content-Security-Policy would refuse.
   */
  width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
  /** Show the label as the page heading (one question on a step). */
  asHeading?: boolean;
}

export function textField(o: TextFieldOptions): TemplateResult {
  const label = html`<label class="label" for=${o.id}>${o.label}</label>`;
  return html`<div class="form-group ${o.error ? 'form-group--error' : ''}">
    ${o.asHeading ? html`<h2 class="label-wrapper">${label}</h2>` : label} ${hintOf(o.id, o.hint)}
    ${errorOf(o.id, o.error, o.errorPrefix)}
    <input
      class="input ${o.error ? 'input--error' : ''} ${o.width ? `input--width-${o.width}` : ''}"
      id=${o.id}
      name=${o.id}
      type=${o.type ?? 'text'}
      .value=${live(o.value)}
      autocomplete=${ifDefined(o.autocomplete)}
      inputmode=${ifDefined(o.inputmode)}
      spellcheck=${o.spellcheck === false ? 'false' : 'true'}
      aria-describedby=${ifDefined(describedBy(o.id, o.hint, o.error))}
      aria-invalid=${o.error ? 'true' : 'false'}
      @input=${(e: Event) => {
        o.onInput((e.target as HTMLInputElement).value);
      }}
    />
  </div>`;
}

export interface SelectFieldOptions extends FieldBase {
  value: string;
  /** Each option's value and the words shown; the first is usually "any". */
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
}

/** A select in the GOV.UK pattern: label, hint, inline error, and a controlled value. */
export function selectField(o: SelectFieldOptions): TemplateResult {
  return html`<div class="form-group ${o.error ? 'form-group--error' : ''}">
    <label class="label" for=${o.id}>${o.label}</label> ${hintOf(o.id, o.hint)}
    ${errorOf(o.id, o.error, o.errorPrefix)}
    <select
      class="select"
      id=${o.id}
      name=${o.id}
      .value=${live(o.value)}
      aria-describedby=${ifDefined(describedBy(o.id, o.hint, o.error))}
      aria-invalid=${o.error ? 'true' : 'false'}
      @change=${(e: Event) => {
        o.onChange((e.target as HTMLSelectElement).value);
      }}
    >
      ${o.options.map(
        (option) =>
          html`<option value=${option.value} ?selected=${option.value === o.value}>${option.label}</option>`,
      )}
    </select>
  </div>`;
}

export interface TextareaOptions extends FieldBase {
  value: string;
  onInput: (value: string) => void;
  rows?: number;
}

export function textareaField(o: TextareaOptions): TemplateResult {
  return html`<div class="form-group ${o.error ? 'form-group--error' : ''}">
    <label class="label" for=${o.id}>${o.label}</label> ${hintOf(o.id, o.hint)}
    ${errorOf(o.id, o.error, o.errorPrefix)}
    <textarea
      class="textarea ${o.error ? 'input--error' : ''}"
      id=${o.id}
      name=${o.id}
      rows=${o.rows ?? 5}
      .value=${live(o.value)}
      aria-describedby=${ifDefined(describedBy(o.id, o.hint, o.error))}
      aria-invalid=${o.error ? 'true' : 'false'}
      @input=${(e: Event) => {
        o.onInput((e.target as HTMLTextAreaElement).value);
      }}
    ></textarea>
  </div>`;
}

export interface ChoiceOption {
  value: string;
  label: string;
  hint?: string | undefined;
}

interface ChoicesBase extends Omit<FieldBase, 'label'> {
  legend: string;
  options: readonly ChoiceOption[];
  /** Show the legend as the page heading (one question on a step). */
  asHeading?: boolean;
  inline?: boolean;
}

function fieldset(o: ChoicesBase, kind: 'radios' | 'checkboxes', items: TemplateResult[]): TemplateResult {
  return html`<div class="form-group ${o.error ? 'form-group--error' : ''}">
    <fieldset class="fieldset" aria-describedby=${ifDefined(describedBy(o.id, o.hint, o.error))}>
      <legend class="legend ${o.asHeading ? 'legend--heading' : ''}">
        ${o.asHeading ? html`<h2 class="legend__heading">${o.legend}</h2>` : o.legend}
      </legend>
      ${hintOf(o.id, o.hint)} ${errorOf(o.id, o.error, o.errorPrefix)}
      <div class="${kind} ${o.inline ? `${kind}--inline` : ''}">${items}</div>
    </fieldset>
  </div>`;
}

export interface RadiosOptions extends ChoicesBase {
  value: string | undefined;
  onChange: (value: string) => void;
}

/** Radios; the first one carries the field's `id`, so the error summary can focus it. */
export function radiosField(o: RadiosOptions): TemplateResult {
  return fieldset(
    o,
    'radios',
    o.options.map((option, i) => {
      const id = i === 0 ? o.id : `${o.id}-${option.value}`;
      return html`<div class="choice">
        <input
          class="choice__input"
          type="radio"
          id=${id}
          name=${o.id}
          .value=${option.value}
          .checked=${live(o.value === option.value)}
          aria-describedby=${ifDefined(option.hint ? `${id}-item-hint` : undefined)}
          @change=${() => {
            o.onChange(option.value);
          }}
        />
        <label class="choice__label" for=${id}>${option.label}</label>
        ${option.hint ? html`<div class="hint choice__hint" id=${`${id}-item-hint`}>${option.hint}</div>` : nothing}
      </div>`;
    }),
  );
}

export interface CheckboxesOptions extends ChoicesBase {
  values: readonly string[];
  onChange: (values: string[]) => void;
}

export function checkboxesField(o: CheckboxesOptions): TemplateResult {
  return fieldset(
    o,
    'checkboxes',
    o.options.map((option, i) => {
      const id = i === 0 ? o.id : `${o.id}-${option.value}`;
      const checked = o.values.includes(option.value);
      return html`<div class="choice">
        <input
          class="choice__input"
          type="checkbox"
          id=${id}
          name=${o.id}
          .value=${option.value}
          .checked=${live(checked)}
          aria-describedby=${ifDefined(option.hint ? `${id}-item-hint` : undefined)}
          @change=${(e: Event) => {
            const on = (e.target as HTMLInputElement).checked;
            o.onChange(on ? [...o.values, option.value] : o.values.filter((v) => v !== option.value));
          }}
        />
        <label class="choice__label" for=${id}>${option.label}</label>
        ${option.hint ? html`<div class="hint choice__hint" id=${`${id}-item-hint`}>${option.hint}</div>` : nothing}
      </div>`;
    }),
  );
}
