/**
 * The consent step: the partner's `<hub-consent-capture slot="consent">`, shown in place. The
 * capture asks its own questions and checks its own answers; the form sends the consent with the
 * referral.
 */
import { html, type TemplateResult } from 'lit';

export function consentStep(): TemplateResult {
  return html`<slot name="consent"></slot>`;
}
