/**
 * Why the last send (or the loading of what Continue needs) failed: shown on every step, so a
 * module of its own, apart from the later steps the form loads when the person starts answering.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { common } from '../../core/common.ts';
import type { Failure } from '../model.ts';
import type { StepContext } from '../step.ts';

/** Why the last send (or the loading of what Continue needs) failed, in words; nothing when it did not. */
export function notice(
  ctx: StepContext & { readonly failure: Failure | undefined; readonly rejections: readonly string[] },
): TemplateResult | typeof nothing {
  if (!ctx.failure) return nothing;
  const c = common[ctx.lang];
  const text = {
    network: c.networkError,
    offline: ctx.m.offline,
    server: c.serverError,
    rate: c.rateLimited,
    proof: c.proofFailed,
    conflict: ctx.m.conflict,
    config: c.notConfigured,
    rejected: c.errorSummaryTitle,
  }[ctx.failure];
  return html`<div class="notice" part="notice" role="alert" tabindex="-1">
    <p>${text}</p>
    ${
      ctx.failure === 'rejected'
        ? html`<ul>
            ${ctx.rejections.map((r) => html`<li>${r}</li>`)}
          </ul>`
        : nothing
    }
  </div>`;
}
