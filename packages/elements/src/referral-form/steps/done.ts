/** The confirmation: the referral was made, with its reference, and a way to make another. */
import { html, type TemplateResult } from 'lit';
import type { StepContext } from '../step.ts';

export interface DoneContext extends StepContext {
  /** The hub's reference for the referral made. */
  readonly reference: string | undefined;
  /** "Make another referral". */
  restart(): void;
}

export function doneStep(ctx: DoneContext): TemplateResult {
  const m = ctx.m;
  return html`<div class="panel" part="panel">
      <h2 class="panel__title step-heading" part="heading" tabindex="-1">${m.submittedTitle}</h2>
      <div class="panel__body">
        ${m.yourReference}<br /><strong class="panel__reference">${ctx.reference}</strong>
      </div>
    </div>
    <h3 class="section-heading">${m.whatNext}</h3>
    <p>${m.whatNextBody}</p>
    <div class="button-group">
      <button
        class="button button--secondary"
        part="secondary-button"
        type="button"
        @click=${() => {
          ctx.restart();
        }}
      >
        ${m.anotherReferral}
      </button>
    </div>`;
}
