/**
 * The base of hubkit elements that take part in a partner's `<form>`: form-associated through
 * `ElementInternals`, with the standard validity API a form and its scripts expect. Subclasses
 * set the value and validity through `internals`.
 */
import { HubElement } from './hub-element.ts';

export class HubFormElement extends HubElement {
  static formAssociated = true;

  protected readonly internals: ElementInternals = this.attachInternals();

  get form(): HTMLFormElement | null {
    return this.internals.form;
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
}
