/**
 * The base of hubkit elements that take part in a partner's `<form>`, as a native control does
 * (Web Awesome's form-associated base is the model): form-associated through `ElementInternals`,
 * with a `name` its value is submitted under, `disabled` (its own, or a disabled `<fieldset>`'s),
 * the standard validity API, reset and state restore, and custom states a partner can style:
 * `hub-referral-form:state(sent)`.
 */
import { property } from 'lit/decorators.js';
import type { PropertyValues } from 'lit';
import { HubElement } from './hub-element.ts';

/**
 * The custom states a form element shows (`:state(…)`): `valid`/`invalid` follow its validity,
 * `disabled` either way it is disabled; `submitting` and `sent` are set by the element;
 * `rendered` once it has rendered (its first render runs in a task after its definition: a page
 * that holds its space with `:not(:defined)` holds it with `:not(:state(rendered))` too).
 */
export type HubFormState = 'valid' | 'invalid' | 'disabled' | 'submitting' | 'sent' | 'rendered';

export class HubFormElement extends HubElement {
  static formAssociated = true;

  protected readonly internals: ElementInternals = this.attachInternals();

  /** The name its value is submitted under in the partner's form (like an input's `name`). */
  @property({ reflect: true }) accessor name: string | undefined;

  /**
   * Disabled: nothing can be answered or sent, and the partner's form neither submits nor
   * checks its value. A disabled `<fieldset>` around it disables it too (without this attribute).
   */
  @property({ type: Boolean, reflect: true }) accessor disabled = false;

  /** Disabled by a `<fieldset disabled>` (or a disabled form) around it. */
  #disabledByForm = false;

  /** Disabled either way: by its own attribute or by a disabled fieldset. */
  get isDisabled(): boolean {
    return this.disabled || this.#disabledByForm;
  }

  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  get labels(): NodeList {
    return this.internals.labels;
  }

  get validity(): ValidityState {
    return this.internals.validity;
  }

  get validationMessage(): string {
    return this.internals.validationMessage;
  }

  get willValidate(): boolean {
    return this.internals.willValidate;
  }

  checkValidity(): boolean {
    return this.internals.checkValidity();
  }

  reportValidity(): boolean {
    return this.internals.reportValidity();
  }

  /** The browser: a `<fieldset>` around the element was disabled or enabled. */
  formDisabledCallback(disabled: boolean): void {
    this.#disabledByForm = disabled;
    this.setState('disabled', this.isDisabled);
    this.requestUpdate();
  }

  /** The browser: the partner's form was reset. Elements start afresh (override, calling super). */
  formResetCallback(): void {
    this.syncStates();
  }

  /**
   * The browser restores a form's state (back/forward navigation) or autofills it. hubkit keeps
   * nothing from one page to the next (answers never go in browser storage), so an element
   * starts afresh by default; `state` is what it last gave `setFormValue`.
   */
  formStateRestoreCallback(_state: unknown, _reason: 'restore' | 'autocomplete'): void {
    this.syncStates();
  }

  /** Sets the value submitted with the partner's form (under `name`) and the validity, together. */
  protected setFormValue(
    value: string | null,
    invalid?: { flags: ValidityStateFlags; message: string },
  ): void {
    this.internals.setFormValue(value);
    if (invalid) this.internals.setValidity(invalid.flags, invalid.message);
    else this.internals.setValidity({});
    this.syncStates();
  }

  /** Turns a custom state on or off (`:state(name)` in CSS). */
  protected setState(state: HubFormState, on: boolean): void {
    if (on) this.internals.states.add(state);
    else this.internals.states.delete(state);
  }

  /** Whether a custom state is on. */
  hasState(state: HubFormState): boolean {
    return this.internals.states.has(state);
  }

  /** The states that follow the validity and `disabled`. */
  protected syncStates(): void {
    const valid = this.internals.validity.valid;
    this.setState('valid', valid);
    this.setState('invalid', !valid);
    this.setState('disabled', this.isDisabled);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('disabled')) this.syncStates();
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    this.setState('rendered', true);
  }
}
