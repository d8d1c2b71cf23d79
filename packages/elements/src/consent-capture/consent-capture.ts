/**
 * `<hub-consent-capture>`: shows the partner's privacy notice, asks about each purpose on its
 * own, who is agreeing (the person, or someone on their behalf and why) and how, and records
 * the consent through the SDK; then lets it be withdrawn. Form-associated: a partner's `<form>`
 * cannot submit until consent is recorded, and its value is the consent record's id.
 */
import { html, nothing, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  CONSENT_METHOD_CODES,
  CONSENT_PURPOSE_CODES,
  consentGiverCodes,
  consentMethodCodes,
  consentPurposeCodes,
  labelOf,
  representativeAuthorityCodes,
  type CONFIDENTIALITY_BASIS_CODES,
  type CONSENT_GIVER_CODES,
  type ConsentMethod,
  type ConsentPurpose,
  type DataController,
  type LAWFUL_BASIS_CODES,
  type ReferralConsent as ReferralConsentRecord,
  type REPRESENTATIVE_AUTHORITY_CODES,
  type SPECIAL_CATEGORY_CONDITION_CODES,
} from '@hubkit/schema';
// The consent as the hub answered it: a newer hub's codes are kept as strings.
import type { Consent, ConsentCreateParams, ConsentWithdrawalParams } from '@hubkit/sdk';
import { HubEvent } from '../core/events.ts';
import { fieldStyles } from '../core/field-styles.ts';
import {
  checkboxesField,
  errorSummary,
  radiosField,
  textareaField,
  textField,
  type SummaryError,
} from '../core/fields.ts';
import { HubFormElement } from '../core/hub-form-element.ts';
import { heading, levelOf } from '../core/headings.ts';
import { common } from '../core/common.ts';
import { lazy } from '../core/lazy.ts';
import { SubmitController, failureText } from '../core/submit-controller.ts';
import { tokens } from '../core/styles.ts';
import { messages } from './messages.ts';
import { consentStyles } from './styles.ts';

type GiverType = (typeof CONSENT_GIVER_CODES)[number];
type Authority = (typeof REPRESENTATIVE_AUTHORITY_CODES)[number];
type LawfulBasis = (typeof LAWFUL_BASIS_CODES)[number];
type ConfidentialityBasis = (typeof CONFIDENTIALITY_BASIS_CODES)[number];
type SpecialCategoryCondition = (typeof SPECIAL_CATEGORY_CONDITION_CODES)[number];

export interface HubConsentChangeDetail {
  /** The consent record as the hub stored it: `status` is `active`, or `withdrawn` after a withdrawal. */
  consent: Consent;
}

/** Consent was recorded, or withdrawn. */
export class HubConsentChangeEvent extends HubEvent<HubConsentChangeDetail> {
  constructor(consent: Consent) {
    super('hub-consent-change', { consent });
  }
}

/** The partner's privacy notice: its version, its exact text (hashed into the record) and where to read it. */
export interface PrivacyNotice {
  version: string;
  text: string;
  url?: string | undefined;
}

/** What has been answered so far: lives in the element's memory only. */
export interface ConsentAnswers {
  giverType: GiverType | '';
  name: string;
  relationship: string;
  authority: Authority | '';
  reason: string;
  method: ConsentMethod | '';
  staffName: string;
  staffRole: string;
  /** The purposes agreed to; every other purpose offered is recorded as not agreed. */
  granted: ConsentPurpose[];
}

type Phase = 'editing' | 'recording' | 'failed' | 'recorded' | 'withdrawing' | 'withdrawFailed' | 'withdrawn';

const emptyAnswers = (): ConsentAnswers => ({
  giverType: '',
  name: '',
  relationship: '',
  authority: '',
  reason: '',
  method: '',
  staffName: '',
  staffRole: '',
  granted: [],
});

/** The fields in the order they are shown, so the error summary lists problems in that order. */
const FIELD_ORDER = [
  'purposes',
  'giver-type',
  'giver-name',
  'giver-relationship',
  'giver-authority',
  'giver-reason',
  'method',
  'staff-name',
  'staff-role',
  'notice-heading',
] as const;
type FieldId = (typeof FIELD_ORDER)[number];

/** The field a schema error's JSON pointer is about; a problem with the set-up points at the notice. */
function fieldOf(path: string): FieldId {
  const [head = '', sub = ''] = path.replace(/^\//, '').split('/');
  if (head === 'purposes' || head === 'specialCategoryCondition') return 'purposes';
  if (head === 'givenBy') {
    const byName: Record<string, FieldId> = {
      type: 'giver-type',
      name: 'giver-name',
      relationship: 'giver-relationship',
      authority: 'giver-authority',
      reason: 'giver-reason',
    };
    return byName[sub] ?? 'giver-name';
  }
  if (head === 'method') return 'method';
  if (head === 'recordedBy') return sub === 'role' ? 'staff-role' : 'staff-name';
  return 'notice-heading';
}

/** The SDK functions this element calls, loaded with its first request (or on idle). */
const consentSdk = lazy(() => import('./sdk.ts'));
/**
 * The checks (the schemas, zod): not needed to paint the questions, so loaded when the person
 * starts answering (or on idle before that); recording and collecting wait for them.
 */
const checks = lazy(() => import('./consent-checks.ts'));

/** `sha256-` and the base64 SHA-256 of the UTF-8 text, as `PrivacyNoticeRef.textHash` wants. */
export async function noticeHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  let binary = '';
  for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
  return `sha256-${btoa(binary)}`;
}

/** A privacy notice's text and its hash, as it is worked out. */
interface HashedNotice {
  text: string;
  hash: Promise<string>;
  value?: string;
}

const isPurpose = (code: string): code is ConsentPurpose =>
  (CONSENT_PURPOSE_CODES as readonly string[]).includes(code);
const isMethod = (code: string): code is ConsentMethod =>
  (CONSENT_METHOD_CODES as readonly string[]).includes(code);

/**
 * Asks for and records consent to share a person's information, one purpose at a time.
 *
 * The privacy notice is the `notice` property (`{ version, text, url? }`), or the element's own
 * text content with `notice-version` (and `notice-url`). Its exact text is hashed (SHA-256) into
 * the record, so the hub can prove which words the person was shown. Answers stay in the
 * element's memory: never in storage or the page's URL.
 *
 * In a `<form>`, the element is invalid (`valueMissing`) until consent is recorded; its value
 * (under its `name`) is then the consent record's id.
 *
 * Embedded (`mode="embedded"`, as in the referral form) it sends nothing of its own: the page
 * calls `collect()` and sends the consent with the referral, in one request, so a journey
 * abandoned before Send leaves nothing at the hub.
 *
 * @fires hub-consent-change - Consent was recorded or withdrawn; `detail.consent` is the record.
 * @slot - The privacy notice's text, when the `notice` property is not set.
 * @csspart notice - The privacy notice.
 * @csspart form - The questions.
 * @csspart error-summary - The list of problems with the answers.
 * @csspart record-button - The button that records consent.
 * @csspart outcome - What was recorded, or that it was withdrawn.
 * @csspart withdraw-button - The button that withdraws consent.
 * @csspart failure - The message when the hub could not be reached, with Try again.
 * @cssprop --hub-color-text - Text colour (every `--hub-*` token of the theme applies).
 */
export class HubConsentCapture extends HubFormElement {
  static override styles: CSSResultGroup = [tokens, fieldStyles, consentStyles];
  protected static override catalogues = [common, messages];

  /** The privacy notice; else `notice-version`, `notice-url` and the element's text. */
  @property({ attribute: false }) accessor notice: PrivacyNotice | undefined;

  /** The privacy notice's version, when its text is the element's content. */
  @property({ attribute: 'notice-version' }) accessor noticeVersion = '';

  /** Where the full privacy notice can be read. */
  @property({ attribute: 'notice-url' }) accessor noticeUrl: string | undefined;

  /** Space-separated purpose codes asked about (default: every purpose), in the codelist's order. */
  @property() accessor purposes = '';

  /** Space-separated method codes offered (default `online phone in_person`); with one, it is not asked. */
  @property() accessor methods = 'online phone in_person';

  /** The data controllers; else one controller named by `controller` (and `controller-ico`). */
  @property({ attribute: false }) accessor controllers: DataController[] = [];

  /** The data controller's name, when there is one controller. */
  @property() accessor controller = '';

  /** The controller's ICO registration number, like `Z1234567`. */
  @property({ attribute: 'controller-ico' }) accessor controllerIco: string | undefined;

  @property({ attribute: 'lawful-basis' }) accessor lawfulBasis: LawfulBasis = 'consent';

  @property({ attribute: 'confidentiality-basis' }) accessor confidentialityBasis: ConfidentialityBasis =
    'explicit_consent';

  /** The article 9 condition; with `special_category` agreed and none given, `explicit_consent`. */
  @property({ attribute: 'special-category-condition' })
  accessor specialCategoryCondition: SpecialCategoryCondition | undefined;

  /** The referral this consent is for, when it already exists. */
  @property({ attribute: 'referral-id' }) accessor referralId: string | undefined;

  /**
   * `embedded` leaves out the Record button and sends nothing of its own: the page (like the
   * referral form) calls `collect()` and sends the consent with the referral.
   */
  @property({ reflect: true }) accessor mode: 'standalone' | 'embedded' = 'standalone';

  @state() private accessor answers: ConsentAnswers = emptyAnswers();
  @state() private accessor phase: Phase = 'editing';
  @state() private accessor fieldErrors: Readonly<Partial<Record<FieldId, string>>> = {};
  @state() private accessor recorded: Consent | undefined;
  @state() private accessor slotText = '';
  @state() private accessor confirming = false;
  @state() private accessor withdrawReason = '';

  /**
   * Recording, exactly once: one key per draft across retries, a new one only after the hub
   * answered "no" (see SubmitController).
   */
  readonly #recording = new SubmitController<Consent>(this, { client: () => this.loadClient() });
  /** Withdrawing, exactly once, under a key of its own. */
  readonly #withdrawing$ = new SubmitController<Consent>(this, { client: () => this.loadClient() });
  /** The request last checked, to show its problems again when the language changes. */
  #checkedBody: Record<string, unknown> | undefined;
  #givenAt: string | undefined;
  #inFlight: Promise<Consent> | undefined;
  /** The withdrawal as first sent: a retry sends exactly the same. */
  #withdrawal: ConsentWithdrawalParams | undefined;
  #withdrawing: Promise<Consent> | undefined;
  /** The checks did not load on the last Record: the failure says the network dropped. */
  #checksFailed = false;
  /** The privacy notice's hash, worked out as soon as its text is known: `collect()` is synchronous. */
  #hashed: HashedNotice | undefined;
  /** The answers last collected and when they were given: the same answers give the same consent. */
  #collected: { answers: string; givenAt: string } | undefined;

  // The public API

  /** The consent as recorded (and after a withdrawal, as withdrawn); undefined until recorded. */
  get consent(): Consent | undefined {
    return this.recorded;
  }

  /** A copy of the answers so far; set it to restore answers (for example on a Back step). */
  get draft(): ConsentAnswers {
    return { ...this.answers, granted: [...this.answers.granted] };
  }

  set draft(answers: ConsentAnswers) {
    if (this.recorded) return;
    this.answers = { ...emptyAnswers(), ...answers, granted: [...answers.granted] };
  }

  /** The purposes asked about, in the codelist's order. */
  get offeredPurposes(): ConsentPurpose[] {
    const wanted = this.purposes.split(/\s+/).filter(isPurpose);
    return wanted.length === 0
      ? [...CONSENT_PURPOSE_CODES]
      : CONSENT_PURPOSE_CODES.filter((code) => wanted.includes(code));
  }

  get offeredMethods(): ConsentMethod[] {
    const wanted = this.methods.split(/\s+/).filter(isMethod);
    return wanted.length === 0 ? ['online'] : CONSENT_METHOD_CODES.filter((code) => wanted.includes(code));
  }

  /**
   * Checks the answers and records the consent (once: later calls give the same record). On a
   * problem with the answers it shows them, moves focus to the summary and rejects with the
   * SDK's `ValidationError`; when the hub cannot be reached it says so, keeps every answer and
   * rejects with the SDK's error.
   */
  record(): Promise<Consent> {
    if (this.recorded) return Promise.resolve(this.recorded);
    this.#inFlight ??= this.#record().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  /**
   * Checks the answers and gives the consent to send with a referral (`ReferralCreate.consent`),
   * or undefined when something needs answering: the problems are shown in the element, with
   * focus on its error summary. It sends nothing. The same answers give the same consent (the
   * same `givenAt`), so a referral retried with its Idempotency-Key is the same request. Call
   * it after `updateComplete` has settled (the privacy notice's hash is worked out by then).
   */
  collect(): ReferralConsentRecord | undefined {
    const hash = this.#noticeHashNow();
    const answers = JSON.stringify([this.answers, hash]);
    const givenAt = this.#collected?.answers === answers ? this.#collected.givenAt : new Date().toISOString();
    const { referralId: _for, ...body } = this.#body(hash ?? '', givenAt);
    this.#checkedBody = body;
    const v = checks.loaded;
    if (!v) {
      // Only when asked before `updateComplete` settled (it waits for the checks when embedded).
      checks.load().catch(() => undefined);
      this.#showErrors([{ path: '', message: this.t.noticeNotReady }]);
      return undefined;
    }
    const checked = v.validate(v.ReferralConsent, body, { lang: this.locale });
    if (!checked.success) {
      this.#showErrors(checked.errors);
      return undefined;
    }
    if (hash === undefined) {
      // Only when asked in the same moment the notice's text changed: Web Crypto answers at once.
      this.#showErrors([{ path: '', message: this.t.noticeNotReady }]);
      return undefined;
    }
    this.fieldErrors = {};
    this.#collected = { answers, givenAt };
    return checked.data;
  }

  /**
   * Withdraws the recorded consent at once (the Withdraw button asks to confirm first); the hub
   * keeps the record, marked withdrawn. A retry sends the same withdrawal with the same key.
   */
  withdraw(options: { reason?: string } = {}): Promise<Consent> {
    const consent = this.recorded;
    if (!consent) return Promise.reject(new Error('There is no consent to withdraw'));
    if (consent.status === 'withdrawn') return Promise.resolve(consent);
    this.#withdrawing ??= this.#withdraw(
      consent,
      options.reason?.trim() === '' ? undefined : options.reason?.trim(),
    ).finally(() => {
      this.#withdrawing = undefined;
    });
    return this.#withdrawing;
  }

  // Lifecycle

  override connectedCallback(): void {
    super.connectedCallback();
    this.#syncForm();
    this.slotText = this.textContent;
    // What sending needs, fetched while the person reads the notice (on idle).
    this.#recording.prefetch();
    consentSdk.prefetch();
    checks.prefetch();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // The language changed while problems are shown: show them in the new language.
    const checkedBody = this.#checkedBody;
    const v = checks.loaded;
    if (v && checkedBody && changed.has('lang') && Object.keys(this.fieldErrors).length > 0) {
      const checked = v.validate(v.ConsentCreate, checkedBody, { lang: this.locale });
      this.fieldErrors = checked.success ? {} : this.#errorsByField(checked.errors);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#syncForm();
    this.#noticeHashNow();
  }

  /**
   * Settled once the privacy notice's hash is worked out too, so `collect()` can use it; and,
   * embedded (the page calls `collect()`), once the checks have loaded (a failed load settles it
   * too: `collect()` then says to try again).
   */
  protected override getUpdateComplete(): Promise<boolean> {
    const hashing = this.#hashed?.value === undefined ? this.#hashed?.hash : undefined;
    const checking =
      this.mode === 'embedded' && !checks.loaded ? checks.load().catch(() => undefined) : undefined;
    // Once both are here, exactly lit's own promise: no later than it settles.
    if (!hashing && !checking) return super.getUpdateComplete();
    return super.getUpdateComplete().then(async (done) => {
      await Promise.all([hashing, checking]);
      return done;
    });
  }

  /** The privacy notice's hash if it is worked out; else starts working it out. */
  #noticeHashNow(): string | undefined {
    const text = this.#noticeText;
    if (this.#hashed?.text !== text) {
      const hashed: HashedNotice = { text, hash: noticeHash(text) };
      hashed.hash = hashed.hash.then((value) => (hashed.value = value));
      this.#hashed = hashed;
    }
    return this.#hashed.value;
  }

  /** The partner's `<form>` was reset: a new person, so nothing of the last one is kept. */
  override formResetCallback(): void {
    this.reset();
  }

  /**
   * Starts a new, empty consent: the answers, the record shown and every key go, so the next
   * person's consent is never the last person's. A consent already recorded stays recorded at
   * the hub (withdraw it there if it was wrong).
   */
  reset(): void {
    this.answers = emptyAnswers();
    this.fieldErrors = {};
    this.recorded = undefined;
    this.phase = 'editing';
    this.confirming = false;
    this.withdrawReason = '';
    this.#recording.reset();
    this.#withdrawing$.reset();
    this.#checkedBody = undefined;
    this.#checksFailed = false;
    this.#givenAt = undefined;
    this.#inFlight = undefined;
    this.#withdrawal = undefined;
    this.#withdrawing = undefined;
    this.#syncForm();
  }

  #syncForm(): void {
    const consent = this.recorded;
    if (consent?.status === 'active') {
      this.internals.setFormValue(consent.id);
      this.internals.setValidity({});
      return;
    }
    this.internals.setFormValue(null);
    const anchor =
      this.renderRoot instanceof ShadowRoot
        ? (this.renderRoot.querySelector<HTMLElement>('#purposes') ?? undefined)
        : undefined;
    this.internals.setValidity({ valueMissing: true }, messages[this.locale].validityMessage, anchor);
  }

  // Recording

  protected get t(): (typeof messages)['en'] {
    return messages[this.locale];
  }

  protected get c(): (typeof common)['en'] {
    return common[this.locale];
  }

  get #noticeText(): string {
    return this.notice ? this.notice.text : this.slotText;
  }

  get #controllers(): DataController[] {
    if (this.controllers.length > 0) return this.controllers;
    if (!this.controller) return [];
    return [
      {
        name: this.controller,
        role: 'controller',
        ...(this.controllerIco ? { icoRegistration: this.controllerIco } : {}),
      },
    ];
  }

  /** The request as it would be sent: checked by the schema before it is. */
  #body(textHash: string, givenAt: string): Record<string, unknown> {
    const a = this.answers;
    const representative = a.giverType === 'representative';
    const blank = (v: string) => (v.trim() === '' ? undefined : v.trim());
    const offeredMethods = this.offeredMethods;
    const method = offeredMethods.length === 1 ? offeredMethods[0] : a.method || undefined;
    const staffName = blank(a.staffName);
    const staffRole = blank(a.staffRole);
    const purposes = this.offeredPurposes.map((purpose) => ({
      purpose,
      granted: a.granted.includes(purpose),
    }));
    const special = purposes.some((p) => p.purpose === 'special_category' && p.granted);
    const condition = this.specialCategoryCondition ?? (special ? 'explicit_consent' : undefined);
    const notice = this.notice;
    const url = notice ? notice.url : this.noticeUrl;
    const body: Record<string, unknown> = {
      givenBy: {
        type: a.giverType || undefined,
        name: a.name.trim(),
        ...(representative
          ? {
              relationship: blank(a.relationship),
              authority: a.authority || undefined,
              reason: blank(a.reason),
            }
          : {}),
      },
      givenAt,
      method,
      privacyNotice: {
        version: notice ? notice.version : this.noticeVersion,
        textHash,
        ...(url ? { url } : {}),
      },
      controllers: this.#controllers,
      purposes,
      lawfulBasis: this.lawfulBasis,
      confidentialityBasis: this.confidentialityBasis,
      language: this.locale,
    };
    if (method !== 'online' && (staffName !== undefined || staffRole !== undefined)) {
      body.recordedBy = { name: staffName ?? '', ...(staffRole ? { role: staffRole } : {}) };
    }
    if (condition) body.specialCategoryCondition = condition;
    if (this.referralId) body.referralId = this.referralId;
    return JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
  }

  async #record(): Promise<Consent> {
    if (!this.configured) throw new Error(this.c.notConfigured);
    const textHash = await noticeHash(this.#noticeText);
    this.#givenAt ??= new Date().toISOString();
    const body = this.#body(textHash, this.#givenAt);
    let v: NonNullable<typeof checks.loaded>;
    try {
      v = checks.loaded ?? (await checks.load());
      this.#checksFailed = false;
    } catch (error) {
      // The checks did not load (the network dropped): say so, keep every answer; Try again loads them.
      this.#checksFailed = true;
      this.phase = 'failed';
      await this.#focus('#failure-title');
      throw error;
    }
    const checked = v.validate(v.ConsentCreate, body, { lang: this.locale });
    this.#checkedBody = body;
    if (!checked.success) {
      this.phase = 'editing';
      this.#showErrors(checked.errors);
      throw new v.ValidationError(checked.errors);
    }
    this.fieldErrors = {};
    this.phase = 'recording';
    try {
      const consent = await this.#recording.send(async ({ client: get, options }) => {
        const { createConsent } = await consentSdk.load();
        return createConsent(await get(), body as ConsentCreateParams, options);
      });
      this.recorded = consent;
      this.phase = 'recorded';
      this.dispatchEvent(new HubConsentChangeEvent(consent));
      await this.#focus('#outcome-title');
      return consent;
    } catch (error) {
      const { failure, errors } = this.#recording;
      if (failure === 'rejected' && errors.length > 0) {
        this.phase = 'editing';
        this.#showErrors(errors);
      } else {
        this.phase = 'failed';
        await this.#focus('#failure-title');
      }
      throw error;
    }
  }

  async #withdraw(consent: Consent, reason: string | undefined): Promise<Consent> {
    if (!this.configured) throw new Error(this.c.notConfigured);
    const params: ConsentWithdrawalParams = (this.#withdrawal ??= {
      withdrawnAt: new Date().toISOString(),
      // Withdrawn the way it was given; a way a newer hub added (unknown here) is this page's own.
      method: (CONSENT_METHOD_CODES as readonly string[]).includes(consent.method)
        ? (consent.method as ConsentMethod)
        : 'online',
      ...(consent.recordedBy ? { recordedBy: consent.recordedBy } : {}),
      ...(reason ? { reason } : {}),
    });
    this.confirming = false;
    this.phase = 'withdrawing';
    try {
      const withdrawing = this.#withdrawing$;
      const key = withdrawing.idempotencyKey;
      const withdrawn = await withdrawing
        .send(async ({ client: get, options }) => {
          const { withdrawConsent } = await consentSdk.load();
          return withdrawConsent(await get(), consent.id, params, options);
        })
        .catch((error: unknown) => {
          // The hub said no (a new key for the next attempt): the next is a new withdrawal.
          if (withdrawing.idempotencyKey !== key) this.#withdrawal = undefined;
          throw error;
        });
      this.recorded = withdrawn;
      this.phase = 'withdrawn';
      this.dispatchEvent(new HubConsentChangeEvent(withdrawn));
      await this.#focus('#outcome-title');
      return withdrawn;
    } catch (error) {
      this.phase = 'withdrawFailed';
      await this.#focus('#failure-title');
      throw error;
    }
  }

  #errorsByField(errors: readonly { path: string; message: string }[]): Partial<Record<FieldId, string>> {
    const found: Partial<Record<FieldId, string>> = {};
    for (const e of errors) {
      const field = fieldOf(e.path);
      found[field] ??= field === 'notice-heading' ? `${this.t.setupProblem} ${e.message}` : e.message;
    }
    return found;
  }

  #showErrors(errors: readonly { path: string; message: string }[]): void {
    this.fieldErrors = this.#errorsByField(errors);
    void this.#focus('.error-summary');
  }

  async #focus(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  #set<K extends keyof ConsentAnswers>(key: K, value: ConsentAnswers[K]): void {
    // The person started answering: the checks load now, if not already.
    checks.load().catch(() => undefined);
    this.answers = { ...this.answers, [key]: value };
  }

  #onSubmit = (event: Event): void => {
    event.preventDefault();
    // Embedded, the page sends the consent with its own request (Enter in a field sends nothing).
    if (this.mode === 'embedded') return;
    this.record().catch(() => undefined);
  };

  // Rendering

  protected override render(): TemplateResult {
    return html`<div class="root" data-theme=${this.themeName} lang=${this.locale}>
      ${
        this.configured
          ? html`${this.#renderNotice()} ${this.#renderBody()}`
          : html`<div class="notice-box" part="notice">${this.c.notConfigured}</div>`
      }
    </div>`;
  }

  #renderNotice(): TemplateResult {
    const t = this.t;
    const notice = this.notice;
    const version = notice ? notice.version : this.noticeVersion;
    const url = notice ? notice.url : this.noticeUrl;
    return html`<section class="privacy-notice" part="notice" aria-labelledby="notice-heading">
      ${heading(this.headingLevel, 'notice-heading', t.noticeHeading, { id: 'notice-heading', focusable: true })}
      ${version ? html`<p class="notice-version">${t.noticeVersion(version)}</p>` : nothing}
      <div class="notice-text">
        ${
          notice
            ? html`<span class="notice-text--plain">${notice.text}</span>`
            : html`<slot
                @slotchange=${() => {
                  this.slotText = this.textContent;
                }}
              ></slot>`
        }
      </div>
      ${
        url
          ? html`<p>
              <a class="link" href=${url} target="_blank" rel="noopener noreferrer">${t.noticeLink}</a>
            </p>`
          : nothing
      }
    </section>`;
  }

  #renderBody(): TemplateResult {
    switch (this.phase) {
      case 'editing':
      case 'recording':
      case 'failed':
        return this.#renderForm();
      case 'recorded':
      case 'withdrawing':
      case 'withdrawFailed':
      case 'withdrawn':
        return this.#renderOutcome();
    }
  }

  #renderForm(): TemplateResult {
    const t = this.t;
    const c = this.c;
    const a = this.answers;
    const lang = this.locale;
    const errors = this.fieldErrors;
    const summary: SummaryError[] = FIELD_ORDER.flatMap((id) => {
      const message = errors[id];
      return message ? [{ id, message }] : [];
    });
    const methods = this.offeredMethods;
    const method = methods.length === 1 ? methods[0] : a.method;
    const busy = this.phase === 'recording';
    return html`${errorSummary(c.errorSummaryTitle, summary, this.renderRoot)}
      <form class="form" part="form" novalidate aria-label=${t.heading} @submit=${this.#onSubmit}>
        ${checkboxesField({
          id: 'purposes',
          legend: t.purposesLegend,
          hint: t.purposesHint,
          error: errors.purposes,
          errorPrefix: c.error,
          options: this.offeredPurposes.map((code) => ({
            value: code,
            label: labelOf(consentPurposeCodes, code, lang),
          })),
          values: a.granted,
          onChange: (values) => {
            this.#set('granted', values.filter(isPurpose));
          },
        })}
        ${radiosField({
          id: 'giver-type',
          legend: t.giverLegend,
          error: errors['giver-type'],
          errorPrefix: c.error,
          options: consentGiverCodes.codes.map((code) => ({
            value: code,
            label: labelOf(consentGiverCodes, code, lang),
          })),
          value: a.giverType,
          onChange: (value) => {
            this.#set('giverType', value === 'representative' ? 'representative' : 'resident');
          },
        })}
        ${textField({
          id: 'giver-name',
          label: t.nameLabel,
          error: errors['giver-name'],
          errorPrefix: c.error,
          value: a.name,
          autocomplete: a.giverType === 'resident' ? 'name' : 'off',
          spellcheck: false,
          onInput: (value) => {
            this.#set('name', value);
          },
        })}
        ${a.giverType === 'representative' ? this.#renderRepresentative() : nothing}
        ${
          methods.length > 1
            ? radiosField({
                id: 'method',
                legend: t.methodLegend,
                error: errors.method,
                errorPrefix: c.error,
                options: methods.map((code) => ({
                  value: code,
                  label: labelOf(consentMethodCodes, code, lang),
                })),
                value: a.method,
                onChange: (value) => {
                  this.#set('method', isMethod(value) ? value : '');
                },
              })
            : nothing
        }
        ${method && method !== 'online' ? this.#renderStaff() : nothing}
        ${
          this.phase === 'failed'
            ? this.#renderFailure(
                t.failedTitle,
                this.#checksFailed ? { failure: 'network', retryAfter: undefined } : this.#recording,
                () => this.record(),
              )
            : nothing
        }
        ${
          this.mode === 'embedded'
            ? nothing
            : html`<button
                class="button"
                part="record-button"
                type="submit"
                aria-disabled=${busy ? 'true' : 'false'}
              >
                ${busy ? t.recording : t.record}
              </button>`
        }
        <div class="visually-hidden" role="status" aria-live="polite">${busy ? t.recording : ''}</div>
      </form>`;
  }

  #renderRepresentative(): TemplateResult {
    const t = this.t;
    const c = this.c;
    const a = this.answers;
    const errors = this.fieldErrors;
    return html`<div class="conditional">
      ${textField({
        id: 'giver-relationship',
        label: t.relationshipLabel,
        hint: t.relationshipHint,
        error: errors['giver-relationship'],
        errorPrefix: c.error,
        value: a.relationship,
        onInput: (value) => {
          this.#set('relationship', value);
        },
      })}
      ${radiosField({
        id: 'giver-authority',
        legend: t.authorityLegend,
        error: errors['giver-authority'],
        errorPrefix: c.error,
        options: representativeAuthorityCodes.codes.map((code) => ({
          value: code,
          label: labelOf(representativeAuthorityCodes, code, this.locale),
        })),
        value: a.authority,
        onChange: (value) => {
          const code = representativeAuthorityCodes.codes.find((c) => c === value);
          this.#set('authority', code ?? '');
        },
      })}
      ${textareaField({
        id: 'giver-reason',
        label: t.reasonLabel,
        error: errors['giver-reason'],
        errorPrefix: c.error,
        value: a.reason,
        rows: 3,
        onInput: (value) => {
          this.#set('reason', value);
        },
      })}
    </div>`;
  }

  #renderStaff(): TemplateResult {
    const t = this.t;
    const c = this.c;
    const errors = this.fieldErrors;
    return html`<div class="conditional">
      ${textField({
        id: 'staff-name',
        label: t.staffNameLabel,
        error: errors['staff-name'],
        errorPrefix: c.error,
        value: this.answers.staffName,
        autocomplete: 'off',
        spellcheck: false,
        onInput: (value) => {
          this.#set('staffName', value);
        },
      })}
      ${textField({
        id: 'staff-role',
        label: `${t.staffRoleLabel} ${c.optional}`,
        error: errors['staff-role'],
        errorPrefix: c.error,
        value: this.answers.staffRole,
        autocomplete: 'off',
        onInput: (value) => {
          this.#set('staffRole', value);
        },
      })}
    </div>`;
  }

  #renderFailure(
    title: string,
    request: Parameters<typeof failureText>[0],
    retry: () => Promise<Consent>,
  ): TemplateResult {
    const c = this.c;
    return html`<div class="failure" part="failure" role="alert">
      ${heading(this.headingLevel, 'failure-title', title, { id: 'failure-title', focusable: true })}
      <p>${failureText(request, c)}</p>
      <button
        class="button button--secondary"
        type="button"
        id="try-again"
        @click=${() => {
          retry().catch(() => undefined);
        }}
      >
        ${c.tryAgain}
      </button>
    </div>`;
  }

  #renderOutcome(): TemplateResult {
    const t = this.t;
    const consent = this.recorded;
    if (!consent) return html``;
    const lang = this.locale;
    const withdrawn = this.phase === 'withdrawn';
    const busy = this.phase === 'withdrawing';
    return html`<section class="outcome" part="outcome" aria-labelledby="outcome-title">
      ${heading(this.headingLevel, 'outcome-title', withdrawn ? t.withdrawnTitle : t.recordedTitle, {
        id: 'outcome-title',
        focusable: true,
      })}
      ${withdrawn ? html`<p>${t.withdrawnBody}</p>` : html`<p>${t.recordedBody(consent.givenBy.name)}</p>`}
      <dl class="decisions">
        ${consent.purposes.map(
          (p) =>
            html`<div class="decision">
              <dt>${labelOf(consentPurposeCodes, p.purpose, lang)}</dt>
              <dd>${p.granted ? t.agreed : t.notAgreed}</dd>
            </div>`,
        )}
      </dl>
      ${
        this.phase === 'withdrawFailed'
          ? this.#renderFailure(t.withdrawFailedTitle, this.#withdrawing$, () =>
              this.withdraw({ reason: this.withdrawReason }),
            )
          : nothing
      }
      ${withdrawn || this.phase === 'withdrawFailed' ? nothing : this.#renderWithdraw(busy)}
    </section>`;
  }

  #renderWithdraw(busy: boolean): TemplateResult {
    const t = this.t;
    const c = this.c;
    if (!this.confirming && !busy) {
      return html`<p class="hint" id="withdraw-hint">${t.withdrawHint}</p>
        <button
          class="button button--secondary"
          part="withdraw-button"
          type="button"
          id="withdraw"
          aria-describedby="withdraw-hint"
          @click=${async () => {
            this.confirming = true;
            await this.#focus('#withdraw-title');
          }}
        >
          ${t.withdraw}
        </button>`;
    }
    return html`<div class="confirm" part="withdraw-confirm">
      ${heading(levelOf(this.headingLevel, 1), 'confirm-title', t.withdrawConfirmTitle, {
        id: 'withdraw-title',
        focusable: true,
      })}
      <p class="hint">${t.withdrawHint}</p>
      ${textareaField({
        id: 'withdraw-reason',
        label: `${t.withdrawReasonLabel} ${c.optional}`,
        errorPrefix: c.error,
        value: this.withdrawReason,
        rows: 3,
        onInput: (value) => {
          this.withdrawReason = value;
        },
      })}
      <div class="button-group">
        <button
          class="button"
          type="button"
          id="withdraw-confirm"
          aria-disabled=${busy ? 'true' : 'false'}
          @click=${() => {
            this.withdraw({ reason: this.withdrawReason }).catch(() => undefined);
          }}
        >
          ${busy ? t.withdrawing : t.confirmWithdraw}
        </button>
        <button
          class="button button--secondary"
          type="button"
          id="withdraw-cancel"
          ?hidden=${busy}
          @click=${async () => {
            this.confirming = false;
            await this.#focus('#withdraw');
          }}
        >
          ${t.cancel}
        </button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hub-consent-capture': HubConsentCapture;
  }
  // On every element, the document and the window: `document.addEventListener(…)` is typed too.
  interface GlobalEventHandlersEventMap {
    'hub-consent-change': HubConsentChangeEvent;
  }
}
