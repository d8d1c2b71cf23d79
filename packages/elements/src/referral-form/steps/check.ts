/** "Check your answers": every answer with a Change link, any failure of the last send, and Send. */
import { html, nothing, type TemplateResult } from 'lit';
import {
  contactMethodCodes,
  contactTimeCodes,
  labelOf,
  languageCodes,
  needCodes,
  referrerTypeCodes,
  safeguardingSubjectCodes,
  urgencyCodes,
  wellbeingScale,
  type Codelist,
} from '@hubkit/schema';
import { common } from '../../core/common.ts';
import { dateOf } from '../date-of.ts';
import {
  hasAssessment,
  scoredNeeds,
  type QuestionStep,
  type RequestedService,
  type YesNo,
} from '../model.ts';
import type { FormStep } from '../navigation.ts';
import { sectionHeading, type StepContext } from '../step.ts';
import { longDate } from '../../core/dates.ts';
import type { SubmitFailure } from '../../core/submit-controller.ts';

import { notice } from './notice.ts';

export { notice };

export interface CheckContext extends StepContext {
  /** The steps the form has (the assessment's rows only when it has that step). */
  readonly steps: readonly FormStep[];
  readonly service: RequestedService | undefined;
  /** The person's consent is given, to be sent with the referral. */
  readonly consent: boolean;
  /** The address as it will be sent, line by line. */
  readonly address: readonly string[] | undefined;
  readonly submitting: boolean;
  /** Why the last send failed, in the words every element uses. */
  readonly failure: SubmitFailure | undefined;
  /** What the person is told about it (the shared words for it). */
  readonly failureText: string;
  /** The hub's messages, when it refused something no step asks about. */
  readonly rejections: readonly string[];
  /** A Change link was followed. */
  change(step: QuestionStep): void;
  send(): void;
}

export function checkStep(ctx: CheckContext): TemplateResult {
  const m = ctx.m;
  const d = ctx.draft;
  const lang = ctx.lang;
  const self = d.referrerType === 'self';
  // Labels of the codes as answered (a code no list has shows as itself).
  const label = (of: Codelist<string>, code: string) => labelOf(of, code, lang);
  const list = (codes: readonly string[], of: Codelist<string>) => codes.map((c) => label(of, c)).join('\n');
  const address = ctx.address;
  return html`${sectionHeading(ctx, m.sectionReferrer)}
    <dl class="summary-list" part="summary-list">
      ${row(ctx, m.referrerType, label(referrerTypeCodes, d.referrerType), 'referrer')}
      ${
        self
          ? nothing
          : html`${row(
              ctx,
              m.name,
              [d.referrerName, d.referrerRelationship, d.referrerRole, d.referrerOrganisation]
                .filter((v) => v.trim())
                .join('\n'),
              'referrer',
            )}
            ${row(ctx, m.contactDetails, [d.referrerPhone, d.referrerEmail].filter((v) => v.trim()).join('\n'), 'referrer')}
            ${row(ctx, m.residentAware, yesNoLabel(ctx, d.residentAware), 'referrer')}
            ${row(ctx, m.residentAgreed, yesNoLabel(ctx, d.residentAgreed), 'referrer')}
            ${d.residentAgreed === 'no' ? row(ctx, m.noAgreementReason, d.noAgreementReason, 'referrer') : nothing}`
      }
    </dl>
    ${sectionHeading(ctx, m.sectionPerson)}
    <dl class="summary-list" part="summary-list">
      ${row(ctx, m.name, `${d.givenName} ${d.familyName}`.trim(), 'person')}
      ${row(ctx, m.dateOfBirth, dateLabel(ctx), 'person')}
      ${row(ctx, m.address, address?.join('\n') ?? '', 'person')}
    </dl>
    ${sectionHeading(ctx, m.sectionNeeds)}
    <dl class="summary-list" part="summary-list">
      ${row(ctx, m.needsTitle, list(d.needs, needCodes), 'needs')}
      ${d.needs.map((code) => {
        const need = d.needDetails[code];
        return row(
          ctx,
          label(needCodes, code),
          [need?.urgency ? label(urgencyCodes, need.urgency) : '', need?.details.trim() ?? '']
            .filter(Boolean)
            .join('\n'),
          'details',
        );
      })}
      ${d.notes.trim() ? row(ctx, m.notes, d.notes, 'details') : nothing}
      ${ctx.service ? row(ctx, m.serviceRequested, ctx.service.name, undefined) : nothing}
    </dl>
    ${ctx.steps.includes('assessment') ? assessmentRows(ctx) : nothing}
    ${sectionHeading(ctx, m.sectionSafeguarding)}
    <dl class="summary-list" part="summary-list">
      ${row(ctx, m.concern, yesNoLabel(ctx, d.concern), 'safeguarding')}
      ${
        d.concern === 'yes'
          ? html`${row(
              ctx,
              m.subject,
              d.subject ? label(safeguardingSubjectCodes, d.subject) : '',
              'safeguarding',
            )}
            ${row(ctx, m.concernDetails, d.concernDetails, 'safeguarding')}
            ${row(ctx, m.immediateDanger, yesNoLabel(ctx, d.immediateDanger), 'safeguarding')}`
          : nothing
      }
    </dl>
    ${sectionHeading(ctx, m.sectionContact)}
    <dl class="summary-list" part="summary-list">
      ${row(ctx, m.contactMethods, list(d.contactMethods, contactMethodCodes), 'contact')}
      ${row(ctx, m.contactPhone, d.contactPhone, 'contact')}
      ${row(ctx, m.contactEmail, d.contactEmail, 'contact')}
      ${row(ctx, m.contactTimes, list(d.contactTimes, contactTimeCodes), 'contact')}
      ${row(ctx, m.safeToLeaveMessage, yesNoLabel(ctx, d.safeToLeaveMessage), 'contact')}
      ${row(
        ctx,
        m.interpreterNeeded,
        [
          yesNoLabel(ctx, d.interpreterNeeded),
          d.interpreterNeeded === 'yes' && d.language ? label(languageCodes, d.language) : '',
        ]
          .filter(Boolean)
          .join(': '),
        'contact',
      )}
      ${ctx.consent ? row(ctx, m.consentRow, m.consentRecorded, undefined) : nothing}
    </dl>
    ${notice(ctx)}
    <div class="button-group">
      <button
        class="button"
        part="button"
        type="button"
        aria-disabled=${ctx.submitting ? 'true' : 'false'}
        @click=${() => {
          ctx.send();
        }}
      >
        ${ctx.submitting ? m.sending : ctx.failure ? common[lang].tryAgain : m.send}
      </button>
    </div>`;
}
function row(ctx: CheckContext, key: string, value: string, step: QuestionStep | undefined): TemplateResult {
  return html`<div class="summary-list__row">
    <dt class="summary-list__key">${key}</dt>
    <dd class="summary-list__value">${value || ctx.m.notGiven}</dd>
    ${
      step
        ? html`<dd class="summary-list__actions">
            <a
              href=${`#${step}`}
              @click=${(e: Event) => {
                e.preventDefault();
                ctx.change(step);
              }}
              >${ctx.m.change}<span class="visually-hidden"> ${key}</span></a
            >
          </dd>`
        : html`<dd class="summary-list__actions"></dd>`
    }
  </div>`;
}
function yesNoLabel(ctx: StepContext, value: YesNo): string {
  return value === 'yes' ? ctx.m.yes : value === 'no' ? ctx.m.no : '';
}
function dateLabel(ctx: StepContext): string {
  const d = ctx.draft;
  const value = dateOf(d.dobDay, d.dobMonth, d.dobYear);
  return value ? longDate(value, ctx.lang) : '';
}
function assessmentRows(ctx: CheckContext): TemplateResult {
  const m = ctx.m;
  const d = ctx.draft;
  const lang = ctx.lang;
  const answered = !d.assessmentSkipped && hasAssessment(d);
  return html`${sectionHeading(ctx, m.sectionAssessment)}
    <dl class="summary-list" part="summary-list">
      ${
        answered
          ? html`${row(ctx, m.whatMattersMost, d.whatMattersMost.trim(), 'assessment')}
            ${scoredNeeds(d).map((code) => {
              const score = d.wellbeing[code] as (typeof wellbeingScale.codes)[number];
              return row(
                ctx,
                m.wellbeingRow(labelOf(needCodes, code, lang)),
                m.wellbeingOption(score, labelOf(wellbeingScale, score, lang)),
                'assessment',
              );
            })}
            ${row(ctx, m.strengths, d.strengths.trim(), 'assessment')}`
          : row(ctx, m.assessmentRow, d.assessmentSkipped ? m.assessmentSkipped : '', 'assessment')
      }
    </dl>`;
}
