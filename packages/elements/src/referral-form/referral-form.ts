/**
 * `<hub-referral-form>`: a multi-step referral in the GOV.UK patterns (one thing a page,
 * Continue, Back, check your answers, a confirmation with the reference).
 */
import { html, nothing, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import {
  contactMethodCodes,
  contactTimeCodes,
  labelOf,
  languageCodes,
  NEED_CODES,
  needCodes,
  referrerTypeCodes,
  safeguardingSubjectCodes,
  urgencyCodes,
  wellbeingScale,
  type Codelist,
  type Lang,
  type NeedCode,
  type Referral,
  type ReferralCreate,
} from '@hubkit/schema';
import {
  APIConnectionError,
  APIError,
  createReferral,
  RateLimitError,
  ValidationError,
  type HubClient,
} from '@hubkit/sdk';
import type { HubConsentCapture } from '../consent-capture/consent-capture.ts';
import { HubEvent } from '../core/events.ts';
import {
  checkboxesField,
  errorSummary,
  radiosField,
  textareaField,
  textField,
  type ChoiceOption,
} from '../core/fields.ts';
import { fieldStyles } from '../core/field-styles.ts';
import { HubFormElement } from '../core/hub-form-element.ts';
import { longDate } from '../core/dates.ts';
import { heading as headingAt, levelOf } from '../core/headings.ts';
import { common } from '../core/locale.ts';
import { isProofFailure } from '../core/proof.ts';
import { tokens } from '../core/styles.ts';
import {
  addressOf,
  check,
  dateOf,
  emptyDraft,
  hasAssessment,
  isProfessional,
  placeErrors,
  scoredNeeds,
  STEPS,
  type PlacedError,
  type QuestionStep,
  type ReferralDraft,
  type Step,
  type YesNo,
} from './draft.ts';
import { messages } from './messages.ts';
import { referralFormStyles } from './styles.ts';

/** Who to call when someone is in immediate danger. */
export interface EmergencyContact {
  name: string;
  phone: string;
}

/** A service chosen in the directory (a `Service`, or anything with its id and name). */
export interface RequestedService {
  id: string;
  name: string;
}

/** The referral was made: `detail.referral` is the hub's record, with its `reference`. */
export class HubReferralSubmittedEvent extends HubEvent<{ referral: Referral }> {
  constructor(referral: Referral) {
    super('hub-referral-submitted', { referral });
  }
}

declare global {
  interface HTMLElementEventMap {
    'hub-referral-submitted': HubReferralSubmittedEvent;
  }
  interface HTMLElementTagNameMap {
    'hub-referral-form': HubReferralForm;
  }
}

type Failure = 'network' | 'offline' | 'server' | 'rate' | 'proof' | 'conflict' | 'config' | 'rejected';

const codesIn = (value: string | undefined): NeedCode[] =>
  (value ?? '')
    .split(/[\s,]+/)
    .filter((code): code is NeedCode => (NEED_CODES as readonly string[]).includes(code));

const QUESTION_STEPS = STEPS.filter((s): s is QuestionStep => s !== 'check' && s !== 'consent');

/**
 * A referral to the hub, step by step: who is referring, about the person, their needs, details
 * of each need, safeguarding, how to contact them, check your answers, and the confirmation.
 * Every step is checked with the `@hubkit/schema` referral schema; the answers live in this
 * element's memory only. One idempotency key per referral, so a double click, a retry or a lost
 * answer never makes two. Form-associated: its value is the referral's id once it is sent.
 *
 * Consent: put a configured `<hub-consent-capture slot="consent">` inside the form and a consent
 * step comes before "Check your answers"; the consent is recorded there, and its id sent with
 * the referral.
 *
 * Assessment: with the `assessment` attribute, a short, optional step after the needs' details
 * starts the person's single assessment (what matters most to them, where things stand for each
 * need on the 1 to 5 wellbeing scale, their strengths); it is sent as the referral's `assessment`,
 * completed by the referrer, now. "Skip this step" (or leaving it blank) sends none.
 *
 * Starting again: a reset of the partner's `<form>`, or "Make another referral" on the
 * confirmation, clears the answers and starts a new referral, with a new idempotency key.
 *
 * A service chosen in `<hub-service-finder>` becomes the requested service when the page wires it:
 * `finder.addEventListener('hub-service-select', (e) => { form.service = e.detail.service; })`.
 *
 * @slot consent - A `<hub-consent-capture>` (with the partner's privacy notice) for the consent step.
 * @fires hub-referral-submitted - The referral was made; `detail.referral` has its reference.
 * @csspart step - Each step's content.
 * @csspart heading - The heading of each step (focused on each step change).
 * @csspart back-link - The Back link.
 * @csspart button - The Continue and Send buttons.
 * @csspart secondary-button - "Skip this step" and "Make another referral".
 * @csspart error-summary - The error summary at the top of a step.
 * @csspart summary-list - The answers on "Check your answers".
 * @csspart panel - The confirmation panel with the reference.
 * @cssprop --hub-color-button - Background of the Continue and Send buttons.
 * @cssprop --hub-color-success - Background of the confirmation panel (its text is black or white, whichever contrasts more).
 * @cssprop --hub-heading-size - Size of the step headings (default `1.25em`, under a page's own `<h2>`).
 */
export class HubReferralForm extends HubFormElement {
  static override styles: CSSResultGroup = [tokens, fieldStyles, referralFormStyles];

  /** The needs offered (codes from `needCodes`, separated by spaces or commas); all when empty. */
  @property() accessor needs = '';

  /** Needs ticked when the form starts (codes, separated by spaces or commas). */
  @property() accessor preselect = '';

  /** The referrer type chosen when the form starts, like `gp_practice`. */
  @property({ attribute: 'referrer-type' }) accessor referrerType = '';

  /** The id of the service the referral asks for (`requestedServiceId`). */
  @property({ attribute: 'service-id' }) accessor serviceId = '';

  /** A service chosen in `<hub-service-finder>`: wins over `service-id`, and its name is shown. */
  @property({ attribute: false }) accessor service: RequestedService | undefined;

  /** Adds the short single-assessment step (after the needs' details); off by default. */
  @property({ type: Boolean }) accessor assessment = false;

  /** Who to call in an emergency, shown when someone is in immediate danger; 999 by default. */
  @property({ attribute: false }) accessor emergencyContacts: EmergencyContact[] | undefined;

  @state() private accessor step: Step = 'referrer';
  @state() private accessor draft: ReferralDraft = emptyDraft();
  @state() private accessor errors: PlacedError[] = [];
  @state() private accessor failure: Failure | undefined;
  /** The hub's messages, when it refused something no step asks about (an unknown service). */
  @state() private accessor rejections: string[] = [];
  @state() private accessor submitting = false;
  @state() private accessor referral: Referral | undefined;
  /** Reached from a Change link: Continue and Back return to "Check your answers". */
  @state() private accessor changing = false;
  /** The consent recorded on the consent step. */
  @state() private accessor consentId: string | undefined;
  @state() private accessor recordingConsent = false;
  @state() private accessor hasConsentStep = false;

  /** One key for this referral, from the start of the draft: every send of it uses the same. */
  #idempotencyKey: string = crypto.randomUUID();
  /** The referral last sent whose answer never came: the hub may have made it under the key. */
  #unsettled: ReferralCreate | undefined;
  #focus: 'heading' | 'summary' | 'notice' | undefined;
  #needsTouched = false;
  #typeTouched = false;
  /** When the assessment step was last completed: its `completedAt`, the same on every send. */
  #assessedAt: string | undefined;
  /** Counts the referrals started here, so a send from before a restart changes nothing. */
  #generation = 0;

  /** The referral once it is sent. */
  get value(): Referral | undefined {
    return this.referral;
  }

  private get m() {
    return messages[this.locale];
  }

  private get offeredNeeds(): NeedCode[] {
    const limit = codesIn(this.needs);
    return limit.length > 0 ? NEED_CODES.filter((c) => limit.includes(c)) : [...NEED_CODES];
  }

  /**
   * The steps this form has: the assessment step only when turned on, the consent step only with
   * a `<hub-consent-capture>` to show.
   */
  private get steps(): readonly Exclude<Step, 'done'>[] {
    return STEPS.filter(
      (s) => (s !== 'consent' || this.hasConsentStep) && (s !== 'assessment' || this.assessment),
    );
  }

  get #consentCapture(): HubConsentCapture | null {
    return this.querySelector<HubConsentCapture>(':scope > hub-consent-capture[slot="consent"]');
  }

  /** The consent element works for this form: embedded, with the same hub and language. */
  #adoptConsent(): void {
    const capture = this.#consentCapture;
    this.hasConsentStep = capture !== null;
    if (!capture) return;
    capture.mode = 'embedded';
    if (!capture.publishableKey && this.publishableKey) capture.publishableKey = this.publishableKey;
    if (!capture.apiBase && this.apiBase) capture.apiBase = this.apiBase;
    if (!capture.lang && this.lang) capture.lang = this.lang;
  }

  readonly #children = new MutationObserver(() => {
    this.#adoptConsent();
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.#adoptConsent();
    this.#children.observe(this, {
      childList: true,
      attributes: true,
      attributeFilter: ['slot'],
      subtree: true,
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#children.disconnect();
  }

  private get requestedServiceId(): string | undefined {
    return this.service?.id ?? (this.serviceId || undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A partner's choices fill the answers until the person changes them.
    this.#applyPresets(
      (changed.has('preselect') || changed.has('needs')) && !this.#needsTouched,
      changed.has('referrerType') && !this.#typeTouched,
    );
    // A partner's form cannot submit until the referral is sent (in the page's language).
    if ((changed.has('lang') || !this.hasUpdated) && !this.referral) {
      this.internals.setFormValue(null);
      this.internals.setValidity({ valueMissing: true }, this.m.notSent);
    }
  }

  #applyPresets(needs: boolean, type: boolean): void {
    if (needs) {
      const offered = this.offeredNeeds;
      this.draft = { ...this.draft, needs: codesIn(this.preselect).filter((c) => offered.includes(c)) };
    }
    if (type) {
      const code = (referrerTypeCodes.codes as readonly string[]).includes(this.referrerType)
        ? this.referrerType
        : '';
      this.draft = { ...this.draft, referrerType: code };
    }
  }

  /**
   * The partner's `<form>` was reset: the answers go and a new referral starts, with a new
   * idempotency key (a referral already sent stays made).
   */
  formResetCallback(): void {
    this.#restart();
    // The reset came from the partner's form: the focus stays where the person left it.
    this.#focus = undefined;
  }

  /** A new, empty referral on the first step (the partner's presets applied again). */
  #restart(): void {
    this.#generation += 1;
    this.draft = emptyDraft();
    this.#needsTouched = false;
    this.#typeTouched = false;
    this.#applyPresets(true, true);
    this.#idempotencyKey = crypto.randomUUID();
    this.#unsettled = undefined;
    this.#assessedAt = undefined;
    this.referral = undefined;
    this.consentId = undefined;
    // The next person's consent is theirs: the consent step starts empty too.
    this.#consentCapture?.reset();
    this.rejections = [];
    this.submitting = false;
    this.recordingConsent = false;
    this.#go('referrer');
    this.changing = false;
    this.internals.setFormValue(null);
    this.internals.setValidity({ valueMissing: true }, this.m.notSent);
  }

  protected override updated(): void {
    const focus = this.#focus;
    this.#focus = undefined;
    const selector = { heading: '.step-heading', summary: '.error-summary', notice: '.notice' };
    if (focus) this.renderRoot.querySelector<HTMLElement>(selector[focus])?.focus();
  }

  #set(patch: Partial<ReferralDraft>): void {
    this.draft = { ...this.draft, ...patch };
  }

  #go(step: Step): void {
    this.step = step;
    this.errors = [];
    this.failure = undefined;
    if (step === 'check') this.changing = false;
    this.#focus = 'heading';
  }

  #check(): ReturnType<typeof check> {
    const result = check(this.draft, {
      lang: this.locale,
      requestedServiceId: this.requestedServiceId,
      consentId: this.consentId,
      assessment: this.assessment,
      assessedAt: this.#assessedAt,
    });
    if (result.referral) return result;
    // The schema asks for a part of life; on this step, that is a need's wellbeing score.
    const scoreNeeded = this.m.assessmentScoreNeeded;
    return {
      errors: result.errors.map((e) =>
        e.path === '/assessment/sections' ? { ...e, message: scoreNeeded } : e,
      ),
    };
  }

  /** Shows `errors` on the first step that has any, with the summary focused. */
  #showErrors(errors: PlacedError[]): void {
    const first = QUESTION_STEPS.find((s) => errors.some((e) => e.step === s));
    if (!first) return;
    if (first !== this.step) this.changing = true;
    this.step = first;
    this.errors = errors.filter((e) => e.step === first);
    this.#focus = 'summary';
  }

  #continue(event: Event): void {
    event.preventDefault();
    if (this.step === 'consent') {
      void this.#recordConsent();
      return;
    }
    const step = this.step as QuestionStep;
    if (step === 'assessment') {
      this.draft = { ...this.draft, assessmentSkipped: false };
      this.#assessedAt = new Date().toISOString();
    }
    const all = this.#check().errors;
    const own = all.filter((e) => e.step === step);
    if (own.length > 0) {
      this.errors = own;
      this.#focus = 'summary';
      // The summary may already be there: the focus still has to move to it.
      this.requestUpdate();
      return;
    }
    if (this.changing) {
      // A change can make a later answer needed (a new need has no urgency yet).
      const next = QUESTION_STEPS.find((s) => all.some((e) => e.step === s));
      this.#go(next ?? 'check');
      if (next) this.changing = true;
      return;
    }
    this.#go(this.steps[this.steps.indexOf(step) + 1] ?? 'check');
  }

  /**
   * Records the consent (once: the consent element keeps its record and its own idempotency
   * key). A problem with its answers, or the hub out of reach, is shown by the consent element,
   * which keeps every answer; the person stays on this step.
   */
  async #recordConsent(): Promise<void> {
    const capture = this.#consentCapture;
    if (!capture || this.recordingConsent) return;
    this.recordingConsent = true;
    try {
      const consent = await capture.record();
      this.consentId = consent.id;
      this.#go('check');
    } catch {
      // Shown inside the consent element, with its own error summary or Try again.
    } finally {
      this.recordingConsent = false;
    }
  }

  /** "Skip this step": the answers are kept (a Change brings them back) but none is sent. */
  #skip(): void {
    this.#set({ assessmentSkipped: true });
    const all = this.#check().errors;
    const next = this.changing ? QUESTION_STEPS.find((s) => all.some((e) => e.step === s)) : undefined;
    const wasChanging = this.changing;
    this.#go(wasChanging ? (next ?? 'check') : (this.steps[this.steps.indexOf('assessment') + 1] ?? 'check'));
    if (wasChanging && next) this.changing = true;
  }

  #back(event: Event): void {
    event.preventDefault();
    if (this.changing) {
      this.#go('check');
      return;
    }
    const at = this.steps.indexOf(this.step as (typeof STEPS)[number]);
    if (at > 0) this.#go(this.steps[at - 1] ?? 'referrer');
  }

  #change(event: Event, step: QuestionStep): void {
    event.preventDefault();
    this.#go(step);
    this.changing = true;
  }

  async #send(): Promise<void> {
    // The key makes a second send harmless; this keeps it from being made at all.
    if (this.submitting || this.referral) return;
    const { referral: toSend, errors } = this.#check();
    if (!toSend) {
      this.#showErrors(errors);
      return;
    }
    const client = this.client;
    if (!client) {
      this.failure = 'config';
      this.#focus = 'notice';
      return;
    }
    this.submitting = true;
    this.failure = undefined;
    const generation = this.#generation;
    try {
      const referral = await this.#create(client, toSend);
      // Started again while it was sending: the new referral is not this one.
      if (generation !== this.#generation) return;
      this.referral = referral;
      this.internals.setFormValue(referral.id);
      this.internals.setValidity({});
      this.step = 'done';
      this.#focus = 'heading';
      this.dispatchEvent(new HubReferralSubmittedEvent(referral));
    } catch (error) {
      if (generation === this.#generation) this.#failed(error);
    } finally {
      if (generation === this.#generation) this.submitting = false;
    }
  }

  /**
   * Sends the referral under this draft's key. When answers changed after a send whose answer was
   * lost, the hub may already have made the first: it then refuses the key with other answers,
   * and sending the first again gets the referral it made, never a second one.
   */
  async #create(client: HubClient, referral: ReferralCreate): Promise<Referral> {
    const options = { idempotencyKey: this.#idempotencyKey };
    const generation = this.#generation;
    try {
      const made = await createReferral(client, referral, options);
      if (generation === this.#generation) this.#unsettled = undefined;
      return made;
    } catch (error) {
      // Started again meanwhile: the key and the unsettled send are the new referral's.
      if (generation !== this.#generation) throw error;
      if (error instanceof APIConnectionError) {
        this.#unsettled = referral;
      } else if (error instanceof APIError && error.code === 'idempotency_key_reused' && this.#unsettled) {
        const made = await createReferral(client, this.#unsettled, options);
        this.#unsettled = undefined;
        return made;
      } else if (
        error instanceof APIError &&
        error.status < 500 &&
        error.status !== 409 &&
        error.status !== 429
      ) {
        // The hub said no and made nothing; it keeps that answer for the key, so the corrected
        // referral needs a key of its own.
        this.#idempotencyKey = crypto.randomUUID();
        this.#unsettled = undefined;
      }
      throw error;
    }
  }

  #failed(error: unknown): void {
    if (error instanceof ValidationError || (error instanceof APIError && error.status === 422)) {
      const placed = placeErrors(error.errors, this.draft);
      if (placed.length > 0) {
        this.#showErrors(placed);
        return;
      }
      this.rejections = error.errors.map((e) => e.message);
      this.failure =
        error instanceof APIError && error.code === 'idempotency_key_reused'
          ? 'conflict'
          : this.rejections.length > 0
            ? 'rejected'
            : 'server';
    } else if (error instanceof APIConnectionError) {
      this.failure = navigator.onLine ? 'network' : 'offline';
    } else if (error instanceof RateLimitError) {
      this.failure = 'rate';
    } else if (isProofFailure(error)) {
      this.failure = 'proof';
    } else {
      this.failure = 'server';
    }
    this.#focus = 'notice';
  }

  // Fields

  #error(field: string): string | undefined {
    return this.errors.find((e) => e.field === field)?.message;
  }

  #text(
    id: string,
    label: string,
    key: keyof ReferralDraft,
    extra: Partial<Parameters<typeof textField>[0]> = {},
  ): TemplateResult {
    return textField({
      id,
      label,
      value: this.draft[key] as string,
      error: this.#error(id),
      errorPrefix: common[this.locale].error,
      onInput: (value) => {
        this.#set({ [key]: value });
      },
      ...extra,
    });
  }

  #yesNo(id: string, legend: string, key: keyof ReferralDraft, hint?: string): TemplateResult {
    return radiosField({
      id,
      legend,
      hint,
      inline: true,
      options: [
        { value: 'yes', label: this.m.yes },
        { value: 'no', label: this.m.no },
      ],
      value: this.draft[key] as string,
      error: this.#error(id),
      errorPrefix: common[this.locale].error,
      onChange: (value) => {
        this.#set({ [key]: value as YesNo });
      },
    });
  }

  #options<C extends string>(list: Codelist<C>, codes?: readonly C[]): ChoiceOption[] {
    return (codes ?? list.codes).map((code) => ({ value: code, label: labelOf(list, code, this.locale) }));
  }

  #optional(label: string): string {
    return `${label} ${common[this.locale].optional}`;
  }

  // Steps

  #referrerStep(): TemplateResult {
    const m = this.m;
    const d = this.draft;
    const type = d.referrerType;
    const other = type !== '' && type !== 'self';
    return html`${radiosField({
      id: 'referrer-type',
      legend: m.referrerType,
      options: this.#options(referrerTypeCodes),
      value: type,
      error: this.#error('referrer-type'),
      errorPrefix: common[this.locale].error,
      onChange: (value) => {
        this.#typeTouched = true;
        this.#set({ referrerType: value });
      },
    })}
    ${
      other
        ? html`<div class="conditional">
              ${this.#text('referrer-name', m.referrerName, 'referrerName', { autocomplete: 'name' })}
              ${
                type === 'family_friend'
                  ? this.#text(
                      'referrer-relationship',
                      this.#optional(m.referrerRelationship),
                      'referrerRelationship',
                      {
                        hint: m.referrerRelationshipHint,
                      },
                    )
                  : nothing
              }
              ${
                isProfessional(type)
                  ? html`${this.#text('referrer-role', this.#optional(m.referrerRole), 'referrerRole', {
                      autocomplete: 'organization-title',
                    })}
                    ${this.#text('referrer-organisation', m.referrerOrganisation, 'referrerOrganisation', {
                      autocomplete: 'organization',
                    })}`
                  : nothing
              }
              ${this.#text('referrer-phone', m.referrerPhone, 'referrerPhone', {
                type: 'tel',
                autocomplete: 'tel',
                width: 20,
                hint: m.referrerContactHint,
              })}
              ${this.#text('referrer-email', m.referrerEmail, 'referrerEmail', {
                type: 'email',
                autocomplete: 'email',
                spellcheck: false,
              })}
            </div>
            ${this.#yesNo('resident-aware', m.residentAware, 'residentAware')}
            ${this.#yesNo('resident-agreed', m.residentAgreed, 'residentAgreed')}
            ${
              d.residentAgreed === 'no'
                ? textareaField({
                    id: 'no-agreement-reason',
                    label: m.noAgreementReason,
                    hint: m.noAgreementReasonHint,
                    value: d.noAgreementReason,
                    error: this.#error('no-agreement-reason'),
                    errorPrefix: common[this.locale].error,
                    onInput: (value) => {
                      this.#set({ noAgreementReason: value });
                    },
                  })
                : nothing
            }`
        : nothing
    }`;
  }

  #dateField(): TemplateResult {
    const m = this.m;
    const d = this.draft;
    const error = this.#error('dob-day');
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
            this.#set({ [key]: (e.target as HTMLInputElement).value });
          }}
        />
      </div>`;
    return html`<div class="form-group ${error ? 'form-group--error' : ''}">
      <fieldset class="fieldset" role="group" aria-describedby=${`dob-hint${error ? ' dob-error' : ''}`}>
        <legend class="legend">${this.#optional(m.dateOfBirth)}</legend>
        <div class="hint" id="dob-hint">${m.dateOfBirthHint}</div>
        ${
          error
            ? html`<p class="error-message" id="dob-error">
                <span class="visually-hidden">${common[this.locale].error}</span> ${error}
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

  #personStep(): TemplateResult {
    const m = this.m;
    return html`${this.#text('given-name', m.givenName, 'givenName', {
        autocomplete: this.draft.referrerType === 'self' ? 'given-name' : 'off',
        spellcheck: false,
      })}
      ${this.#text('family-name', m.familyName, 'familyName', {
        autocomplete: this.draft.referrerType === 'self' ? 'family-name' : 'off',
        spellcheck: false,
      })}
      ${this.#dateField()}
      <fieldset class="fieldset form-group" aria-describedby="address-hint">
        <legend class="legend">${this.#optional(m.address)}</legend>
        <div class="hint" id="address-hint">${m.addressHint}</div>
        ${this.#text('address-line1', m.addressLine1, 'addressLine1')}
        ${this.#text('address-line2', this.#optional(m.addressLine2), 'addressLine2')}
        ${this.#text('address-town', m.town, 'town', { width: 20 })}
        ${this.#text('address-postcode', m.postcode, 'postcode', { width: 10, spellcheck: false })}
      </fieldset>`;
  }

  #needsStep(): TemplateResult {
    return checkboxesField({
      id: 'needs',
      legend: this.m.needsTitle,
      hint: this.m.needsHint,
      options: this.#options(needCodes, this.offeredNeeds),
      values: this.draft.needs,
      error: this.#error('needs'),
      errorPrefix: common[this.locale].error,
      onChange: (values) => {
        this.#needsTouched = true;
        // In the order they are offered, so details follow the same order.
        this.#set({ needs: NEED_CODES.filter((c) => values.includes(c)) });
      },
    });
  }

  #detailsStep(): TemplateResult {
    const m = this.m;
    return html`${this.draft.needs.map((code) => {
      const label = labelOf(needCodes, code, this.locale);
      const need = this.draft.needDetails[code] ?? { urgency: '', details: '' };
      const put = (patch: Partial<typeof need>) => {
        this.#set({ needDetails: { ...this.draft.needDetails, [code]: { ...need, ...patch } } });
      };
      return html`<div class="need">
        ${headingAt(levelOf(this.headingLevel, 1), 'section-heading', label)}
        ${radiosField({
          id: `need-${code}-urgency`,
          legend: m.urgencyFor(label),
          options: this.#options(urgencyCodes),
          value: need.urgency,
          error: this.#error(`need-${code}-urgency`),
          errorPrefix: common[this.locale].error,
          onChange: (urgency) => {
            put({ urgency });
          },
        })}
        ${textareaField({
          id: `need-${code}-details`,
          label: this.#optional(m.detailsFor(label)),
          hint: m.needDetailsHint,
          value: need.details,
          rows: 4,
          error: this.#error(`need-${code}-details`),
          errorPrefix: common[this.locale].error,
          onInput: (details) => {
            put({ details });
          },
        })}
      </div>`;
    })}
    ${textareaField({
      id: 'notes',
      label: this.#optional(m.notes),
      value: this.draft.notes,
      rows: 3,
      error: this.#error('notes'),
      errorPrefix: common[this.locale].error,
      onInput: (notes) => {
        this.#set({ notes });
      },
    })}`;
  }

  /** The short single assessment: every question optional, and the step can be skipped. */
  #assessmentStep(): TemplateResult {
    const m = this.m;
    const d = this.draft;
    const lang = this.locale;
    const scale: ChoiceOption[] = [
      ...wellbeingScale.entries.map((entry) => ({
        value: entry.code,
        label: m.wellbeingOption(entry.code, entry[lang]),
      })),
      { value: 'unsure', label: m.wellbeingNotSure },
    ];
    return html`<p>${m.assessmentIntro}</p>
      ${textareaField({
        id: 'what-matters-most',
        label: this.#optional(m.whatMattersMost),
        hint: m.whatMattersMostHint,
        value: d.whatMattersMost,
        rows: 3,
        error: this.#error('what-matters-most'),
        errorPrefix: common[lang].error,
        onInput: (whatMattersMost) => {
          this.#set({ whatMattersMost });
        },
      })}
      ${d.needs.map((code) =>
        radiosField({
          id: `wellbeing-${code}`,
          legend: this.#optional(m.wellbeingFor(labelOf(needCodes, code, lang))),
          hint: m.wellbeingHint,
          options: scale,
          value: d.wellbeing[code] ?? '',
          error: this.#error(`wellbeing-${code}`),
          errorPrefix: common[lang].error,
          onChange: (score) => {
            this.#set({ wellbeing: { ...this.draft.wellbeing, [code]: score } });
          },
        }),
      )}
      ${textareaField({
        id: 'strengths',
        label: this.#optional(m.strengths),
        value: d.strengths,
        rows: 3,
        error: this.#error('strengths'),
        errorPrefix: common[lang].error,
        onInput: (strengths) => {
          this.#set({ strengths });
        },
      })}`;
  }

  #emergency(): TemplateResult {
    const m = this.m;
    const contacts = this.emergencyContacts ?? [{ name: m.emergencyDefaultName, phone: '999' }];
    return html`<div class="warning" part="emergency" role="region" aria-labelledby="emergency-title">
      <span class="warning__icon" aria-hidden="true">!</span>
      <div>
        <p class="warning__title" id="emergency-title">
          <span class="visually-hidden">${m.warning}: </span>${m.emergencyTitle}
        </p>
        <ul>
          ${contacts.map(
            (c) =>
              html`<li>${c.name}: <a href=${`tel:${c.phone.replace(/[^\d+]/g, '')}`}>${c.phone}</a></li>`,
          )}
        </ul>
        <p>${m.emergencyHint}</p>
      </div>
    </div>`;
  }

  #safeguardingStep(): TemplateResult {
    const m = this.m;
    const d = this.draft;
    return html`${this.#yesNo('sg-concern', m.concern, 'concern')}
    ${
      d.concern === 'yes'
        ? html`<div class="conditional">
              ${radiosField({
                id: 'sg-subject',
                legend: m.subject,
                options: this.#options(safeguardingSubjectCodes),
                value: d.subject,
                error: this.#error('sg-subject'),
                errorPrefix: common[this.locale].error,
                onChange: (subject) => {
                  this.#set({ subject });
                },
              })}
              ${textareaField({
                id: 'sg-details',
                label: m.concernDetails,
                value: d.concernDetails,
                error: this.#error('sg-details'),
                errorPrefix: common[this.locale].error,
                onInput: (concernDetails) => {
                  this.#set({ concernDetails });
                },
              })}
            </div>
            ${this.#yesNo('sg-danger', m.immediateDanger, 'immediateDanger')}
            ${d.immediateDanger === 'yes' ? this.#emergency() : nothing}`
        : nothing
    }`;
  }

  #contactStep(): TemplateResult {
    const m = this.m;
    const d = this.draft;
    return html`${checkboxesField({
      id: 'contact-methods',
      legend: m.contactMethods,
      hint: m.contactMethodsHint,
      options: this.#options(contactMethodCodes),
      values: d.contactMethods,
      error: this.#error('contact-methods'),
      errorPrefix: common[this.locale].error,
      onChange: (values) => {
        this.#set({ contactMethods: contactMethodCodes.codes.filter((c) => values.includes(c)) });
      },
    })}
    ${this.#text('contact-phone', this.#optional(m.contactPhone), 'contactPhone', {
      type: 'tel',
      width: 20,
      autocomplete: d.referrerType === 'self' ? 'tel' : 'off',
    })}
    ${this.#text('contact-email', this.#optional(m.contactEmail), 'contactEmail', {
      type: 'email',
      spellcheck: false,
      autocomplete: d.referrerType === 'self' ? 'email' : 'off',
    })}
    ${checkboxesField({
      id: 'contact-times',
      legend: this.#optional(m.contactTimes),
      options: this.#options(contactTimeCodes),
      values: d.contactTimes,
      error: this.#error('contact-times'),
      errorPrefix: common[this.locale].error,
      onChange: (values) => {
        this.#set({ contactTimes: contactTimeCodes.codes.filter((c) => values.includes(c)) });
      },
    })}
    ${this.#yesNo('contact-safe', m.safeToLeaveMessage, 'safeToLeaveMessage', m.safeToLeaveMessageHint)}
    ${this.#yesNo('contact-interpreter', m.interpreterNeeded, 'interpreterNeeded')}
    ${d.interpreterNeeded === 'yes' ? html`<div class="conditional">${this.#languageField()}</div>` : nothing}`;
  }

  /** A select of the languages most asked for (fields.ts has no select: one field needs it). */
  #languageField(): TemplateResult {
    const m = this.m;
    const error = this.#error('contact-language');
    return html`<div class="form-group ${error ? 'form-group--error' : ''}">
      <label class="label" for="contact-language">${m.language}</label>
      ${
        error
          ? html`<p class="error-message" id="contact-language-error">
              <span class="visually-hidden">${common[this.locale].error}</span> ${error}
            </p>`
          : nothing
      }
      <select
        id="contact-language"
        name="contact-language"
        class=${error ? 'input--error' : ''}
        aria-describedby=${error ? 'contact-language-error' : nothing}
        aria-invalid=${error ? 'true' : 'false'}
        @change=${(e: Event) => {
          this.#set({ language: (e.target as HTMLSelectElement).value });
        }}
      >
        <option value="" ?selected=${this.draft.language === ''}>${m.chooseLanguage}</option>
        ${languageCodes.entries.map(
          (entry) =>
            html`<option value=${entry.code} ?selected=${this.draft.language === entry.code}>
              ${entry[this.locale]}
            </option>`,
        )}
      </select>
    </div>`;
  }

  // Check your answers

  #row(key: string, value: string, step: QuestionStep | undefined): TemplateResult {
    return html`<div class="summary-list__row">
      <dt class="summary-list__key">${key}</dt>
      <dd class="summary-list__value">${value || this.m.notGiven}</dd>
      ${
        step
          ? html`<dd class="summary-list__actions">
              <a
                href=${`#${step}`}
                @click=${(e: Event) => {
                  this.#change(e, step);
                }}
                >${this.m.change}<span class="visually-hidden"> ${key}</span></a
              >
            </dd>`
          : html`<dd class="summary-list__actions"></dd>`
      }
    </div>`;
  }

  #yesNoLabel(value: YesNo): string {
    return value === 'yes' ? this.m.yes : value === 'no' ? this.m.no : '';
  }

  #dateLabel(lang: Lang): string {
    const d = this.draft;
    const value = dateOf(d.dobDay, d.dobMonth, d.dobYear);
    return value ? longDate(value, lang) : '';
  }

  #checkStep(): TemplateResult {
    const m = this.m;
    const d = this.draft;
    const lang = this.locale;
    const self = d.referrerType === 'self';
    // Labels of the codes as answered (a code no list has shows as itself).
    const label = (of: Codelist<string>, code: string) => labelOf(of, code, lang);
    const list = (codes: readonly string[], of: Codelist<string>) =>
      codes.map((c) => label(of, c)).join('\n');
    const address = addressOf(d);
    return html`${headingAt(levelOf(this.headingLevel, 1), 'section-heading', m.sectionReferrer)}
      <dl class="summary-list" part="summary-list">
        ${this.#row(m.referrerType, label(referrerTypeCodes, d.referrerType), 'referrer')}
        ${
          self
            ? nothing
            : html`${this.#row(
                m.name,
                [d.referrerName, d.referrerRelationship, d.referrerRole, d.referrerOrganisation]
                  .filter((v) => v.trim())
                  .join('\n'),
                'referrer',
              )}
              ${this.#row(m.contactDetails, [d.referrerPhone, d.referrerEmail].filter((v) => v.trim()).join('\n'), 'referrer')}
              ${this.#row(m.residentAware, this.#yesNoLabel(d.residentAware), 'referrer')}
              ${this.#row(m.residentAgreed, this.#yesNoLabel(d.residentAgreed), 'referrer')}
              ${d.residentAgreed === 'no' ? this.#row(m.noAgreementReason, d.noAgreementReason, 'referrer') : nothing}`
        }
      </dl>
      ${headingAt(levelOf(this.headingLevel, 1), 'section-heading', m.sectionPerson)}
      <dl class="summary-list" part="summary-list">
        ${this.#row(m.name, `${d.givenName} ${d.familyName}`.trim(), 'person')}
        ${this.#row(m.dateOfBirth, this.#dateLabel(lang), 'person')}
        ${this.#row(m.address, address?.join('\n') ?? '', 'person')}
      </dl>
      ${headingAt(levelOf(this.headingLevel, 1), 'section-heading', m.sectionNeeds)}
      <dl class="summary-list" part="summary-list">
        ${this.#row(m.needsTitle, list(d.needs, needCodes), 'needs')}
        ${d.needs.map((code) => {
          const need = d.needDetails[code];
          return this.#row(
            label(needCodes, code),
            [need?.urgency ? label(urgencyCodes, need.urgency) : '', need?.details.trim() ?? '']
              .filter(Boolean)
              .join('\n'),
            'details',
          );
        })}
        ${d.notes.trim() ? this.#row(m.notes, d.notes, 'details') : nothing}
        ${this.service ? this.#row(m.serviceRequested, this.service.name, undefined) : nothing}
      </dl>
      ${this.steps.includes('assessment') ? this.#assessmentRows() : nothing}
      ${headingAt(levelOf(this.headingLevel, 1), 'section-heading', m.sectionSafeguarding)}
      <dl class="summary-list" part="summary-list">
        ${this.#row(m.concern, this.#yesNoLabel(d.concern), 'safeguarding')}
        ${
          d.concern === 'yes'
            ? html`${this.#row(
                m.subject,
                d.subject ? label(safeguardingSubjectCodes, d.subject) : '',
                'safeguarding',
              )}
              ${this.#row(m.concernDetails, d.concernDetails, 'safeguarding')}
              ${this.#row(m.immediateDanger, this.#yesNoLabel(d.immediateDanger), 'safeguarding')}`
            : nothing
        }
      </dl>
      ${headingAt(levelOf(this.headingLevel, 1), 'section-heading', m.sectionContact)}
      <dl class="summary-list" part="summary-list">
        ${this.#row(m.contactMethods, list(d.contactMethods, contactMethodCodes), 'contact')}
        ${this.#row(m.contactPhone, d.contactPhone, 'contact')}
        ${this.#row(m.contactEmail, d.contactEmail, 'contact')}
        ${this.#row(m.contactTimes, list(d.contactTimes, contactTimeCodes), 'contact')}
        ${this.#row(m.safeToLeaveMessage, this.#yesNoLabel(d.safeToLeaveMessage), 'contact')}
        ${this.#row(
          m.interpreterNeeded,
          [
            this.#yesNoLabel(d.interpreterNeeded),
            d.interpreterNeeded === 'yes' && d.language ? label(languageCodes, d.language) : '',
          ]
            .filter(Boolean)
            .join(': '),
          'contact',
        )}
        ${this.consentId ? this.#row(m.consentRow, m.consentRecorded, undefined) : nothing}
      </dl>
      ${this.#notice()}
      <div class="button-group">
        <button
          class="button"
          part="button"
          type="button"
          aria-disabled=${this.submitting ? 'true' : 'false'}
          @click=${() => {
            void this.#send();
          }}
        >
          ${this.submitting ? m.sending : this.failure ? common[lang].tryAgain : m.send}
        </button>
      </div>`;
  }

  #assessmentRows(): TemplateResult {
    const m = this.m;
    const d = this.draft;
    const lang = this.locale;
    const answered = !d.assessmentSkipped && hasAssessment(d);
    return html`${headingAt(levelOf(this.headingLevel, 1), 'section-heading', m.sectionAssessment)}
      <dl class="summary-list" part="summary-list">
        ${
          answered
            ? html`${this.#row(m.whatMattersMost, d.whatMattersMost.trim(), 'assessment')}
              ${scoredNeeds(d).map((code) => {
                const score = d.wellbeing[code] as (typeof wellbeingScale.codes)[number];
                return this.#row(
                  m.wellbeingRow(labelOf(needCodes, code, lang)),
                  m.wellbeingOption(score, labelOf(wellbeingScale, score, lang)),
                  'assessment',
                );
              })}
              ${this.#row(m.strengths, d.strengths.trim(), 'assessment')}`
            : this.#row(m.assessmentRow, d.assessmentSkipped ? m.assessmentSkipped : '', 'assessment')
        }
      </dl>`;
  }

  #notice(): TemplateResult | typeof nothing {
    if (!this.failure) return nothing;
    const c = common[this.locale];
    const text = {
      network: c.networkError,
      offline: this.m.offline,
      server: c.serverError,
      rate: c.rateLimited,
      proof: c.proofFailed,
      conflict: this.m.conflict,
      config: c.notConfigured,
      rejected: c.errorSummaryTitle,
    }[this.failure];
    return html`<div class="notice" part="notice" role="alert" tabindex="-1">
      <p>${text}</p>
      ${
        this.failure === 'rejected'
          ? html`<ul>
              ${this.rejections.map((r) => html`<li>${r}</li>`)}
            </ul>`
          : nothing
      }
    </div>`;
  }

  #doneStep(): TemplateResult {
    const m = this.m;
    return html`<div class="panel" part="panel">
        ${headingAt(this.headingLevel, 'panel__title step-heading', m.submittedTitle, { part: 'heading', focusable: true })}
        <div class="panel__body">
          ${m.yourReference}<br /><strong class="panel__reference">${this.referral?.reference}</strong>
        </div>
      </div>
      ${headingAt(levelOf(this.headingLevel, 1), 'section-heading', m.whatNext)}
      <p>${m.whatNextBody}</p>
      <div class="button-group">
        <button
          class="button button--secondary"
          part="secondary-button"
          type="button"
          @click=${() => {
            this.#restart();
          }}
        >
          ${m.anotherReferral}
        </button>
      </div>`;
  }

  #title(step: Exclude<Step, 'done'>): string {
    const m = this.m;
    const self = this.draft.referrerType === 'self';
    return {
      referrer: m.referrerTitle,
      person: self ? m.personTitleSelf : m.personTitle,
      needs: m.sectionNeeds,
      details: m.detailsTitle,
      assessment: m.assessmentTitle,
      safeguarding: m.safeguardingTitle,
      contact: m.contactTitle,
      consent: m.consentTitle,
      check: m.checkTitle,
    }[step];
  }

  protected override render(): TemplateResult {
    return html`<div class="root" data-theme=${this.themeName} lang=${this.locale}>${this.#body()}</div>`;
  }

  #body(): TemplateResult {
    const step = this.step;
    if (step === 'done') return html`<div part="step">${this.#doneStep()}</div>`;
    const m = this.m;
    const steps = this.steps;
    const index = steps.indexOf(step);
    const back =
      index > 0 || this.changing
        ? html`<a
            class="back-link"
            part="back-link"
            href="#back"
            @click=${(e: Event) => {
              this.#back(e);
            }}
            >${m.back}</a
          >`
        : nothing;
    const summary = errorSummary(
      common[this.locale].errorSummaryTitle,
      this.errors.map((e) => ({ id: e.field, message: e.message })),
      this.renderRoot,
    );
    const caption =
      step === 'check'
        ? nothing
        : html`<span class="caption">${m.stepOf(index + 1, steps.length - 1)}</span>`;
    const heading = html`${caption}
    ${headingAt(this.headingLevel, 'step-heading', this.#title(step), { part: 'heading', focusable: true })}`;
    if (step === 'check') return html`<div part="step">${back} ${heading} ${this.#checkStep()}</div>`;
    const fields = {
      consent: () => html`<slot name="consent"></slot>`,
      referrer: () => this.#referrerStep(),
      person: () => this.#personStep(),
      needs: () => this.#needsStep(),
      details: () => this.#detailsStep(),
      assessment: () => this.#assessmentStep(),
      safeguarding: () => this.#safeguardingStep(),
      contact: () => this.#contactStep(),
    }[step];
    return html`<div part="step">
      ${back} ${summary} ${heading}
      <form
        novalidate
        @submit=${(e: Event) => {
          this.#continue(e);
        }}
      >
        ${fields()}
        <div class="button-group">
          <button
            class="button"
            part="button"
            type="submit"
            aria-disabled=${this.recordingConsent ? 'true' : 'false'}
          >
            ${m.continue}
          </button>
          ${
            step === 'assessment'
              ? html`<button
                  class="button button--secondary"
                  part="secondary-button"
                  type="button"
                  @click=${() => {
                    this.#skip();
                  }}
                >
                  ${m.skip}
                </button>`
              : nothing
          }
        </div>
      </form>
    </div>`;
  }
}
