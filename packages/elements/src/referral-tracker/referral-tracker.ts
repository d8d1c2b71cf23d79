/**
 * `<hub-referral-tracker>`: the referrals a partner has made, newest first, as a data table a
 * member of its staff can filter, sort and open to each referral's status timeline and outcome
 * per need. It refreshes while open, without reloading the page.
 */
import { html, nothing, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  NEED_CODES,
  REFERRAL_STATUS_CODES,
  actorRoleCodes,
  labelOf,
  needCodes,
  outcomeCodes,
  referralStatusCodes,
  type Codelist,
  type Lang,
} from '@hubkit/schema';
// Referrals as the hub answered them: a newer hub's codes are kept as strings.
import type { HubClient, Referral, UnknownWebhookEvent, WebhookEvent } from '@hubkit/sdk';
import { HubSessionExpiredEvent } from '../core/events.ts';
import { fieldStyles, noticeStyles } from '../core/field-styles.ts';
import { selectField } from '../core/fields.ts';
import { HubElement } from '../core/hub-element.ts';
import { heading, levelOf } from '../core/headings.ts';
import { lazy } from '../core/lazy.ts';
import { common } from '../core/common.ts';
import { longDate } from '../core/dates.ts';
import { tokens } from '../core/styles.ts';
import { messages } from './messages.ts';
import { trackerStyles } from './styles.ts';

// Where it was first declared; it lives in core now, shared with <hub-report>.
export { HubSessionExpiredEvent };

/** The columns a person can sort by. */
export type TrackerSortKey = 'reference' | 'status' | 'createdAt' | 'updatedAt';

type Phase = 'loading' | 'ready' | 'failed';
/** Why a read failed: the credential expired (401), it may not read these (403), or anything else. */
type Failure = 'expired' | 'forbidden' | 'network' | 'server';

interface Detail {
  id: string;
  phase: Phase;
  referral: Referral | undefined;
  events: (WebhookEvent | UnknownWebhookEvent)[];
}

/** One line of a referral's timeline. */
interface Step {
  at: string;
  text: string;
  by: string | undefined;
}

/** The SDK's referral reads: loaded with the first list (or on idle). */
const referralSdk = lazy(() => import('./sdk.ts'));

/** The longest wait between refreshes, however many have failed in a row (10 minutes). */
const MAX_BACKOFF_MS = 600_000;
/** The most referrals one refresh re-reads (the API's page limit). */
const MAX_PAGE = 100;

/** The day in London as `YYYY-MM-DD` (Canadian English writes dates that way). */
const ukDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });
/** The time in London, 24-hour, as both languages write it. */
const ukTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
});

const isOneOf = <C extends string>(codes: readonly C[], value: string): value is C =>
  (codes as readonly string[]).includes(value);

/** A code's label; a code a newer hub added and this version does not know, as sent. */
function label<C extends string>(list: Codelist<C>, code: string, lang: Lang): string {
  return labelOf(list, code as C, lang);
}

/** Why a read failed, from the SDK's error (its `status`, without loading the SDK's error classes). */
function failureOf(error: unknown): Failure {
  const status =
    typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
      ? error.status
      : undefined;
  if (status === 401) return 'expired';
  if (status === 403) return 'forbidden';
  return status === undefined ? 'network' : 'server';
}

/**
 * The referrals a partner's staff have made, to follow each to its outcome.
 *
 * Reads through the client `<hub-provider>` gives (a credential that may read the partner's own
 * referrals, such as a short-lived staff token), never with `fetch` of its own. Shows only what
 * staff need to follow up: reference, status, needs, dates and outcomes; nothing about the person.
 * Nothing goes into the page's URL or into storage.
 *
 * @fires hub-session-expired - The hub refused the client's credential (401): fetch a new one and
 * give it to the provider; the tracker reads again when its client changes.
 * @csspart filters - The status and need filters.
 * @csspart table - The table of referrals.
 * @csspart row - One referral's row.
 * @csspart detail - An open referral's timeline and outcomes.
 * @csspart more-button - The button that loads more referrals.
 * @csspart notice - The empty, failed, expired and not-set-up messages.
 * @cssprop --hub-color-text - Text colour (every `--hub-*` token of the theme applies).
 */
export class HubReferralTracker extends HubElement {
  static override styles: CSSResultGroup = [tokens, fieldStyles, noticeStyles, trackerStyles];
  protected static override catalogues = [common, messages];

  /** Seconds between refreshes while the page is shown (default 30; 0 turns refreshing off). */
  @property({ type: Number, attribute: 'refresh-interval' }) accessor refreshInterval = 30;

  /** Referrals asked for on each page (default 20, at most 100). */
  @property({ type: Number, attribute: 'page-size' }) accessor pageSize = 20;

  @state() private accessor phase: Phase = 'loading';
  @state() private accessor failure: Failure | undefined;
  @state() private accessor rows: Referral[] = [];
  @state() private accessor nextCursor: string | null = null;
  @state() private accessor loadingMore = false;
  @state() private accessor moreFailed = false;
  @state() private accessor refreshFailed = false;
  @state() private accessor status = '';
  @state() private accessor need = '';
  @state() private accessor sortKey: TrackerSortKey = 'createdAt';
  @state() private accessor ascending = false;
  @state() private accessor detail: Detail | undefined;
  @state() private accessor announcement = '';

  /** Each list's number: answers to a list that was replaced (new filters, new client) are dropped. */
  #run = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Refreshes that failed in a row: each doubles the wait before the next. */
  #failures = 0;
  /** A refresh fell due while the page was hidden: it runs when the page is shown again. */
  #due = false;
  /** The provider's config and the own attributes the rows were read with: new ones (a new token) read again. */
  #read = false;
  #hubSeen: unknown;
  #ownSeen = '';
  #aborter: AbortController | undefined;

  protected get t(): (typeof messages)['en'] {
    return messages[this.locale];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#onVisibility);
    referralSdk.prefetch();
    // Back on the page (moved in the DOM): read again.
    if (this.hasUpdated) void this.reload();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#stopTimer();
    this.#aborter?.abort();
    this.#run += 1;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A new client (a provider with a new token, new attributes): read from the start.
    const own = `${this.publishableKey ?? ''} ${this.apiBase ?? ''}`;
    if (!this.#read || this.#hubSeen !== this.hub || own !== this.#ownSeen) {
      this.#read = true;
      this.#hubSeen = this.hub;
      this.#ownSeen = own;
      void this.reload();
    }
    if (changed.has('refreshInterval') && this.hasUpdated) this.#schedule();
  }

  // Reading

  /** Reads the first page again with the filters chosen, keeping them (and the open referral). */
  async reload(): Promise<void> {
    this.#stopTimer();
    this.#aborter?.abort();
    this.#run += 1;
    const run = this.#run;
    if (!this.configured) {
      this.phase = 'ready';
      this.rows = [];
      return;
    }
    this.phase = 'loading';
    this.failure = undefined;
    this.refreshFailed = false;
    this.moreFailed = false;
    this.#failures = 0;
    this.announcement = this.t.loading;
    try {
      const page = await this.#list({ limit: this.#limit() });
      if (run !== this.#run) return;
      this.rows = page.data;
      this.nextCursor = page.nextCursor;
      this.phase = 'ready';
      this.announcement = this.rows.length === 0 ? this.t.emptyTitle : this.t.shown(this.rows.length);
      if (this.detail && !this.rows.some((r) => r.id === this.detail?.id)) this.detail = undefined;
      else if (this.detail) void this.#readDetail(this.detail.id, false);
      this.#schedule();
    } catch (error) {
      if (run !== this.#run) return;
      this.#failed(error);
    }
  }

  /**
   * Reads again the referrals shown (as many as are loaded, up to 100), without moving focus or
   * losing the filters or the open referral, and says politely how many changed.
   */
  async refresh(): Promise<void> {
    if (this.phase !== 'ready' || !this.configured) return;
    const run = this.#run;
    try {
      const page = await this.#list({ limit: Math.min(MAX_PAGE, Math.max(this.#limit(), this.rows.length)) });
      if (run !== this.#run) return;
      const before = new Map(this.rows.map((r) => [r.id, r]));
      let updated = 0;
      let added = 0;
      for (const row of page.data) {
        const was = before.get(row.id);
        if (!was) added += 1;
        else if (was.updatedAt !== row.updatedAt || was.status !== row.status) updated += 1;
      }
      // Referrals loaded beyond what one refresh reads stay as they were.
      const fresh = new Set(page.data.map((r) => r.id));
      const rest = page.nextCursor === null ? [] : this.rows.filter((r) => !fresh.has(r.id));
      this.rows = [...page.data, ...rest];
      if (page.nextCursor === null || rest.length === 0) this.nextCursor = page.nextCursor;
      this.refreshFailed = false;
      this.#failures = 0;
      const said = [added ? this.t.newCount(added) : '', updated ? this.t.updatedCount(updated) : '']
        .filter(Boolean)
        .join('. ');
      if (said) this.announcement = said;
      const open = this.detail;
      if (open && before.get(open.id)?.updatedAt !== page.data.find((r) => r.id === open.id)?.updatedAt) {
        void this.#readDetail(open.id, false);
      }
    } catch (error) {
      if (run !== this.#run) return;
      const failure = failureOf(error);
      if (failure === 'expired' || failure === 'forbidden') {
        this.#failed(error);
        return;
      }
      // Keep what is shown; wait longer before the next try.
      this.refreshFailed = true;
      this.#failures += 1;
    }
    this.#schedule();
  }

  async #list(params: { limit: number; cursor?: string }) {
    const [client, sdk] = await Promise.all([this.#currentClient(), referralSdk.load()]);
    if (!client) throw new Error('not configured');
    this.#aborter = new AbortController();
    return sdk.listReferrals(
      client,
      {
        ...(isOneOf(REFERRAL_STATUS_CODES, this.status) ? { status: this.status } : {}),
        ...(isOneOf(NEED_CODES, this.need) ? { need: this.need } : {}),
        ...params,
      },
      // Failed refreshes back off here, not in the SDK: one retry for a blip.
      { maxRetries: 1, signal: this.#aborter.signal },
    );
  }

  #currentClient(): Promise<HubClient | undefined> {
    return this.loadClient();
  }

  #limit(): number {
    const n = Math.trunc(this.pageSize);
    return Number.isFinite(n) ? Math.min(MAX_PAGE, Math.max(1, n)) : 20;
  }

  #failed(error: unknown): void {
    this.failure = failureOf(error);
    this.phase = 'failed';
    this.announcement = '';
    this.#stopTimer();
    if (this.failure === 'expired') this.dispatchEvent(new HubSessionExpiredEvent());
  }

  async #loadMore(): Promise<void> {
    const cursor = this.nextCursor;
    if (cursor === null || this.loadingMore) return;
    const run = this.#run;
    const before = this.rows.length;
    this.loadingMore = true;
    this.moreFailed = false;
    this.announcement = this.t.loadingMore;
    try {
      const page = await this.#list({ limit: this.#limit(), cursor });
      if (run !== this.#run) return;
      const known = new Set(this.rows.map((r) => r.id));
      const added = page.data.filter((r) => !known.has(r.id));
      this.rows = [...this.rows, ...added];
      this.nextCursor = page.nextCursor;
      this.announcement =
        added.length === 0 ? this.t.allShown : this.t.shownMore(added.length, this.rows.length);
      this.loadingMore = false;
      await this.updateComplete;
      // The first new referral takes focus, so a keyboard user reads on from where they were.
      const first = this.#sorted()[before];
      const target = first && this.renderRoot.querySelector<HTMLElement>(`#open-${first.id}`);
      (target ?? this.renderRoot.querySelector<HTMLElement>('#caption'))?.focus();
    } catch (error) {
      if (run !== this.#run) return;
      this.loadingMore = false;
      const failure = failureOf(error);
      if (failure === 'expired' || failure === 'forbidden') this.#failed(error);
      else {
        this.moreFailed = true;
        this.announcement = '';
      }
    }
  }

  // Refreshing

  #schedule(): void {
    this.#stopTimer();
    if (!(this.refreshInterval > 0) || this.phase !== 'ready' || !this.isConnected) return;
    const wait = Math.min(MAX_BACKOFF_MS, this.refreshInterval * 1000 * 2 ** this.#failures);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (document.hidden) {
        // Nobody is looking: no requests until the page is shown again.
        this.#due = true;
        return;
      }
      void this.refresh();
    }, wait);
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#due = false;
  }

  #onVisibility = (): void => {
    if (document.hidden || !this.#due) return;
    this.#due = false;
    void this.refresh();
  };

  // Filtering and sorting

  #filter(which: 'status' | 'need', value: string): void {
    if (which === 'status') this.status = value;
    else this.need = value;
    void this.reload();
  }

  #sort(key: TrackerSortKey): void {
    if (this.sortKey === key) this.ascending = !this.ascending;
    else {
      this.sortKey = key;
      // Dates start newest first, words from A.
      this.ascending = key === 'reference' || key === 'status';
    }
    this.announcement = this.t.sortedBy(this.#columnName(key), this.ascending);
  }

  #columnName(key: TrackerSortKey): string {
    const t = this.t;
    return { reference: t.reference, status: t.status, createdAt: t.submitted, updatedAt: t.updated }[key];
  }

  #sorted(): Referral[] {
    const key = this.sortKey;
    const lang = this.locale;
    const value = (r: Referral): string =>
      key === 'status' ? label(referralStatusCodes, r.status, lang) : r[key];
    const direction = this.ascending ? 1 : -1;
    const collator = new Intl.Collator(lang === 'cy' ? 'cy' : 'en', { numeric: true });
    // A stable sort: equal keys keep the hub's order (newest first).
    return [...this.rows].sort((a, b) => direction * collator.compare(value(a), value(b)));
  }

  // Opening a referral

  async #toggle(referral: Referral): Promise<void> {
    if (this.detail?.id === referral.id) {
      this.detail = undefined;
      return;
    }
    this.detail = { id: referral.id, phase: 'loading', referral, events: [] };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#detail-${referral.id}-title`)?.focus();
    await this.#readDetail(referral.id, true);
  }

  /** Reads the referral and its events; `shown` says whether the loading state may show. */
  async #readDetail(id: string, shown: boolean): Promise<void> {
    try {
      const [client, sdk] = await Promise.all([this.#currentClient(), referralSdk.load()]);
      if (!client) return;
      const [referral, events] = await Promise.all([
        sdk.retrieveReferral(client, id, { maxRetries: 1 }),
        sdk.listReferralEvents(client, id, { limit: MAX_PAGE }, { maxRetries: 1 }),
      ]);
      if (this.detail?.id !== id) return;
      this.detail = { id, phase: 'ready', referral, events: events.data };
      // The list's row shows what the referral says now.
      this.rows = this.rows.map((r) => (r.id === id ? referral : r));
    } catch (error) {
      if (this.detail?.id !== id) return;
      if (failureOf(error) === 'expired') {
        this.#failed(error);
        return;
      }
      if (shown) this.detail = { ...this.detail, phase: 'failed' };
    }
  }

  /** Closes the open referral from inside it (Escape), and gives focus back to its button. */
  #onDetailKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this.detail) return;
    const id = this.detail.id;
    this.detail = undefined;
    void this.updateComplete.then(() => {
      this.renderRoot.querySelector<HTMLElement>(`#open-${id}`)?.focus();
    });
  };

  #timeline(detail: Detail): Step[] {
    const lang = this.locale;
    const t = this.t;
    const who = (role: string | undefined) => (role ? label(actorRoleCodes, role, lang) : undefined);
    const steps: Step[] = [];
    for (const event of detail.events) {
      if (event.type === 'referral.created') {
        steps.push({ at: event.createdAt, text: t.created, by: undefined });
      } else if (event.type === 'referral.status_changed') {
        const data = event.data as { to: string; at: string; by: string };
        steps.push({
          at: data.at,
          text: t.statusChangedTo(label(referralStatusCodes, data.to, lang)),
          by: who(data.by),
        });
      } else if (event.type === 'referral.outcome_recorded') {
        const { outcome } = event.data as { outcome: { need: string; code: string; recordedAt: string } };
        steps.push({
          at: outcome.recordedAt,
          text: t.outcomeRecorded(
            label(needCodes, outcome.need, lang),
            label(outcomeCodes, outcome.code, lang),
          ),
          by: undefined,
        });
      }
    }
    // A referral whose events the hub did not keep (or put in place without a request): its history.
    if (!steps.some((s) => s.text !== t.created) && detail.referral) {
      steps.length = 0;
      for (const change of detail.referral.history) {
        steps.push({
          at: change.at,
          text:
            change.from === null ? t.created : t.statusChangedTo(label(referralStatusCodes, change.to, lang)),
          by: who(change.by.role),
        });
      }
    }
    return steps.sort((a, b) => a.at.localeCompare(b.at));
  }

  // Rendering

  protected override render(): TemplateResult {
    return html`<div class="root" data-theme=${this.themeName} lang=${this.locale}>
      ${this.configured ? this.#renderTracker() : html`<div class="notice" part="notice">${this.t.notConfigured}</div>`}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        ${this.announcement}
      </div>
    </div>`;
  }

  #renderTracker(): TemplateResult {
    if (this.phase === 'failed' && this.failure === 'expired') {
      return html`<div class="notice notice--error" part="notice" role="alert">
        ${heading(this.headingLevel, 'notice__title', this.t.expiredTitle, { id: 'failure-title', focusable: true })}
        <p>${this.t.expiredHint}</p>
      </div>`;
    }
    return html`${this.#renderFilters()} ${this.#renderBody()}`;
  }

  #renderFilters(): TemplateResult {
    const t = this.t;
    const lang = this.locale;
    const errorPrefix = common[lang].error;
    return html`<div class="filters" part="filters" role="group" aria-label=${t.filtersLabel}>
      ${selectField({
        id: 'status',
        label: t.statusLabel,
        errorPrefix,
        value: this.status,
        options: [
          { value: '', label: t.anyStatus },
          // A partner's staff never see drafts: only what was sent.
          ...REFERRAL_STATUS_CODES.filter((code) => code !== 'draft').map((code) => ({
            value: code,
            label: labelOf(referralStatusCodes, code, lang),
          })),
        ],
        onChange: (value) => {
          this.#filter('status', value);
        },
      })}
      ${selectField({
        id: 'need',
        label: t.needLabel,
        errorPrefix,
        value: this.need,
        options: [
          { value: '', label: t.anyNeed },
          ...NEED_CODES.map((code) => ({ value: code, label: labelOf(needCodes, code, lang) })),
        ],
        onChange: (value) => {
          this.#filter('need', value);
        },
      })}
    </div>`;
  }

  #renderBody(): TemplateResult {
    const t = this.t;
    if (this.phase === 'loading') {
      return html`<div class="outcome" aria-busy="true">
        ${heading(this.headingLevel, 'notice__title', t.caption)}
        <p class="loading">${t.loading}</p>
      </div>`;
    }
    if (this.phase === 'failed') return this.#renderFailure();
    if (this.rows.length === 0) {
      const filtered = this.status !== '' || this.need !== '';
      return html`<div class="notice" part="notice">
        ${heading(this.headingLevel, 'notice__title', t.emptyTitle, { id: 'caption', focusable: true })}
        <p>${filtered ? t.emptyFilteredHint : t.emptyHint}</p>
      </div>`;
    }
    return this.#renderTable();
  }

  #renderFailure(): TemplateResult {
    const t = this.t;
    const text =
      this.failure === 'forbidden'
        ? t.forbidden
        : this.failure === 'network'
          ? t.failedNetwork
          : t.failedServer;
    return html`<div class="notice notice--error" part="notice" role="alert">
      ${heading(this.headingLevel, 'notice__title', t.failedTitle, { id: 'failure-title', focusable: true })}
      <p>${text}</p>
      ${
        this.failure === 'forbidden'
          ? nothing
          : html`<button class="button button--secondary" type="button" @click=${this.#tryAgain}>
              ${common[this.locale].tryAgain}
            </button>`
      }
    </div>`;
  }

  #tryAgain = async (): Promise<void> => {
    await this.reload();
    await this.updateComplete;
    const target = this.phase === 'failed' ? '#failure-title' : '#caption';
    this.renderRoot.querySelector<HTMLElement>(target)?.focus();
  };

  #renderTable(): TemplateResult {
    const t = this.t;
    const rows = this.#sorted();
    const sortable = (key: TrackerSortKey, text: string) => {
      const sorted = this.sortKey === key;
      return html`<th
        scope="col"
        aria-sort=${sorted ? (this.ascending ? 'ascending' : 'descending') : 'none'}
      >
        <button
          class="sort"
          type="button"
          @click=${() => {
            this.#sort(key);
          }}
        >
          ${text}<span class="sort__icon" aria-hidden="true"
            >${sorted ? (this.ascending ? '▲' : '▼') : '↕'}</span
          >
        </button>
      </th>`;
    };
    return html`<div class="table-wrap">
        <table class="table" part="table" aria-describedby="caption-hint">
          <caption id="caption" tabindex="-1">
            ${t.caption}
            <span class="caption__hint" id="caption-hint">${t.captionHint}</span>
          </caption>
          <thead>
            <tr>
              ${sortable('reference', t.reference)} ${sortable('status', t.status)}
              <th scope="col">${t.needs}</th>
              ${sortable('createdAt', t.submitted)} ${sortable('updatedAt', t.updated)}
              <th scope="col">${t.outcomes}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map((r) => this.#renderRow(r))}
          </tbody>
        </table>
      </div>
      ${this.refreshFailed ? html`<p class="refresh-failed">${t.refreshFailed}</p>` : nothing}
      ${this.#renderMore()}`;
  }

  #renderRow(r: Referral): TemplateResult {
    const t = this.t;
    const lang = this.locale;
    const open = this.detail?.id === r.id;
    const detailId = `detail-${r.id}`;
    const needs = r.needs.map((n) => label(needCodes, n.code, lang));
    return html`<tr part="row" class=${open ? 'row row--open' : 'row'}>
        <th scope="row">
          <button
            class="open"
            id=${`open-${r.id}`}
            type="button"
            aria-expanded=${open ? 'true' : 'false'}
            aria-controls=${detailId}
            @click=${() => void this.#toggle(r)}
          >
            <span class="reference">${r.reference}</span>
            <span class="visually-hidden">${open ? t.close : t.open}</span>
          </button>
        </th>
        <td>
          <span class="status" data-status=${r.status}>${label(referralStatusCodes, r.status, lang)}</span>
        </td>
        <td>${needs.join(', ')}</td>
        <td>${this.#date(r.submittedAt ?? r.createdAt)}</td>
        <td>${this.#date(r.updatedAt)}</td>
        <td>${t.outcomesRecorded(new Set(r.outcomes.map((o) => o.need)).size, r.needs.length)}</td>
      </tr>
      ${open ? this.#renderDetail(r, detailId) : nothing}`;
  }

  #renderDetail(row: Referral, id: string): TemplateResult {
    const t = this.t;
    const lang = this.locale;
    const detail = this.detail;
    const referral = detail?.referral ?? row;
    const sub = levelOf(this.headingLevel, 1);
    const body =
      !detail || detail.phase === 'loading'
        ? html`<p class="loading">${t.detailLoading}</p>`
        : detail.phase === 'failed'
          ? html`<p class="detail__failed">${t.detailFailed}</p>`
          : html`${
                referral.sharingRestricted
                  ? html`<p class="detail__restricted">${t.sharingRestricted}</p>`
                  : nothing
              }
              ${
                referral.assignedService?.serviceName
                  ? html`<p>${t.assignedTo} ${referral.assignedService.serviceName}</p>`
                  : nothing
              }
              <div class="detail__columns">
                <section aria-labelledby=${`${id}-timeline`}>
                  ${heading(levelOf(sub, 1), 'detail__subtitle', t.timeline, { id: `${id}-timeline` })}
                  <ol class="timeline">
                    ${this.#timeline(detail).map(
                      (step) =>
                        html`<li>
                          <span class="timeline__when">${this.#date(step.at, true)}</span>
                          <span class="timeline__what">${step.text}</span>
                          ${step.by ? html`<span class="timeline__who">${t.by(step.by)}</span>` : nothing}
                        </li>`,
                    )}
                  </ol>
                </section>
                <section aria-labelledby=${`${id}-outcomes`}>
                  ${heading(levelOf(sub, 1), 'detail__subtitle', t.outcomePerNeed, { id: `${id}-outcomes` })}
                  <dl class="outcomes">
                    ${referral.needs.map((need) => {
                      const outcome = referral.outcomes.find((o) => o.need === need.code);
                      return html`<div class="outcomes__item">
                        <dt>${label(needCodes, need.code, lang)}</dt>
                        <dd>
                          ${
                            outcome
                              ? html`${label(outcomeCodes, outcome.code, lang)}
                                  <span class="outcomes__when"
                                    >${t.recordedOn(this.#dateText(outcome.recordedAt))}</span
                                  >`
                              : t.noOutcome
                          }
                        </dd>
                      </div>`;
                    })}
                  </dl>
                </section>
              </div>`;
    return html`<tr class="detail-row">
      <td colspan="6">
        <div
          class="detail"
          part="detail"
          id=${id}
          role="region"
          aria-labelledby=${`${id}-title`}
          aria-busy=${detail?.phase === 'loading' ? 'true' : 'false'}
          @keydown=${this.#onDetailKey}
        >
          ${heading(sub, 'detail__title', t.detailTitle(referral.reference), { id: `${id}-title`, focusable: true })}
          ${body}
        </div>
      </td>
    </tr>`;
  }

  #renderMore(): TemplateResult | typeof nothing {
    const t = this.t;
    if (this.moreFailed) {
      return html`<div class="notice notice--error" part="notice" role="alert">
        <p>${t.failedNetwork}</p>
        <button class="button button--secondary" type="button" @click=${() => void this.#loadMore()}>
          ${common[this.locale].tryAgain}
        </button>
      </div>`;
    }
    if (this.nextCursor === null) return nothing;
    return html`${this.loadingMore ? html`<p class="loading">${t.loadingMore}</p>` : nothing}
      <button
        class="button button--secondary more"
        part="more-button"
        type="button"
        aria-disabled=${this.loadingMore ? 'true' : 'false'}
        @click=${() => void this.#loadMore()}
      >
        ${t.loadMore}
      </button>`;
  }

  /**
   * A date (and, in the timeline, the time) as UK staff read it, in the person's language, in a
   * `<time>`: the day in London, written out by `longDate` (which has Welsh month names where the
   * browser has no Welsh date data).
   */
  #date(iso: string, withTime = false): TemplateResult {
    return html`<time datetime=${iso}>${this.#dateText(iso, withTime)}</time>`;
  }

  #dateText(iso: string, withTime = false): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    const text = longDate(ukDay.format(date), this.locale);
    return withTime ? `${text}, ${ukTime.format(date)}` : text;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hub-referral-tracker': HubReferralTracker;
  }
}
