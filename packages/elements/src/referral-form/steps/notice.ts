/**
 * Why the last send (or the loading of what Continue needs) failed: shown on every step, so a
 * module of its own, apart from the later steps the form loads when the person starts answering.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { SubmitFailure } from '../../core/submit-controller.ts';
import type { StepContext } from '../step.ts';

/** Why the last send (or the loading of what Continue needs) failed, in words; nothing when it did not. */
export function notice(
  ctx: StepContext & {
    readonly failure: SubmitFailure | undefined;
    readonly failureText: string;
    readonly rejections: readonly string[];
  },
): TemplateResult | typeof nothing {
  const failure = ctx.failure;
  if (!failure) return nothing;
  return html`<div class="notice" part="notice" role="alert" tabindex="-1" data-failure=${failure}>
    <p>${ctx.failureText}</p>
    ${
      failure === 'rejected'
        ? html`<ul>
            ${ctx.rejections.map((r) => html`<li>${r}</li>`)}
          </ul>`
        : nothing
    }
  </div>`;
}
