import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Lang } from '@hubkit/schema';
import { startMockHub, type MockHubRun } from '../testing/mock-hub.ts';
import { provide, seedMany, seedReferrals, staffConfig } from '../testing/tracker.ts';
import '../define/referral-tracker.ts';
import type { HubReferralTracker } from './referral-tracker.ts';

let run: MockHubRun;

beforeEach(async () => {
  run = await startMockHub();
});
afterEach(async () => {
  await run.stop();
});

function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`No ${what}`);
  return value;
}
const root = (el: HubReferralTracker): ShadowRoot => must(el.shadowRoot, 'shadow root');
const $ = (el: HubReferralTracker, selector: string): HTMLElement =>
  must(root(el).querySelector<HTMLElement>(selector), selector);
const all = (el: HubReferralTracker, selector: string) => [
  ...root(el).querySelectorAll<HTMLElement>(selector),
];
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const live = (el: HubReferralTracker) => text($(el, '[role="status"]'));
const references = (el: HubReferralTracker) => all(el, 'tbody .reference').map(text);
const active = (el: HubReferralTracker) => root(el).activeElement;

interface Options {
  lang?: Lang;
  pageSize?: number;
  refresh?: number;
}

/** A tracker inside a host that provides a staff client, after its first list has settled. */
async function tracker(o: Options = {}): Promise<HubReferralTracker> {
  const host = await fixture<HTMLDivElement>(html`<div><button id="before">Before</button></div>`);
  provide(host, staffConfig(run.hub, o.lang ?? 'en'));
  const el = document.createElement('hub-referral-tracker');
  if (o.pageSize) el.setAttribute('page-size', String(o.pageSize));
  // Refreshing is off unless a test asks for it, so only the test's own refresh() runs.
  el.setAttribute('refresh-interval', String(o.refresh ?? 0));
  host.append(el);
  await settled(el);
  return el;
}

async function settled(el: HubReferralTracker): Promise<void> {
  await el.updateComplete;
  await waitUntil(
    () => el.shadowRoot && !el.shadowRoot.querySelector('[aria-busy="true"]'),
    'still loading',
    {
      timeout: 8000,
    },
  );
  await el.updateComplete;
}

function choose(el: HubReferralTracker, id: 'status' | 'need', value: string): void {
  const select = $(el, `#${id}`) as HTMLSelectElement;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('<hub-referral-tracker>', () => {
  it('shows the referrals as a data table, newest first, with a caption and column headers', async () => {
    const [submitted, working, closed] = seedReferrals(run.hub);
    const el = await tracker();
    const table = $(el, 'table');
    expect(text(table.querySelector('caption'))).to.contain('Referrals you have made');
    expect(all(el, 'thead th[scope="col"]').map(text)).to.deep.equal([
      'Reference↕',
      'Status↕',
      'Needs',
      'Submitted▼',
      'Last updated↕',
      'Outcomes',
    ]);
    expect(references(el)).to.deep.equal([closed?.reference, working?.reference, submitted?.reference]);
    expect(all(el, 'tbody tr').map((row) => text(row.querySelector('td')))).to.deep.equal([
      'Closed',
      'In progress',
      'Submitted',
    ]);
    expect(text(all(el, 'tbody tr')[1])).to.contain('Money and debt');
    expect(text(all(el, 'tbody tr')[1])).to.contain('1 of 2');
    expect(live(el)).to.equal('3 referrals shown');
    // Only what staff need to follow up: nothing about the person.
    for (const r of [submitted, working, closed]) {
      expect(text(table)).not.to.contain(r?.resident.name.family ?? '—');
      expect(text(table)).not.to.contain(r?.needs[0]?.details ?? '—');
    }
    await expect(el).to.be.accessible();
  });

  it('filters by status and need through the client, keeping the choice', async () => {
    seedReferrals(run.hub);
    const el = await tracker();
    choose(el, 'status', 'closed');
    await settled(el);
    expect(all(el, 'tbody tr').map((row) => text(row.querySelector('td')))).to.deep.equal(['Closed']);
    expect(($(el, '#status') as HTMLSelectElement).value).to.equal('closed');
    choose(el, 'status', '');
    choose(el, 'need', 'housing');
    await settled(el);
    expect(text($(el, '[part="notice"]'))).to.contain('No referrals found');
    expect(text($(el, '[part="notice"]'))).to.contain('Try another status or need');
    await expect(el).to.be.accessible();
  });

  it('sorts by a column with a button in its header, saying so with aria-sort', async () => {
    const [submitted, working, closed] = seedReferrals(run.hub);
    const el = await tracker();
    const header = (n: number) => must(all(el, 'thead th')[n], `header ${n}`);
    expect(header(3).getAttribute('aria-sort')).to.equal('descending');
    expect(header(4).getAttribute('aria-sort')).to.equal('none');
    must(header(3).querySelector('button'), 'sort button').click();
    await el.updateComplete;
    expect(header(3).getAttribute('aria-sort')).to.equal('ascending');
    expect(references(el)).to.deep.equal([submitted?.reference, working?.reference, closed?.reference]);
    expect(live(el)).to.equal('Sorted by Submitted, ascending');
    must(header(1).querySelector('button'), 'sort button').click();
    await el.updateComplete;
    expect(header(1).getAttribute('aria-sort')).to.equal('ascending');
    expect(header(3).getAttribute('aria-sort')).to.equal('none');
    expect(all(el, 'tbody tr').map((row) => text(row.querySelector('td')))).to.deep.equal([
      'Closed',
      'In progress',
      'Submitted',
    ]);
  });

  it('opens a referral to its status timeline and its outcome per need, moving focus into it', async () => {
    const [, working] = seedReferrals(run.hub);
    const el = await tracker();
    const button = $(el, `#open-${working?.id ?? ''}`);
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    button.click();
    await waitUntil(() => root(el).querySelector('.timeline'), 'no timeline', { timeout: 8000 });
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    const detail = $(el, '[part="detail"]');
    expect(detail.getAttribute('role')).to.equal('region');
    expect(active(el)?.id).to.equal(`detail-${working?.id ?? ''}-title`);
    expect(all(el, '.timeline li').map((li) => text(li.querySelector('.timeline__what')))).to.deep.equal([
      'Referral made',
      'Status: Being triaged',
      'Status: Accepted',
      'Status: Assigned to a service',
      'Status: In progress',
    ]);
    expect(text(all(el, '.timeline li')[4])).to.contain('by Service provider');
    expect(all(el, '.outcomes__item').map(text)).to.deep.equal([
      'Money and debt Debt managed recorded 5 November 2026',
      'Food No outcome yet',
    ]);
    await expect(el).to.be.accessible();
  });

  it('reads the timeline from the referral’s events when the hub has them', async () => {
    seedReferrals(run.hub);
    const el = await tracker();
    // A referral made through the API, then moved on: the hub records events for both.
    const config = staffConfig(run.hub);
    const client = must(await config.client(), 'client');
    const { createReferral, transitionReferral } = await import('@hubkit/sdk');
    const { make } = await import('@hubkit/mocks');
    const made = await createReferral(client, make.referralCreate());
    await transitionReferral(client, made.id, { to: 'triage' });
    await el.reload();
    await settled(el);
    $(el, `#open-${made.id}`).click();
    await waitUntil(() => root(el).querySelector('.timeline'), 'no timeline', { timeout: 8000 });
    expect(all(el, '.timeline li').map((li) => text(li.querySelector('.timeline__what')))).to.deep.equal([
      'Referral made',
      'Status: Being triaged',
    ]);
    expect(text($(el, '.timeline li:last-child'))).to.contain('by Hub staff');
  });

  it('works with the keyboard alone: filter, sort, open a row, close it with Escape, load more', async () => {
    seedReferrals(run.hub);
    seedMany(run.hub, 3);
    const el = await tracker({ pageSize: 4 });
    must(el.parentElement?.querySelector<HTMLButtonElement>('#before'), 'button').focus();
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.id).to.equal('status');
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.id).to.equal('need');
    await sendKeys({ press: 'Tab' });
    // The first sortable header: Reference.
    expect(active(el)?.closest('th')?.textContent).to.contain('Reference');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(active(el)?.closest('th')?.getAttribute('aria-sort')).to.equal('ascending');
    let steps = 0;
    while (!active(el)?.classList.contains('open') && steps < 10) {
      await sendKeys({ press: 'Tab' });
      steps += 1;
    }
    const opener = must(active(el), 'focused row button');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root(el).querySelector('.timeline'), 'no timeline', { timeout: 8000 });
    expect(active(el)?.classList.contains('detail__title')).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    await waitUntil(() => active(el) === opener, 'focus did not return to the row', { timeout: 2000 });
    expect(root(el).querySelector('[part="detail"]')).to.equal(null);
    expect(references(el)).to.have.length(4);
    $(el, '[part="more-button"]').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => references(el).length === 6, 'no more rows', { timeout: 8000 });
    expect(live(el)).to.equal('2 more referrals shown, 6 in all');
    expect(active(el)?.classList.contains('open')).to.equal(true);
    expect(root(el).querySelector('[part="more-button"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('keyboard: choosing a status with the arrow keys filters the table', async () => {
    seedReferrals(run.hub);
    const el = await tracker();
    $(el, '#status').focus();
    // The first status after "Any status" is Submitted.
    await sendKeys({ press: 'ArrowDown' });
    await settled(el);
    await waitUntil(() => references(el).length === 1, 'not filtered', { timeout: 8000 });
    expect(text($(el, 'tbody td'))).to.equal('Submitted');
  });

  it('refreshes without moving focus or closing the open referral, and announces the changes', async () => {
    const [submitted, working] = seedReferrals(run.hub);
    const el = await tracker();
    $(el, `#open-${working?.id ?? ''}`).click();
    await waitUntil(() => root(el).querySelector('.timeline'), 'no timeline', { timeout: 8000 });
    const focused = active(el);
    // The hub moves two referrals on.
    const later = '2026-11-10T09:00:00.000Z';
    for (const r of [submitted, working]) {
      if (!r) throw new Error('no referral');
      const status = r === submitted ? 'triage' : 'closed';
      run.hub.seed.referral({
        ...r,
        status,
        updatedAt: later,
        history: [...r.history, { from: r.status, to: status, at: later, by: { role: 'hub' } }],
      });
    }
    await el.refresh();
    await waitUntil(() => live(el) === '2 referrals updated', `heard "${live(el)}"`, { timeout: 8000 });
    expect(active(el)).to.equal(focused);
    expect(all(el, 'tbody tr:not(.detail-row)').map((row) => text(row.querySelector('td')))).to.deep.equal([
      'Closed',
      'Closed',
      'Being triaged',
    ]);
    await waitUntil(
      () => all(el, '.timeline li').some((li) => text(li).includes('Status: Closed')),
      'the open referral was not read again',
      { timeout: 8000 },
    );
    expect(root(el).querySelector('[part="detail"]')).not.to.equal(null);
  });

  it('refreshes on its own, every refresh-interval seconds', async () => {
    const [submitted] = seedReferrals(run.hub);
    const el = await tracker({ refresh: 0.05 });
    if (!submitted) throw new Error('no referral');
    run.hub.seed.referral({ ...submitted, status: 'triage', updatedAt: '2026-11-10T09:00:00.000Z' });
    await waitUntil(() => live(el) === '1 referral updated', `heard "${live(el)}"`, { timeout: 8000 });
  });

  it('does not refresh while the page is hidden, and refreshes when it is shown again', async () => {
    const [submitted] = seedReferrals(run.hub);
    let hidden = false;
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    // The tracker's timer is taken, to run it by hand, and every request counted.
    const timers: (() => void)[] = [];
    // Kept to be put back: the window's own, called with no `this` as the page calls them.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const { setTimeout: realSetTimeout, fetch: realFetch } = window;
    let requests = 0;
    try {
      const el = await tracker();
      window.setTimeout = ((handler: () => void, ms?: number) => {
        if (ms === 60_000) {
          timers.push(handler);
          return 0;
        }
        return realSetTimeout(handler, ms);
      }) as typeof window.setTimeout;
      window.fetch = (...args: Parameters<typeof fetch>) => {
        requests += 1;
        return realFetch(...args);
      };
      el.refreshInterval = 60;
      await el.updateComplete;
      expect(timers).to.have.length(1);
      if (!submitted) throw new Error('no referral');
      run.hub.seed.referral({ ...submitted, status: 'triage', updatedAt: '2026-11-10T09:00:00.000Z' });
      hidden = true;
      timers.shift()?.();
      // A request of the test's own, after the timer ran: a refresh the timer began would have
      // sent its request first.
      const client = must(await staffConfig(run.hub).client(), 'client');
      const { listReferrals } = await import('@hubkit/sdk');
      await listReferrals(client, { limit: 1 });
      expect(requests).to.equal(1);
      expect(live(el)).to.equal('3 referrals shown');
      hidden = false;
      document.dispatchEvent(new Event('visibilitychange'));
      await waitUntil(() => live(el) === '1 referral updated', `heard "${live(el)}"`, { timeout: 8000 });
      expect(requests).to.equal(2);
    } finally {
      window.setTimeout = realSetTimeout;
      window.fetch = realFetch;
      delete (document as { hidden?: boolean }).hidden;
    }
  });

  it('waits twice as long after each failed refresh', async () => {
    seedReferrals(run.hub);
    const el = await tracker();
    const waits: number[] = [];
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be put back
    const realSetTimeout = window.setTimeout;
    window.setTimeout = ((handler: () => void, ms?: number) => {
      if (ms !== undefined && ms >= 60_000) {
        waits.push(ms);
        return 0;
      }
      return realSetTimeout(handler, ms);
    }) as typeof window.setTimeout;
    try {
      el.refreshInterval = 60;
      await el.updateComplete;
      const off = run.hub.faults.add({ kind: 'status', status: 503 });
      await el.refresh();
      await el.refresh();
      off();
      await el.refresh();
    } finally {
      window.setTimeout = realSetTimeout;
    }
    expect(waits).to.deep.equal([60_000, 120_000, 240_000, 60_000]);
  });

  it('keeps the rows when a refresh fails, says so, and backs off', async () => {
    seedReferrals(run.hub);
    const el = await tracker();
    const off = run.hub.faults.add({ kind: 'status', status: 503 });
    await el.refresh();
    await el.updateComplete;
    off();
    expect(references(el)).to.have.length(3);
    expect(text($(el, '.refresh-failed'))).to.contain('could not be refreshed');
    await expect(el).to.be.accessible();
  });

  it('shows a failure with Try again, which reads again', async () => {
    seedReferrals(run.hub);
    const off = run.hub.faults.add({ kind: 'network' });
    const el = await tracker();
    off();
    const alert = $(el, '[role="alert"]');
    expect(text(alert)).to.contain('The referrals could not be loaded');
    expect(text(alert)).to.contain('Check your connection');
    await expect(el).to.be.accessible();
    must(alert.querySelector('button'), 'Try again').click();
    await waitUntil(() => references(el).length === 3, 'not read again', { timeout: 8000 });
    expect(active(el)?.id).to.equal('caption');
  });

  it('says the session has ended on a 401 and fires hub-session-expired; a new client reads again', async () => {
    seedReferrals(run.hub);
    const off = run.hub.faults.add({ kind: 'status', status: 401 });
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const provider = provide(host, staffConfig(run.hub));
    const el = document.createElement('hub-referral-tracker');
    el.setAttribute('refresh-interval', '0');
    const heard = oneEvent(host, 'hub-session-expired');
    host.append(el);
    const event = await heard;
    expect(event.bubbles && event.composed).to.equal(true);
    await settled(el);
    off();
    expect(text($(el, '[role="alert"]'))).to.contain('Your session has ended');
    expect(root(el).querySelector('table')).to.equal(null);
    await expect(el).to.be.accessible();
    // The page fetched a new token and gave the provider a new client.
    provider.setValue(staffConfig(run.hub));
    await waitUntil(() => references(el).length === 3, 'not read with the new client', { timeout: 8000 });
  });

  it('says it is not set up without a provider or a client', async () => {
    const el = await fixture<HubReferralTracker>(html`<hub-referral-tracker></hub-referral-tracker>`);
    expect(text($(el, '[part="notice"]'))).to.contain('This tracker is not set up');
    await expect(el).to.be.accessible();
  });

  it('shows a loading state while the hub has not answered', async () => {
    seedReferrals(run.hub);
    run.hub.faults.add({ kind: 'timeout' });
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    provide(host, staffConfig(run.hub));
    const el = document.createElement('hub-referral-tracker');
    host.append(el);
    await el.updateComplete;
    expect(text($(el, '[aria-busy="true"]'))).to.contain('Loading referrals');
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('speaks Welsh: its own words, the statuses, needs and outcomes', async () => {
    const [, working] = seedReferrals(run.hub);
    const el = await tracker({ lang: 'cy' });
    expect(text($(el, 'caption'))).to.contain('Atgyfeiriadau rydych wedi’u gwneud');
    expect(all(el, 'tbody tr').map((row) => text(row.querySelector('td')))).to.deep.equal([
      'Wedi’i chau',
      'Ar y gweill',
      'Wedi’i chyflwyno',
    ]);
    $(el, `#open-${working?.id ?? ''}`).click();
    await waitUntil(() => root(el).querySelector('.timeline'), 'no timeline', { timeout: 8000 });
    expect(text($(el, '.outcomes'))).to.contain('Dim canlyniad eto');
    expect(text($(el, '.outcomes'))).to.contain('Tachwedd');
    await expect(el).to.be.accessible();
  });
});
