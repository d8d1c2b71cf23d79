/** The confirmation: the referral was made, with its reference, and a way to make another. */
import { html, type TemplateResult } from 'lit';
import { heading } from '../../core/headings.ts';
import { sectionHeading, type StepContext } from '../step.ts';

export interface DoneContext extends StepContext {
  /** The hub's reference for the referral made. */
  readonly reference: string | undefined;
  /** "Make another referral". */
  restart(): void;
}

export function doneStep(ctx: DoneContext): TemplateResult {
  const m = ctx.m;
  return html`<div class="panel" part="panel">
      ${heading(ctx.headingLevel, 'panel__title step-heading', m.submittedTitle, { part: 'heading', focusable: true })}
      <div class="panel__body">
        ${m.yourReference}<br /><strong class="panel__reference">${ctx.reference}</strong>
      </div>
    </div>
    ${sectionHeading(ctx, m.whatNext)}
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
