/**
 * `<hub-referral-form>`: a multi-step referral in the GOV.UK patterns (one thing a page,
 * Continue, Back, check your answers, a confirmation with the reference).
 */
import { html, nothing, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { NEED_CODES, referrerTypeCodes, type NeedCode } from '@hubkit/schema';
// The referral as the hub answered it: a newer hub's codes are kept as strings.
import type { Referral } from '@hubkit/sdk';
import type { HubConsentCapture } from '../consent-capture/consent-capture.ts';
import type { ConsentToSend } from './draft.ts';
import { HubEvent } from '../core/events.ts';
import { errorSummary } from '../core/fields.ts';
import { fieldStyles } from '../core/field-styles.ts';
import { HubFormElement } from '../core/hub-form-element.ts';
import { heading as headingAt } from '../core/headings.ts';
import { common } from '../core/common.ts';
import { lazy } from '../core/lazy.ts';
import type { SubmitController, SubmitFailure } from '../core/submit-controller.ts';
import { tokens } from '../core/styles.ts';
import type { PlacedError } from './draft.ts';
import { messages } from './messages.ts';
import { emptyDraft, type QuestionStep, type ReferralDraft, type RequestedService } from './model.ts';
import {
  navigate,
  positionOf,
  START,
  stepsOf,
  type FormStep,
  type NavEvent,
  type NavState,
} from './navigation.ts';
import type { StepContext } from './step.ts';
import { consentStep } from './steps/consent.ts';
import { notice } from './steps/notice.ts';
import { referrerStep } from './steps/referrer.ts';
import type { EmergencyContact } from './steps/safeguarding.ts';
import { referralFormStyles } from './styles.ts';

export type { EmergencyContact, RequestedService };

/**
 * Not needed to paint the first step, so loaded when the person starts answering (and on idle
 * before that): the schemas that check the answers, and the SDK and the shared submit controller
 * that send them.
 */
const validation = lazy(() => import('./draft.ts'));
const sender = lazy(() => import('./send.ts'));
/** The steps after the first (and check, done): loaded with the checks, Continue waits for both. */
const laterSteps = lazy(() => import('./steps/later.ts'));
type Validation = NonNullable<typeof validation.loaded>;

/** The referral was made: `detail.referral` is the hub's record, with its `reference`. */
export class HubReferralSubmittedEvent extends HubEvent<{ referral: Referral }> {
  constructor(referral: Referral) {
    super('hub-referral-submitted', { referral });
  }
}

declare global {
  // On every element, the document and the window: `document.addEventListener(…)` is typed too.
  interface GlobalEventHandlersEventMap {
    'hub-referral-submitted': HubReferralSubmittedEvent;
  }
  interface HTMLElementTagNameMap {
    'hub-referral-form': HubReferralForm;
  }
}

const codesIn = (value: string | undefined): NeedCode[] =>
  (value ?? '')
    .split(/[\s,]+/)
    .filter((code): code is NeedCode => (NEED_CODES as readonly string[]).includes(code));

/**
 * A referral to the hub, step by step: who is referring, about the person, their needs, details
 * of each need, safeguarding, how to contact them, check your answers, and the confirmation.
 * Every step is checked with the `@hubkit/schema` referral schema; the answers live in this
 * element's memory only. One idempotency key per referral, so a double click, a retry or a lost
 * answer never makes two. Form-associated: its value is the referral's id once it is sent.
 *
 * Consent: put a configured `<hub-consent-capture slot="consent">` inside the form and a consent
 * step comes before "Check your answers". Its answers are checked there (the capture shows its
 * own errors) but nothing is sent: the consent goes to the hub inside the referral, on Send, so
 * the hub makes both in one write under one idempotency key, or neither. An abandoned journey
 * leaves nothing at the hub. (A capture on its own still records its consent itself.)
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
  protected static override catalogues = [common, messages];

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

  /** Where the form is (navigation.ts says where each action takes it). */
  @state() private accessor nav: NavState = START;
  @state() private accessor draft: ReferralDraft = emptyDraft();
  @state() private accessor errors: PlacedError[] = [];
  /** Why the last send (or the loading of what Continue needs) failed, in the shared words. */
  @state() private accessor failure: SubmitFailure | undefined;
  /** The hub's messages, when it refused something no step asks about (an unknown service). */
  @state() private accessor rejections: string[] = [];
  @state() private accessor submitting = false;
  @state() private accessor referral: Referral | undefined;
  /** The consent given on the consent step, to send inside the referral. */
  @state() private accessor consent: ConsentToSend | undefined;
  @state() private accessor collectingConsent = false;
  @state() private accessor hasConsentStep = false;

  /**
   * Sending, exactly once: one key for this referral, from the start of the draft, kept across
   * every retry (a new one only after the hub refused the answers, or a new referral); a second
   * Send while one is on its way gets that one's answer (see SubmitController).
   */
  #submit: SubmitController<Referral> | undefined;

  /** The submit controller, made (its module loaded) the first time it is needed. */
  async #controller(): Promise<SubmitController<Referral>> {
    const { SubmitController } = await sender.load();
    this.#submit ??= new SubmitController<Referral>(this, { client: () => this.loadClient() });
    return this.#submit;
  }
  /** Settles once the action under way (Continue, Skip, Send) has acted, modules loaded. */
  #acting: Promise<unknown> = Promise.resolve();
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
  private get steps(): readonly FormStep[] {
    return stepsOf({ assessment: this.assessment, consent: this.hasConsentStep });
  }

  /**
   * The consent step: `<hub-consent-capture>`'s `collect()` checks the answers (showing any
   * problem inside the capture, with the focus) and gives the consent to send inside the
   * referral, or undefined. It sends nothing itself.
   */
  get #consentCapture(): HubConsentCapture | null {
    return this.querySelector<HubConsentCapture>(':scope > hub-consent-capture[slot="consent"]');
  }

  /** The consent element works for this form: embedded, with the same hub and language. */
  #adoptConsent(): void {
    const capture = this.#consentCapture;
    this.hasConsentStep = capture !== null;
    if (!capture) return;
    capture.mode = 'embedded';
    capture.disabled = this.isDisabled;
    if (!capture.publishableKey && this.publishableKey) capture.publishableKey = this.publishableKey;
    if (!capture.apiBase && this.apiBase) capture.apiBase = this.apiBase;
    if (!capture.lang && this.lang) capture.lang = this.lang;
  }

  readonly #children = new MutationObserver(() => {
    this.#adoptConsent();
  });

  /** The person started answering: what Continue and Send need is loaded now, if not already. */
  readonly #startLoading = (): void => {
    this.removeEventListener('focusin', this.#startLoading);
    this.removeEventListener('input', this.#startLoading);
    validation.load().catch(() => undefined);
    laterSteps.load().catch(() => undefined);
    sender.load().catch(() => undefined);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.#guard(this.#answered && !this.referral);
    // Fetched on idle after the first paint; or at once when the person starts answering.
    validation.prefetch();
    laterSteps.prefetch();
    sender.prefetch();
    this.addEventListener('focusin', this.#startLoading);
    this.addEventListener('input', this.#startLoading);
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
    this.#guard(false);
    this.#children.disconnect();
    this.removeEventListener('focusin', this.#startLoading);
    this.removeEventListener('input', this.#startLoading);
  }

  private get requestedServiceId(): string | undefined {
    return this.service?.id ?? (this.serviceId || undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('disabled')) this.#adoptConsent();
    // A partner's choices fill the answers until the person changes them.
    this.#applyPresets(
      (changed.has('preselect') || changed.has('needs')) && !this.#needsTouched,
      changed.has('referrerType') && !this.#typeTouched,
    );
    // A partner's form cannot submit until the referral is sent (in the page's language).
    if (this.locale !== this.#validityLang && !this.referral) this.#notSent();
    this.setState('submitting', this.submitting);
    super.willUpdate(changed);
  }

  /** The language the "not sent" validity message is in. */
  #validityLang: string | undefined;

  #notSent(): void {
    this.#validityLang = this.locale;
    this.setFormValue(null, { flags: { valueMissing: true }, message: this.m.notSent });
    this.setState('sent', false);
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
  override formResetCallback(): void {
    this.#restart();
    // The reset came from the partner's form: the focus stays where the person left it.
    this.#focus = undefined;
    super.formResetCallback();
  }

  /**
   * The browser restores the partner's form (back/forward): the answers were never kept (nothing
   * in browser storage), so the form starts afresh, not sent, whatever id it last gave the form.
   */
  override formStateRestoreCallback(state: unknown, reason: 'restore' | 'autocomplete'): void {
    this.#restart();
    this.#focus = undefined;
    super.formStateRestoreCallback(state, reason);
  }

  /** A new, empty referral on the first step (the partner's presets applied again). */
  #restart(): void {
    this.#generation += 1;
    this.#answered = false;
    this.draft = emptyDraft();
    this.#needsTouched = false;
    this.#typeTouched = false;
    this.#applyPresets(true, true);
    // A send on its way is dropped, and the next referral has a key of its own.
    this.#submit?.reset();
    this.#assessedAt = undefined;
    this.referral = undefined;
    this.consent = undefined;
    // The next person's consent is theirs: the consent step starts empty too.
    this.#consentCapture?.reset();
    this.rejections = [];
    this.submitting = false;
    this.collectingConsent = false;
    this.#move({ type: 'restart' });
    this.errors = [];
    this.failure = undefined;
    this.#focus = 'heading';
    this.#notSent();
  }

  /** The person has answered something (a partner's presets are not answers). */
  #answered = false;
  /** Whether the page asks before it is left: only while there are answers not sent. */
  #guarding = false;

  /**
   * Leaving the page (a reload, a link, closing the tab) loses the answers, which are kept
   * nowhere but here: the browser asks the person first, while anything answered is unsent.
   */
  readonly #beforeUnload = (event: BeforeUnloadEvent): void => {
    event.preventDefault();
  };

  /** Listens for leaving only while needed (a listener keeps a page from the back/forward cache). */
  #guard(on: boolean): void {
    if (on === this.#guarding) return;
    this.#guarding = on;
    if (on) window.addEventListener('beforeunload', this.#beforeUnload);
    else window.removeEventListener('beforeunload', this.#beforeUnload);
  }

  protected override updated(): void {
    this.#guard(this.#answered && !this.referral && this.isConnected);
    const focus = this.#focus;
    this.#focus = undefined;
    const selector = { heading: '.step-heading', summary: '.error-summary', notice: '.notice' };
    if (focus) this.renderRoot.querySelector<HTMLElement>(selector[focus])?.focus();
  }

  #set(patch: Partial<ReferralDraft>): void {
    this.draft = { ...this.draft, ...patch };
  }

  /** Takes the form where `event` leads; a new step starts without errors, its heading focused. */
  #move(event: NavEvent): boolean {
    if (this.isDisabled && event.type !== 'restart') return false;
    const next = navigate(this.nav, event, this.steps);
    if (next === this.nav) return false;
    const moved = next.step !== this.nav.step;
    this.nav = next;
    if (moved) {
      this.errors = [];
      this.failure = undefined;
      this.#focus = 'heading';
    }
    return moved;
  }

  #check(v: Validation): ReturnType<Validation['check']> {
    const result = v.check(this.draft, {
      lang: this.locale,
      requestedServiceId: this.requestedServiceId,
      consent: this.hasConsentStep ? this.consent : undefined,
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
    this.#move({ type: 'errors', invalid: errors.map((e) => e.step) });
    const step = this.nav.step;
    this.errors = errors.filter((e) => e.step === step);
    if (this.errors.length > 0) this.#focus = 'summary';
  }

  /**
   * Runs an action that needs the lazily loaded modules: they are almost always there already
   * (loaded on the first answer, or on idle); if not, it waits for them, with nothing shown
   * meanwhile. `updateComplete` waits for the action too. A module that will not load (the
   * network dropped) is said as a network failure; the next try loads it again.
   */
  async #act(action: (v: Validation) => void | Promise<void>, acted?: Promise<unknown>): Promise<void> {
    let settle = (): void => undefined;
    const done = new Promise<void>((resolve) => (settle = resolve));
    this.#acting = Promise.all([this.#acting, acted ? Promise.race([done, acted]) : done]);
    try {
      let v: Validation;
      try {
        [v] = await Promise.all([
          validation.loaded ?? validation.load(),
          laterSteps.loaded ?? laterSteps.load(),
        ]);
      } catch {
        this.failure = navigator.onLine ? 'network' : 'offline';
        this.#focus = 'notice';
        return;
      }
      await action(v);
    } finally {
      settle();
    }
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    await this.#acting;
    return super.getUpdateComplete();
  }

  #continue(event: Event): void {
    event.preventDefault();
    if (this.isDisabled) return;
    const step = this.nav.step;
    if (step === 'consent') {
      void this.#collectConsent();
      return;
    }
    void this.#act((v) => {
      if (step === 'assessment') {
        this.draft = { ...this.draft, assessmentSkipped: false };
        this.#assessedAt = new Date().toISOString();
      }
      const all = this.#check(v).errors;
      const own = all.filter((e) => e.step === step);
      if (own.length > 0) {
        this.errors = own;
        this.#focus = 'summary';
        // The summary may already be there: the focus still has to move to it.
        this.requestUpdate();
        return;
      }
      this.#move({ type: 'continue', invalid: all.map((e) => e.step) });
    });
  }

  /**
   * Takes the consent from the capture, sending nothing: it checks its answers and shows any
   * problem itself, with the focus, keeping every answer; the person then stays on this step.
   * The consent goes to the hub inside the referral, on Send.
   */
  async #collectConsent(): Promise<void> {
    const capture = this.#consentCapture;
    if (!capture || this.collectingConsent || this.isDisabled) return;
    this.collectingConsent = true;
    const generation = this.#generation;
    try {
      // Settled once the capture has worked out its privacy notice's hash, which collect() uses.
      await capture.updateComplete;
      const consent = capture.collect();
      if (!consent || generation !== this.#generation) return;
      this.consent = consent;
      this.#move({ type: 'continue', invalid: [] });
    } finally {
      this.collectingConsent = false;
    }
  }

  /** "Skip this step": the answers are kept (a Change brings them back) but none is sent. */
  #skip(): void {
    if (this.isDisabled) return;
    void this.#act((v) => {
      this.#set({ assessmentSkipped: true });
      this.#move({ type: 'skip', invalid: this.#check(v).errors.map((e) => e.step) });
    });
  }

  #send(): void {
    // The key makes a second send harmless; this keeps it from being made at all.
    if (this.submitting || this.referral || this.isDisabled) return;
    let sent = (): void => undefined;
    const sending = new Promise<void>((resolve) => (sent = resolve));
    // `updateComplete` waits until the send has started (or stopped short), not for the hub.
    void this.#act(async (v) => {
      try {
        await this.#sendWith(v, sent);
      } finally {
        sent();
      }
    }, sending);
  }

  async #sendWith(v: Validation, started: () => void): Promise<void> {
    if (this.submitting || this.referral) return;
    const { referral: toSend, errors } = this.#check(v);
    if (!toSend) {
      this.#showErrors(errors);
      return;
    }
    if (!this.configured) {
      this.failure = 'notConfigured';
      this.#focus = 'notice';
      return;
    }
    this.submitting = true;
    this.failure = undefined;
    started();
    const generation = this.#generation;
    let submit: SubmitController<Referral> | undefined;
    try {
      submit = await this.#controller();
      if (generation !== this.#generation) return;
      const referral = await submit.send(async ({ client, options }) => {
        const [hub, sdk] = await Promise.all([client(), sender.load()]);
        return sdk.createReferral(hub, toSend, options);
      });
      // Started again while it was sending: the new referral is not this one.
      if (generation !== this.#generation) return;
      this.referral = referral;
      this.setFormValue(referral.id);
      this.setState('sent', true);
      this.#move({ type: 'sent' });
      this.dispatchEvent(new HubReferralSubmittedEvent(referral));
    } catch {
      // The controller says why (its failure, its errors).
      if (generation === this.#generation) this.#failed(v, submit);
    } finally {
      if (generation === this.#generation) this.submitting = false;
    }
  }

  /** Says why the send failed (the controller's words), or puts the hub's errors on their steps. */
  #failed(v: Validation, submit: SubmitController<Referral> | undefined): void {
    this.#focus = 'notice';
    // Without the controller there was no answer from the hub: its module did not load.
    const failure = submit ? (submit.failure ?? 'server') : navigator.onLine ? 'network' : 'offline';
    const errors = submit && failure === 'rejected' ? submit.errors : [];
    const placed = v.placeErrors(errors, this.draft);
    if (placed.length > 0) {
      this.#focus = undefined;
      this.#showErrors(placed);
      return;
    }
    this.rejections = errors.map((e) => e.message);
    this.failure = failure;
  }

  /**
   * What the person is told about the failure: the shared words (the controller's), but for two
   * the form says of the referral itself.
   */
  get #failureText(): string {
    const failure = this.failure;
    const c = common[this.locale];
    if (failure === 'offline') return this.m.offline;
    if (failure === 'conflict') return this.m.conflict;
    // Loaded by then, but where it could not be (the network dropped) that is all there is to say.
    return (
      sender.loaded?.failureText({ failure, retryAfter: this.#submit?.retryAfter }, c) ??
      (failure === 'notConfigured' ? c.notConfigured : c.networkError)
    );
  }

  #title(step: FormStep): string {
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

  /** What every step renders from. */
  get #context(): StepContext {
    return {
      m: this.m,
      lang: this.locale,
      headingLevel: this.headingLevel,
      draft: this.draft,
      error: (field) => this.errors.find((e) => e.field === field)?.message,
      set: (patch) => {
        this.#answered = true;
        this.#set(patch);
      },
    };
  }

  /**
   * The later steps' module, or undefined while it loads (then the step shows when it has: only
   * reached without Continue, which waits for it, as when a page sets the step itself).
   */
  get #later(): NonNullable<typeof laterSteps.loaded> | undefined {
    const later = laterSteps.loaded;
    if (!later) {
      laterSteps.load().then(
        () => {
          this.requestUpdate();
        },
        () => undefined,
      );
    }
    return later;
  }

  #fields(step: QuestionStep): TemplateResult | typeof nothing {
    const ctx = this.#context;
    if (step === 'referrer') {
      return referrerStep({
        ...ctx,
        typeChosen: () => {
          this.#typeTouched = true;
        },
      });
    }
    if (step === 'consent') return consentStep();
    const later = this.#later;
    if (!later) return nothing;
    const { personStep, needsStep, detailsStep, assessmentStep, safeguardingStep, contactStep } = later;
    switch (step) {
      case 'person':
        return personStep(ctx);
      case 'needs':
        return needsStep({
          ...ctx,
          offered: this.offeredNeeds,
          needsChosen: () => {
            this.#needsTouched = true;
          },
        });
      case 'details':
        return detailsStep(ctx);
      case 'assessment':
        return assessmentStep(ctx);
      case 'safeguarding':
        return safeguardingStep({ ...ctx, emergencyContacts: this.emergencyContacts });
      case 'contact':
        return contactStep(ctx);
    }
  }

  protected override render(): TemplateResult {
    // Disabled (its own attribute, or a disabled fieldset around it): every control inside too.
    return html`<div class="root" data-theme=${this.themeName} lang=${this.locale}>
      <fieldset class="fieldset" role="none" ?disabled=${this.isDisabled}>${this.#body()}</fieldset>
    </div>`;
  }

  #body(): TemplateResult {
    const step = this.nav.step;
    const later = step === 'done' || step === 'check' ? this.#later : undefined;
    if (step === 'done') {
      if (!later) return html`<div part="step"></div>`;
      return html`<div part="step">
        ${later.doneStep({
          ...this.#context,
          reference: this.referral?.reference,
          restart: () => {
            this.#restart();
          },
        })}
      </div>`;
    }
    const m = this.m;
    const position = positionOf(this.nav, this.steps);
    const back = position.back
      ? html`<a
          class="back-link"
          part="back-link"
          href="#back"
          @click=${(e: Event) => {
            e.preventDefault();
            this.#move({ type: 'back' });
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
        : html`<span class="caption">${m.stepOf(position.number, position.total)}</span>`;
    const heading = html`${caption}
    ${headingAt(this.headingLevel, 'step-heading', this.#title(step), { part: 'heading', focusable: true })}`;
    if (step === 'check') {
      if (!later) return html`<div part="step">${back} ${heading}</div>`;
      const check = later.checkStep({
        ...this.#context,
        steps: this.steps,
        service: this.service,
        consent: this.consent !== undefined,
        address: validation.loaded?.addressOf(this.draft),
        submitting: this.submitting,
        failure: this.failure,
        failureText: this.#failureText,
        rejections: this.rejections,
        change: (to) => {
          this.#move({ type: 'change', step: to });
        },
        send: () => {
          this.#send();
        },
      });
      return html`<div part="step">${back} ${heading} ${check}</div>`;
    }
    // The code Continue needs would not load (the network dropped): said here, Continue tries again.
    const failure = notice({
      ...this.#context,
      failure: this.failure,
      failureText: this.#failureText,
      rejections: this.rejections,
    });
    return html`<div part="step">
      ${back} ${summary} ${heading} ${failure}
      <form
        novalidate
        @submit=${(e: Event) => {
          this.#continue(e);
        }}
      >
        ${this.#fields(step)}
        <div class="button-group">
          <button
            class="button"
            part="button"
            type="submit"
            aria-disabled=${this.collectingConsent ? 'true' : 'false'}
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
