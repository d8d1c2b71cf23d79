/**
 * `<hub-service-finder>`: find a local service by words, need and postcode, from the hub's
 * directory or any Open Referral UK feed, and choose one (for a referral's destination).
 */
import { html, nothing, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import {
  NEED_CODES,
  WEEKDAY_CODES,
  labelOf,
  needCodes,
  weekdayCodes,
  type Lang,
  type NeedCode,
  type Weekday,
} from '@hubkit/schema';
// Services as the hub answered them: a newer hub's codes are kept as strings.
import type { DirectoryPage, Page, Service, ServiceSearchResult } from '@hubkit/sdk';
import { HubEvent } from '../core/events.ts';
import { fieldStyles, noticeStyles } from '../core/field-styles.ts';
import { errorSummary, textField, type SummaryError } from '../core/fields.ts';
import { HubElement } from '../core/hub-element.ts';
import { heading, levelOf } from '../core/headings.ts';
import { lazy } from '../core/lazy.ts';
import {
  SubmitController,
  SupersededError,
  failureText,
  type SendContext,
} from '../core/submit-controller.ts';
import { common } from '../core/common.ts';
import { tokens } from '../core/styles.ts';
import { messages } from './messages.ts';
import { finderStyles } from './styles.ts';

export interface HubServiceSelectDetail {
  /** The service chosen, as the directory gave it. */
  service: Service;
}

/** A service was chosen: the referral form can take it as the destination. */
export class HubServiceSelectEvent extends HubEvent<HubServiceSelectDetail> {
  constructor(service: Service) {
    super('hub-service-select', { service });
  }
}

/** A result as shown: the distance is unknown for a feed, or without a postcode. */
export interface FinderResult {
  service: Service;
  distanceKm: number | null;
  nearestLocationId: string | null;
}

type Phase = 'initial' | 'loading' | 'done' | 'error';

interface Query {
  q: string | undefined;
  need: NeedCode | undefined;
  postcode: string | undefined;
}

/**
 * The next page of a search, whichever source it reads; `unplaced` when the hub could not place
 * the postcode, so the results are not in order of distance.
 */
type More = () => Promise<{ results: FinderResult[]; more: More | undefined; unplaced?: boolean }>;

const isNeed = (code: string): code is NeedCode => (NEED_CODES as readonly string[]).includes(code);

/** The SDK's search, loaded with the first search (or on idle). */
const hubSdk = lazy(() => import('./hub-sdk.ts'));
/** The Open Referral UK reader: only for a finder that reads a feed (`directory-url`). */
const feedSdk = lazy(() => import('./directory-reader.ts'));
/**
 * The checks (the search schema, zod): not needed to paint the form, so loaded when the person
 * starts typing (or on idle before that); Search waits for them.
 */
const checks = lazy(() => import('./search-checks.ts'));

/**
 * Finds services by words, need and postcode, nearest first, and lets a person choose one.
 *
 * Reads the hub's directory through the SDK, or an Open Referral UK feed when `directory-url`
 * (or the provider's) is set. What is typed stays in the element: never in the page's URL or
 * in storage.
 *
 * @fires hub-service-select - A service was chosen; `detail.service` is the service.
 * @csspart form - The search form.
 * @csspart error-summary - The list of problems with what was typed.
 * @csspart results - The list of services found.
 * @csspart result - One service found.
 * @csspart choose-button - The button that chooses a service.
 * @csspart more-button - The button that shows more results.
 * @csspart notice - The empty, failed and not-set-up messages.
 * @cssprop --hub-color-text - Text colour (every `--hub-*` token of the theme applies).
 */
export class HubServiceFinder extends HubElement {
  static override styles: CSSResultGroup = [tokens, fieldStyles, noticeStyles, finderStyles];
  protected static override catalogues = [common, messages];

  /** An Open Referral UK feed to read instead of the hub's directory, like `https://hub.example.org/oruk`. */
  @property({ attribute: 'directory-url' }) accessor directoryUrl: string | undefined;

  /** Space-separated need codes: only these are offered (default: every need). */
  @property() accessor needs = '';

  /** A need code chosen to start with. */
  @property() accessor need = '';

  /** Services asked for on each page (default 10). */
  @property({ type: Number, attribute: 'page-size' }) accessor pageSize = 10;

  /** With a postcode: only services within this many kilometres. */
  @property({ type: Number, attribute: 'radius-km' }) accessor radiusKm: number | undefined;

  @state() private accessor words = '';
  @state() private accessor chosenNeed = '';
  @state() private accessor postcode = '';
  @state() private accessor phase: Phase = 'initial';
  @state() private accessor results: FinderResult[] = [];
  @state() private accessor loadingMore = false;
  @state() private accessor fieldErrors: Readonly<Record<string, string>> = {};
  @state() private accessor announcement = '';
  /** The hub could not place the postcode searched: the results are not in order of distance. */
  @state() private accessor postcodeNotPlaced = false;

  /** Every search and page of results: a newer one replaces the one on its way. */
  readonly #requests = new SubmitController<Awaited<ReturnType<More>>>(this, {
    client: () => this.loadClient(),
    kind: 'read',
  });
  #more: More | undefined;
  /** What a "Try again" repeats: the search, or the page of more results that failed. */
  #retry: (() => Promise<void>) | undefined;
  /** Each search's number: answers to a search that was replaced are dropped. */
  #run = 0;
  #needTouched = false;
  /** The checks did not load on the last Search: the failure says the network dropped. */
  #checksFailed = false;

  protected get t(): (typeof messages)['en'] {
    return messages[this.locale];
  }

  protected get c(): (typeof common)['en'] {
    return common[this.locale];
  }

  /** The needs offered: `needs`, when it names any, in the codelist's order. */
  protected get offeredNeeds(): NeedCode[] {
    const wanted = this.needs.split(/\s+/).filter(isNeed);
    return wanted.length === 0
      ? [...needCodes.codes]
      : needCodes.codes.filter((code) => wanted.includes(code));
  }

  protected get feedUrl(): string | undefined {
    return this.directoryUrl ?? this.hub?.directoryUrl;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // What Search needs, fetched while the person reads the form (on idle).
    checks.prefetch();
  }

  /** The person started typing or choosing: the checks load now, if not already. */
  #answering = (): void => {
    checks.load().catch(() => undefined);
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('need') && !this.#needTouched) {
      this.chosenNeed = isNeed(this.need) && this.offeredNeeds.includes(this.need) ? this.need : '';
    }
  }

  // Searching

  #onSubmit = (event: Event): void => {
    event.preventDefault();
    void this.search();
  };

  /** Checks what was typed and searches; on a problem, shows it and moves focus to the summary. */
  async search(): Promise<void> {
    let v: NonNullable<typeof checks.loaded>;
    try {
      v = checks.loaded ?? (await checks.load());
      this.#checksFailed = false;
    } catch {
      // The checks did not load (the network dropped): say so; Try again searches again.
      this.#run += 1;
      this.#checksFailed = true;
      this.#retry = () => this.search();
      this.phase = 'error';
      return;
    }
    const { ServiceSearch, normalisePostcode, validate } = v;
    const postcode = this.postcode.trim() === '' ? undefined : normalisePostcode(this.postcode);
    const words = this.words.trim() === '' ? undefined : this.words.trim();
    const chosen = this.chosenNeed;
    const need = isNeed(chosen) && this.offeredNeeds.includes(chosen) ? chosen : undefined;
    const checked = validate(
      ServiceSearch,
      { ...(words ? { q: words } : {}), ...(need ? { need } : {}), ...(postcode ? { postcode } : {}) },
      { lang: this.locale },
    );
    if (!checked.success) {
      this.#showFieldErrors(checked.errors);
      return;
    }
    this.fieldErrors = {};
    await this.#start({ q: words, need, postcode });
  }

  #showFieldErrors(errors: readonly { path: string; message: string }[]): void {
    const found: Record<string, string> = {};
    for (const e of errors) {
      // `/postcode` → `postcode`; an error about the whole search goes with the words.
      const field = /^\/(\w+)/.exec(e.path)?.[1] ?? 'q';
      found[field] ??= e.message;
    }
    this.fieldErrors = found;
    this.phase = this.results.length > 0 ? 'done' : 'initial';
    void this.updateComplete.then(() => {
      this.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
    });
  }

  async #start(query: Query): Promise<void> {
    this.#run += 1;
    const run = this.#run;
    this.phase = 'loading';
    this.loadingMore = false;
    this.results = [];
    this.#more = undefined;
    this.postcodeNotPlaced = false;
    this.announcement = this.t.searching;
    this.#retry = () => this.#start(query);
    try {
      const page = await this.#requests.send((context) => this.#firstPage(query, context));
      if (run !== this.#run) return;
      this.results = page.results;
      this.#more = page.more;
      this.postcodeNotPlaced = page.unplaced === true;
      this.phase = 'done';
      const found = page.results.length === 0 ? this.t.emptyTitle : this.t.count(page.results.length);
      this.announcement = this.postcodeNotPlaced ? `${found}. ${this.t.postcodeNotPlaced}` : found;
    } catch (error) {
      if (run !== this.#run || error instanceof SupersededError) return;
      this.#fail();
    }
  }

  #fail(): void {
    const { failure, errors } = this.#requests;
    if (failure === 'rejected' && errors.length > 0) {
      // The hub does not know the postcode (or the SDK refused a value): a problem with what
      // was typed, not a failure.
      this.#showFieldErrors(errors);
      this.announcement = '';
      return;
    }
    this.phase = 'error';
    this.announcement = '';
  }

  #firstPage(query: Query, context: SendContext): ReturnType<More> {
    const feed = this.feedUrl;
    return feed ? this.#fromFeed(feed, query) : this.#fromHub(query, context);
  }

  async #fromHub(query: Query, { client: get, options }: SendContext): ReturnType<More> {
    const [client, { searchServices }] = await Promise.all([get(), hubSdk.load()]);
    const radius = query.postcode && this.radiusKm ? { radiusKm: this.radiusKm } : {};
    const first = await searchServices(
      client,
      {
        ...(query.q ? { q: query.q } : {}),
        ...(query.need ? { need: query.need } : {}),
        ...(query.postcode ? { postcode: query.postcode } : {}),
        ...radius,
        limit: this.pageSize,
      },
      // A person waiting is better told to try again than kept waiting through long back-offs.
      { maxRetries: options.maxRetries, signal: options.signal },
    );
    const read = (page: Page<ServiceSearchResult>): Awaited<ReturnType<More>> => ({
      results: page.data,
      more: page.hasNextPage()
        ? async () => {
            const next = await page.nextPage();
            return next ? read(next) : { results: [], more: undefined };
          }
        : undefined,
    });
    // An older hub answers such a postcode with a 422 instead, shown on the field.
    return { ...read(first), unplaced: first.distances === 'postcode_not_found' };
  }

  async #fromFeed(url: string, query: Query): ReturnType<More> {
    const { createDirectoryReader } = await feedSdk.load();
    const reader = createDirectoryReader(url, { perPage: this.pageSize, retry: 1 });
    const radius = query.postcode && this.radiusKm ? { proximityKm: this.radiusKm } : {};
    const search = reader.search({
      ...(query.q ? { text: query.q } : {}),
      ...(query.need ? { need: query.need } : {}),
      ...(query.postcode ? { postcode: query.postcode } : {}),
      ...radius,
    });
    // A reading that failed has ended; trying again reads afresh up to the page that failed.
    let pages: AsyncGenerator<DirectoryPage, void> | undefined;
    let read = 0;
    const next = async (): ReturnType<More> => {
      try {
        if (!pages) {
          pages = search.pages();
          for (let skipped = 0; skipped < read; skipped += 1) await pages.next();
        }
        const step = await pages.next();
        if (step.done) return { results: [], more: undefined };
        const page = step.value;
        read += 1;
        const last = page.totalPages !== undefined ? page.page >= page.totalPages : page.items.length === 0;
        return {
          results: page.items.map((service) => ({ service, distanceKm: null, nearestLocationId: null })),
          more: last ? undefined : next,
        };
      } catch (error) {
        pages = undefined;
        throw error;
      }
    };
    return next();
  }

  async #showMore(): Promise<void> {
    const more = this.#more;
    if (!more || this.loadingMore) return;
    const run = this.#run;
    const before = this.results.length;
    this.loadingMore = true;
    this.announcement = this.t.loadingMore;
    this.#retry = () => this.#showMore();
    try {
      const page = await this.#requests.send(() => more());
      if (run !== this.#run) return;
      this.results = [...this.results, ...page.results];
      this.#more = page.more;
      this.phase = 'done';
      this.announcement =
        page.results.length === 0
          ? this.t.noMore
          : this.t.countMore(page.results.length, this.results.length);
      await this.updateComplete;
      // The first new result takes focus, so a keyboard user reads on from where they were.
      const first = this.renderRoot.querySelector<HTMLElement>(`#result-${before}-title`);
      (first ?? this.renderRoot.querySelector<HTMLElement>('#results-title'))?.focus();
    } catch (error) {
      if (run !== this.#run || error instanceof SupersededError) return;
      this.#fail();
    } finally {
      if (run === this.#run) this.loadingMore = false;
    }
  }

  async #tryAgain(): Promise<void> {
    const retry = this.#retry;
    if (!retry) return;
    const before = this.results.length;
    await retry();
    await this.updateComplete;
    if (this.phase === 'error') {
      this.renderRoot.querySelector<HTMLElement>('#failure-title')?.focus();
    } else if (before === 0) {
      this.renderRoot.querySelector<HTMLElement>('#results-title')?.focus();
    }
  }

  #choose(service: Service): void {
    this.announcement = this.t.chosen(service.name);
    this.dispatchEvent(new HubServiceSelectEvent(service));
  }

  // Rendering

  protected override render(): TemplateResult {
    const configured = Boolean(this.feedUrl) || this.configured;
    return html`<div class="root" data-theme=${this.themeName} lang=${this.locale}>
      ${
        configured
          ? html`${this.#renderForm()} ${this.#renderOutcome()}`
          : html`<div class="notice" part="notice">${this.c.notConfigured}</div>`
      }
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        ${this.announcement}
      </div>
    </div>`;
  }

  #renderForm(): TemplateResult {
    const t = this.t;
    const c = this.c;
    const labels: Record<string, string> = {
      q: t.wordsLabel,
      need: t.needLabel,
      postcode: t.postcodeLabel,
    };
    const summary: SummaryError[] = Object.entries(this.fieldErrors).map(([field, message]) => ({
      id: field in labels ? field : 'q',
      message,
    }));
    const needError = this.fieldErrors.need;
    return html`${errorSummary(c.errorSummaryTitle, summary, this.renderRoot)}
      <form
        class="form"
        part="form"
        role="search"
        aria-label=${t.searchLabel}
        novalidate
        @submit=${this.#onSubmit}
        @input=${this.#answering}
        @change=${this.#answering}
      >
        ${textField({
          id: 'q',
          label: t.wordsLabel,
          hint: t.wordsHint,
          error: this.fieldErrors.q,
          errorPrefix: c.error,
          value: this.words,
          type: 'search',
          autocomplete: 'off',
          onInput: (value) => {
            this.words = value;
          },
        })}
        <div class="form-group ${needError ? 'form-group--error' : ''}">
          <label class="label" for="need">${t.needLabel}</label>
          ${
            needError
              ? html`<p class="error-message" id="need-error">
                  <span class="visually-hidden">${c.error}</span> ${needError}
                </p>`
              : nothing
          }
          <select
            id="need"
            name="need"
            class="select"
            aria-describedby=${ifDefined(needError ? 'need-error' : undefined)}
            @change=${(e: Event) => {
              this.#needTouched = true;
              this.chosenNeed = (e.target as HTMLSelectElement).value;
            }}
          >
            <option value="" ?selected=${this.chosenNeed === ''}>${t.anyNeed}</option>
            ${this.offeredNeeds.map(
              (code) =>
                html`<option value=${code} ?selected=${this.chosenNeed === code}>
                  ${labelOf(needCodes, code, this.locale)}
                </option>`,
            )}
          </select>
        </div>
        ${textField({
          id: 'postcode',
          label: t.postcodeLabel,
          hint: t.postcodeHint,
          error: this.fieldErrors.postcode,
          errorPrefix: c.error,
          value: this.postcode,
          autocomplete: 'postal-code',
          spellcheck: false,
          onInput: (value) => {
            this.postcode = value;
          },
        })}
        <button class="button" type="submit">${t.search}</button>
      </form>`;
  }

  #renderOutcome(): TemplateResult | typeof nothing {
    const t = this.t;
    switch (this.phase) {
      case 'initial':
        return nothing;
      case 'loading':
        return html`<section class="outcome" aria-busy="true" aria-labelledby="results-title">
          ${this.#heading(t.resultsHeading)}
          <p class="loading">${t.searching}</p>
        </section>`;
      case 'error':
        return this.results.length > 0
          ? html`${this.#renderResults()}`
          : html`<section class="outcome">${this.#renderFailure()}</section>`;
      case 'done':
        return this.results.length === 0
          ? html`<section class="outcome" aria-labelledby="results-title">
              <div class="notice" part="notice">
                ${this.#heading(t.emptyTitle)} ${this.#renderNotPlaced()}
                <p>${t.emptyHint}</p>
              </div>
            </section>`
          : this.#renderResults();
    }
  }

  /** A heading of the results at the partner's `heading-level` (each result's sits one below). */
  #heading(content: string, id = 'results-title'): TemplateResult {
    return heading(this.headingLevel, 'results-title', content, { id, focusable: true });
  }

  #renderFailure(): TemplateResult {
    const c = this.c;
    const request = this.#checksFailed
      ? { failure: 'network' as const, retryAfter: undefined }
      : this.#requests;
    return html`<div class="notice notice--error" part="notice" role="alert">
      ${this.#heading(this.t.failedTitle, 'failure-title')}
      <p>${failureText(request, c)}</p>
      <button
        class="button button--secondary"
        type="button"
        @click=${() => {
          void this.#tryAgain();
        }}
      >
        ${c.tryAgain}
      </button>
    </div>`;
  }

  #renderNotPlaced(): TemplateResult | typeof nothing {
    return this.postcodeNotPlaced ? html`<p class="not-placed">${this.t.postcodeNotPlaced}</p>` : nothing;
  }

  #renderResults(): TemplateResult {
    const t = this.t;
    const busy = this.loadingMore;
    return html`<section class="outcome" aria-labelledby="results-title" aria-busy=${busy ? 'true' : 'false'}>
      ${this.#heading(t.count(this.results.length))} ${this.#renderNotPlaced()}
      <ol class="results" part="results">
        ${this.results.map((result, i) => this.#renderResult(result, i))}
      </ol>
      ${this.phase === 'error' ? this.#renderFailure() : nothing}
      ${busy ? html`<p class="loading">${t.loadingMore}</p>` : nothing}
      ${
        this.#more && this.phase !== 'error'
          ? html`<button
              class="button button--secondary more"
              part="more-button"
              type="button"
              aria-disabled=${busy ? 'true' : 'false'}
              @click=${() => {
                void this.#showMore();
              }}
            >
              ${t.showMore}
            </button>`
          : nothing
      }
    </section>`;
  }

  #renderResult(result: FinderResult, i: number): TemplateResult {
    const t = this.t;
    const { service } = result;
    const lang = this.locale;
    const titleId = `result-${i}-title`;
    const location = service.locations.find((l) => l.id === result.nearestLocationId) ?? service.locations[0];
    const times = [...service.openingTimes, ...(location?.openingTimes ?? [])];
    const eligibility = service.eligibility;
    const ages =
      eligibility && (eligibility.minimumAge !== undefined || eligibility.maximumAge !== undefined)
        ? t.ages(eligibility.minimumAge, eligibility.maximumAge)
        : undefined;
    const hasContact = service.phones.length > 0 || service.email !== undefined || service.url !== undefined;
    return html`<li class="result" part="result">
      <article aria-labelledby=${titleId}>
        ${heading(levelOf(this.headingLevel, 1), 'result__title', service.name, { id: titleId, focusable: true })}
        <p class="result__organisation">${t.organisation} ${service.organisation.name}</p>
        ${
          result.distanceKm === null
            ? nothing
            : html`<p class="result__distance">${t.distance(formatKm(result.distanceKm, lang))}</p>`
        }
        ${
          service.status === 'temporarily closed'
            ? html`<p class="result__alert">${t.temporarilyClosed}</p>`
            : nothing
        }
        ${service.alert ? html`<p class="result__alert">${service.alert}</p>` : nothing}
        <p class="result__description">${service.description}</p>
        <dl class="result__facts">
          ${
            hasContact
              ? html`<dt>${t.contact}</dt>
                  ${service.phones.map(
                    (phone) =>
                      html`<dd>
                        ${t.phone}:
                        <a href=${`tel:${phone.number.replace(/[^\d+]/g, '')}`}
                          >${displayPhone(phone.number)}</a
                        >
                        ${phone.description ? html` (${phone.description})` : nothing}
                      </dd>`,
                  )}
                  ${
                    service.email
                      ? html`<dd>${t.email}: <a href=${`mailto:${service.email}`}>${service.email}</a></dd>`
                      : nothing
                  }
                  ${
                    service.url
                      ? html`<dd>
                          <a href=${service.url} target="_blank" rel="noopener noreferrer"
                            >${t.websiteLink(service.name)}</a
                          >
                        </dd>`
                      : nothing
                  }`
              : nothing
          }
          ${
            times.length > 0
              ? html`<dt>${t.openingTimes}</dt>
                  ${times.map((o) => html`<dd>${this.#openingTime(o)}</dd>`)}`
              : nothing
          }
          ${
            (eligibility?.description ?? ages)
              ? html`<dt>${t.eligibility}</dt>
                  ${eligibility?.description ? html`<dd>${eligibility.description}</dd>` : nothing}
                  ${ages ? html`<dd>${ages}</dd>` : nothing}`
              : nothing
          }
        </dl>
        <button
          class="button result__choose"
          part="choose-button"
          type="button"
          @click=${() => {
            this.#choose(service);
          }}
        >
          ${t.choose}<span class="visually-hidden">: ${service.name}</span>
        </button>
      </article>
    </li>`;
  }

  #openingTime(o: Service['openingTimes'][number]): string {
    const label = (day: Weekday) => labelOf(weekdayCodes, day, this.locale);
    const days = dayRuns(o.byDay)
      .map((run) => {
        const from = run[0];
        const to = run[run.length - 1];
        if (from === undefined || to === undefined) return '';
        return run.length >= 3 ? this.t.dayRange(label(from), label(to)) : run.map(label).join(', ');
      })
      // A day code a newer hub sends that this version does not know: shown as sent.
      .concat(o.byDay.filter((day) => !(WEEKDAY_CODES as readonly string[]).includes(day)))
      .join(', ');
    const line = this.t.openingTime(days, o.opensAt, o.closesAt);
    return o.description ? `${line} (${o.description})` : line;
  }

  /** Keeps the typed values controlled, so a re-render never loses them. */
  protected override updated(): void {
    const select = this.renderRoot.querySelector<HTMLSelectElement>('#need');
    if (select && select.value !== this.chosenNeed) select.value = this.chosenNeed;
  }
}

/** Days in the week's order, in runs of consecutive days: MO TU WE FR → [[MO, TU, WE], [FR]]. */
function dayRuns(days: readonly string[]): Weekday[][] {
  const runs: Weekday[][] = [];
  let previous = -2;
  for (const day of WEEKDAY_CODES.filter((d) => days.includes(d))) {
    const index = WEEKDAY_CODES.indexOf(day);
    const last = runs[runs.length - 1];
    if (last && index === previous + 1) last.push(day);
    else runs.push([day]);
    previous = index;
  }
  return runs;
}

/**
 * A UK number as people write it (`+442079460200` → `020 7946 0200`); anything else as given.
 * The link keeps the number as stored.
 */
function displayPhone(number: string): string {
  const digits = number.replace(/[^\d+]/g, '');
  const uk = /^\+44(\d{9,10})$/.exec(digits)?.[1];
  if (!uk) return number;
  const national = `0${uk}`;
  if (national.length !== 11) return national;
  if (national.startsWith('02'))
    return `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
  if (/^0[38]/.test(national)) {
    return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
  }
  return `${national.slice(0, 5)} ${national.slice(5)}`;
}

/** Kilometres to one decimal place in the person's language: `0.8`. */
function formatKm(km: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(km);
}

declare global {
  interface HTMLElementTagNameMap {
    'hub-service-finder': HubServiceFinder;
  }
  // On every element, the document and the window: `document.addEventListener(…)` is typed too.
  interface GlobalEventHandlersEventMap {
    'hub-service-select': HubServiceSelectEvent;
  }
}
