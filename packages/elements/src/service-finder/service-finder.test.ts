import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import { startMockHub, type MockHubRun } from '../testing/mock-hub.ts';
import '../define/provider.ts';
import '../define/service-finder.ts';
import type { HubServiceFinder } from './service-finder.ts';

let run: MockHubRun;

beforeEach(async () => {
  run = await startMockHub();
});
afterEach(async () => {
  await run.stop();
});

interface Options {
  lang?: string;
  needs?: string;
  need?: string;
  pageSize?: number;
  feed?: boolean;
}

async function finder(o: Options = {}): Promise<HubServiceFinder> {
  return fixture<HubServiceFinder>(
    html`<hub-service-finder
      publishable-key=${ifDefined(o.feed ? undefined : run.key)}
      api-base=${ifDefined(o.feed ? undefined : run.apiBase)}
      directory-url=${ifDefined(o.feed ? `${run.apiBase}/oruk` : undefined)}
      lang=${ifDefined(o.lang)}
      needs=${ifDefined(o.needs)}
      need=${ifDefined(o.need)}
      page-size=${ifDefined(o.pageSize)}
    ></hub-service-finder>`,
  );
}

function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`No ${what}`);
  return value;
}
const root = (el: HubServiceFinder): ShadowRoot => must(el.shadowRoot, 'shadow root');
const $ = (el: HubServiceFinder, selector: string): HTMLElement =>
  must(root(el).querySelector<HTMLElement>(selector), selector);
function field<E extends HTMLInputElement | HTMLSelectElement>(
  el: HubServiceFinder,
  id: string,
  kind: new () => E,
): E {
  const found = $(el, `#${id}`);
  if (!(found instanceof kind)) throw new Error(`#${id} is not a ${kind.name}`);
  return found;
}
const all = (el: HubServiceFinder, selector: string) => [...root(el).querySelectorAll<HTMLElement>(selector)];
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const titles = (el: HubServiceFinder) => all(el, '.result__title').map(text);
const live = (el: HubServiceFinder) => text($(el, '[role="status"]'));

function type(el: HubServiceFinder, id: string, value: string): void {
  const input = field(el, id, HTMLInputElement);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function chooseNeed(el: HubServiceFinder, code: string): void {
  const select = field(el, 'need', HTMLSelectElement);
  select.value = code;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Whether the last search has finished (results, empty, failure or a problem with what was typed). */
const settled = (el: HubServiceFinder) =>
  !root(el).querySelector('[aria-busy="true"]') &&
  Boolean(root(el).querySelector('.outcome, .error-summary'));

async function search(
  el: HubServiceFinder,
  fields: { q?: string; need?: string; postcode?: string } = {},
): Promise<void> {
  if (fields.q !== undefined) type(el, 'q', fields.q);
  if (fields.need !== undefined) chooseNeed(el, fields.need);
  if (fields.postcode !== undefined) type(el, 'postcode', fields.postcode);
  await el.updateComplete;
  $(el, 'button[type="submit"]').click();
  await el.updateComplete;
  await waitUntil(() => settled(el), 'the search did not finish', { timeout: 8000 });
}

describe('<hub-service-finder>', () => {
  it('starts with an accessible search form and no results', async () => {
    const el = await finder();
    expect(all(el, '.result')).to.have.length(0);
    expect(text($(el, 'label[for="postcode"]'))).to.equal('Postcode');
    expect($(el, 'form').getAttribute('role')).to.equal('search');
    await expect(el).to.be.accessible();
  });

  it('searches by postcode: nearest first, with distances in kilometres', async () => {
    const el = await finder();
    await search(el, { postcode: 'n7 6qx' });
    const names = titles(el);
    expect(names[0]).to.equal('Holloway Community Pantry (fictional)');
    expect(names[1]).to.equal('Highbury Family Hub Drop-in (fictional)');
    const distances = all(el, '.result__distance').map(text);
    expect(distances[0]).to.equal('0.6 km away');
    expect(distances[1]).to.equal('1.4 km away');
    const km = distances.map((d) => Number.parseFloat(d));
    expect(km).to.deep.equal([...km].sort((a, b) => a - b));
    expect(text($(el, '#results-title'))).to.equal('10 services found');
    expect(live(el)).to.equal('10 services found');
    // What was typed stays as typed.
    expect(field(el, 'postcode', HTMLInputElement).value).to.equal('n7 6qx');
    // Nothing a strict Content-Security-Policy refuses: no style attributes.
    expect(root(el).querySelectorAll('[style]')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('shows how to contact a service, its opening times and who it is for', async () => {
    const el = await finder();
    await search(el, { q: 'Angel Money' });
    const first = all(el, '.result')[0];
    expect(text(first?.querySelector('.result__title'))).to.equal(
      'Angel Money and Benefits Advice (fictional)',
    );
    const tel = first?.querySelector<HTMLAnchorElement>('a[href^="tel:"]');
    expect(tel?.getAttribute('href')).to.match(/^tel:\+?\d+$/);
    expect(first?.querySelector('a[href^="mailto:"]')?.getAttribute('href')).to.equal(
      'mailto:money@islington-advice.example.org',
    );
    expect(first?.querySelector('a[href^="https:"]')?.getAttribute('href')).to.equal(
      'https://islington-advice.example.org/money',
    );
    expect(text(tel)).to.match(/^0\d{2,4} \d{3,6}( \d{4})?$/);
    const facts = text(first?.querySelector('.result__facts'));
    expect(facts).to.contain('Opening times');
    expect(facts).to.match(/Monday.*: \d\d:\d\d to \d\d:\d\d/);
    expect(facts).to.contain('Who it is for');
    expect(text(first?.querySelector('.result__organisation'))).to.contain('Islington Advice Collective');
  });

  it('writes runs of days as a range and UK phone numbers as people write them', async () => {
    const el = await finder();
    await search(el, { q: 'Highbury Family Hub' });
    const first = all(el, '.result')[0];
    expect(text(first?.querySelector('.result__facts'))).to.contain('Monday to Friday: 09:00 to 17:00');
    expect(text(first?.querySelector('a[href^="tel:"]'))).to.equal('020 7946 0440');
    expect(first?.querySelector('a[href^="tel:"]')?.getAttribute('href')).to.equal('tel:+442079460440');
    el.lang = 'cy';
    await el.updateComplete;
    expect(text(all(el, '.result')[0]?.querySelector('.result__facts'))).to.contain(
      'Dydd Llun i ddydd Gwener: 09:00 i 17:00',
    );
  });

  it('searches by need, offering only the needs asked for, with one preselected', async () => {
    const el = await finder({ needs: 'food housing', need: 'food' });
    const options = all(el, '#need option').map((o) => (o as HTMLOptionElement).value);
    expect(options).to.deep.equal(['', 'food', 'housing']);
    expect(field(el, 'need', HTMLSelectElement).value).to.equal('food');
    await search(el, { postcode: 'N7 6QX' });
    const names = titles(el);
    expect(names.length).to.be.greaterThan(0);
    const foodServices = run.hub.state
      .services()
      .filter((s) => s.needs.includes('food'))
      .map((s) => s.name);
    for (const name of names) expect(foodServices).to.include(name);
    chooseNeed(el, 'housing');
    await search(el);
    expect(titles(el)).to.include('Safe Start Islington (fictional)');
    expect(titles(el)).to.not.include('Holloway Community Pantry (fictional)');
  });

  it('does not preselect a need it does not offer', async () => {
    const el = await finder({ needs: 'food', need: 'housing' });
    expect(field(el, 'need', HTMLSelectElement).value).to.equal('');
    await search(el, { q: 'Safe Start' });
    expect(titles(el)).to.include('Safe Start Islington (fictional)');
  });

  it('searches by words', async () => {
    const el = await finder();
    await search(el, { q: 'fridge' });
    expect(titles(el)).to.deep.equal(['Queen’s Park Community Fridge (fictional)']);
    expect(text($(el, '#results-title'))).to.equal('1 service found');
    expect(all(el, '.result__distance')).to.have.length(0);
  });

  it('says when nothing is found, with a hint', async () => {
    const el = await finder();
    await search(el, { q: 'zzqx nothing like this' });
    expect(all(el, '.result')).to.have.length(0);
    expect(text($(el, '#results-title'))).to.equal('No services found');
    expect(text($(el, '.notice'))).to.contain('Try fewer or different words');
    expect(live(el)).to.equal('No services found');
    await expect(el).to.be.accessible();
  });

  it('is busy while loading', async () => {
    await run.stop();
    run = await startMockHub({ latencyMs: 400 });
    const el = await finder();
    type(el, 'q', 'food');
    $(el, 'button[type="submit"]').click();
    await el.updateComplete;
    expect($(el, '.outcome').getAttribute('aria-busy')).to.equal('true');
    expect(text($(el, '.loading'))).to.equal('Searching for services…');
    await expect(el).to.be.accessible();
    await waitUntil(() => settled(el), 'the search did not finish', { timeout: 8000 });
    expect(all(el, '.result').length).to.be.greaterThan(0);
  });

  it('says when the network fails, and Try again then finds services', async () => {
    const el = await finder();
    const off = run.hub.faults.add({ kind: 'network' });
    await search(el, { postcode: 'N7 6QX' });
    expect(text($(el, '[role="alert"]'))).to.contain('We could not reach the service');
    expect(all(el, '.result')).to.have.length(0);
    await expect(el).to.be.accessible();
    off();
    const retry = all(el, 'button').find((b) => text(b) === 'Try again');
    retry?.click();
    await waitUntil(() => all(el, '.result').length > 0, 'no results after Try again', { timeout: 8000 });
    expect(titles(el)[0]).to.equal('Holloway Community Pantry (fictional)');
    await el.updateComplete;
    expect(root(el).activeElement?.id).to.equal('results-title');
  });

  it('says when the hub is too busy (429) and when it fails (500)', async () => {
    const el = await finder();
    const off = run.hub.faults.add({ kind: 'status', status: 429 });
    await search(el, { q: 'food' });
    expect(text($(el, '[role="alert"]'))).to.contain('Too many people are using this');
    await expect(el).to.be.accessible();
    off();
    const off500 = run.hub.faults.add({ kind: 'status', status: 500 });
    await search(el);
    expect(text($(el, '[role="alert"]'))).to.contain('Something went wrong on our side');
    off500();
    await search(el);
    expect(all(el, '.result').length).to.be.greaterThan(0);
  });

  it('shows more results on request and moves focus to the first new one', async () => {
    const el = await finder({ pageSize: 5 });
    await search(el);
    expect(all(el, '.result')).to.have.length(5);
    const more = $(el, '.more');
    expect(text(more)).to.equal('Show more results');
    more.click();
    await waitUntil(() => all(el, '.result').length === 10, 'no more results', { timeout: 8000 });
    await el.updateComplete;
    expect(root(el).activeElement?.id).to.equal('result-5-title');
    expect(live(el)).to.equal('5 more services shown, 10 in all');
    expect(new Set(titles(el)).size).to.equal(10);
    await expect(el).to.be.accessible();
  });

  it('keeps the results when more results fail, and Try again gets them', async () => {
    const el = await finder({ pageSize: 5 });
    await search(el);
    const off = run.hub.faults.add({ kind: 'network' });
    $(el, '.more').click();
    await waitUntil(() => root(el).querySelector('[role="alert"]'), 'no failure', { timeout: 8000 });
    expect(all(el, '.result')).to.have.length(5);
    off();
    all(el, 'button')
      .find((b) => text(b) === 'Try again')
      ?.click();
    await waitUntil(() => all(el, '.result').length === 10, 'no more results', { timeout: 8000 });
  });

  it('emits hub-service-select with the service chosen', async () => {
    const el = await finder();
    await search(el, { postcode: 'N7 6QX' });
    const button = all(el, '.result__choose')[1];
    expect(text(button)).to.equal('Choose this service: Highbury Family Hub Drop-in (fictional)');
    const heard = oneEvent(document, 'hub-service-select');
    button?.click();
    const event = await heard;
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(true);
    expect(event.detail.service.name).to.equal('Highbury Family Hub Drop-in (fictional)');
    expect(event.detail.service.id).to.be.a('string');
    expect(live(el)).to.equal('You chose Highbury Family Hub Drop-in (fictional)');
  });

  it('shows services from a hub newer than itself: new codes as sent, new fields ignored', async () => {
    await run.stop();
    // Every service as a newer hub would send it: a status, a day, a need and a way of
    // delivering this version has no words for, and a field it does not know.
    const newer = (service: Record<string, unknown>) => ({
      ...service,
      status: 'reopening_soon',
      accessibility: { stepFree: true },
      needs: [...(service.needs as string[]), 'digital_access'],
      deliveryMethods: ['video_call'],
      openingTimes: [{ byDay: ['MO', 'PH'], opensAt: '09:00', closesAt: '12:00' }],
    });
    run = await startMockHub({}, (body, path) => {
      if (!path.endsWith('/v1/services/search') || typeof body !== 'object' || body === null) return body;
      const page = body as { data: { service: Record<string, unknown> }[] };
      return { ...page, data: page.data.map((r) => ({ ...r, service: newer(r.service) })) };
    });
    const el = await finder();
    await search(el, { q: 'Angel Money' });
    const first = all(el, '.result')[0];
    expect(text(first?.querySelector('.result__title'))).to.equal(
      'Angel Money and Benefits Advice (fictional)',
    );
    const facts = text(first?.querySelector('.result__facts'));
    expect(facts).to.contain('Monday, PH: 09:00 to 12:00');
    expect(root(el).textContent).not.to.contain('undefined');
    expect(el.shadowRoot?.querySelector('[role="alert"]')).to.equal(null);
    await expect(el).to.be.accessible();
    const heard = oneEvent(document, 'hub-service-select');
    first?.querySelector<HTMLButtonElement>('.result__choose')?.click();
    const event = await heard;
    expect(event.detail.service.status).to.equal('reopening_soon');
    expect('accessibility' in event.detail.service).to.equal(false);
  });

  it('reads an Open Referral UK feed when directory-url is set', async () => {
    const el = await finder({ feed: true });
    await search(el, { need: 'food', postcode: 'N7 6QX' });
    const names = titles(el);
    expect(names.length).to.be.greaterThan(0);
    const food = run.hub.state
      .services()
      .filter((s) => s.needs.includes('food'))
      .map((s) => s.name);
    for (const name of names) expect(food).to.include(name);
    expect(names[0]).to.equal('Holloway Community Pantry (fictional)');
    const heard = oneEvent(el, 'hub-service-select');
    all(el, '.result__choose')[0]?.click();
    expect((await heard).detail.service.name).to.equal(names[0]);
    await expect(el).to.be.accessible();
  });

  it('pages through an Open Referral UK feed, and takes the feed from <hub-provider>', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<hub-provider directory-url=${`${run.apiBase}/oruk`}
        ><hub-service-finder page-size="5"></hub-service-finder
      ></hub-provider>`,
    );
    const el = must(wrapper.querySelector('hub-service-finder'), 'finder');
    await el.updateComplete;
    await search(el);
    expect(all(el, '.result')).to.have.length(5);
    $(el, '.more').click();
    await waitUntil(() => all(el, '.result').length === 10, 'no more results', { timeout: 8000 });
    await el.updateComplete;
    expect(root(el).activeElement?.id).to.equal('result-5-title');
    expect(new Set(titles(el)).size).to.equal(10);
  });

  it('keeps an Open Referral UK feed’s results when more fail, and Try again gets the next ones', async () => {
    const el = await finder({ feed: true, pageSize: 5 });
    await search(el);
    const firstFive = titles(el);
    const off = run.hub.faults.add({ kind: 'network' });
    $(el, '.more').click();
    await waitUntil(() => root(el).querySelector('[role="alert"]'), 'no failure', { timeout: 8000 });
    expect(titles(el)).to.deep.equal(firstFive);
    off();
    all(el, 'button')
      .find((b) => text(b) === 'Try again')
      ?.click();
    await waitUntil(() => all(el, '.result').length === 10, 'no more results', { timeout: 8000 });
    expect(titles(el).slice(0, 5)).to.deep.equal(firstFive);
    expect(new Set(titles(el)).size).to.equal(10);
    expect(root(el).querySelector('.more')).to.not.equal(null);
  });

  it('says when an Open Referral UK feed cannot be reached', async () => {
    const el = await finder({ feed: true });
    const off = run.hub.faults.add({ kind: 'network' });
    await search(el, { q: 'food' });
    expect(text($(el, '[role="alert"]'))).to.contain('We could not reach the service');
    off();
  });

  it('speaks Welsh', async () => {
    const el = await finder({ lang: 'cy' });
    expect(text($(el, 'label[for="postcode"]'))).to.equal('Cod post');
    expect(text($(el, 'button[type="submit"]'))).to.equal('Chwilio');
    expect(all(el, '#need option').map(text)).to.include('Bwyd');
    await search(el, { postcode: 'N7 6QX' });
    expect(text($(el, '#results-title'))).to.equal('10 gwasanaeth wedi’u canfod');
    expect(live(el)).to.equal('10 gwasanaeth wedi’u canfod');
    expect(text(all(el, '.result__distance')[0])).to.equal('0.6 km i ffwrdd');
    expect(text(all(el, '.result__choose')[0])).to.match(/^Dewis y gwasanaeth hwn: /);
    await expect(el).to.be.accessible();
    await search(el, { postcode: 'dim' });
    expect(text($(el, '.error-summary__title'))).to.equal('Mae problem wedi codi');
    expect(text($(el, '#postcode-error'))).to.contain('Rhowch god post, fel N1 1AA');
    type(el, 'postcode', '');
    run.hub.faults.add({ kind: 'network' });
    await search(el);
    expect(text($(el, '[role="alert"]'))).to.contain('Doedd dim modd cysylltu');
    expect(text($(el, '[role="alert"] button'))).to.equal('Rhowch gynnig arall arni');
    await expect(el).to.be.accessible();
  });

  it('shows an invalid postcode in an error summary and inline, keeping what was typed', async () => {
    const el = await finder();
    await search(el, { q: 'food', postcode: 'not a postcode' });
    const summary = $(el, '.error-summary');
    expect(root(el).activeElement).to.equal(summary);
    expect(text(summary)).to.contain('Enter a postcode, like N1 1AA');
    expect(text($(el, '#postcode-error'))).to.equal('Error: Enter a postcode, like N1 1AA');
    const input = field(el, 'postcode', HTMLInputElement);
    expect(input.value).to.equal('not a postcode');
    expect(field(el, 'q', HTMLInputElement).value).to.equal('food');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.contain('postcode-error');
    expect(all(el, '.result')).to.have.length(0);
    await expect(el).to.be.accessible();
    // The summary's link takes focus to the field.
    $(el, '.error-summary a').click();
    expect(root(el).activeElement).to.equal(input);
  });

  it('shows services for a postcode the hub cannot place, saying they are not in order of distance', async () => {
    const el = await finder();
    await search(el, { postcode: 'ZE1 0AA' });
    expect(root(el).querySelector('#postcode-error')).to.equal(null);
    expect(all(el, '.result').length).to.be.greaterThan(0);
    expect(all(el, '.result__distance')).to.have.length(0);
    expect(text($(el, '.not-placed'))).to.contain('not in order of distance');
    expect(live(el)).to.contain('not in order of distance');
    expect(field(el, 'postcode', HTMLInputElement).value).to.equal('ZE1 0AA');
    await expect(el).to.be.accessible();
    // A postcode it can place: nearest first again, and no such note.
    await search(el, { postcode: 'N7 6QX' });
    expect(root(el).querySelector('.not-placed')).to.equal(null);
  });

  it('puts nothing typed in storage, cookies or the URL', async () => {
    const before = location.href;
    localStorage.clear();
    sessionStorage.clear();
    const el = await finder();
    await search(el, { q: 'pantry', postcode: 'N7 6QX' });
    expect(all(el, '.result').length).to.be.greaterThan(0);
    all(el, '.result__choose')[0]?.click();
    expect(localStorage.length).to.equal(0);
    expect(sessionStorage.length).to.equal(0);
    expect(document.cookie).to.equal('');
    expect(location.href).to.equal(before);
    expect(decodeURIComponent(location.href).toLowerCase()).to.not.contain('pantry');
    expect(decodeURIComponent(location.href).toUpperCase()).to.not.contain('N7');
  });

  it('mirrors in a right-to-left page: the error border is on the inline-start (right) side', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div dir="rtl">
        <hub-service-finder publishable-key=${run.key} api-base=${run.apiBase}></hub-service-finder>
      </div>`,
    );
    const el = must(wrapper.querySelector('hub-service-finder'), 'finder');
    await el.updateComplete;
    await search(el, { postcode: 'nope' });
    const group = must($(el, '#postcode').closest<HTMLElement>('.form-group'), 'form group');
    const style = getComputedStyle(group);
    expect(style.borderRightWidth).to.equal('5px');
    expect(style.borderLeftWidth).to.equal('0px');
    expect(style.paddingRight).to.not.equal('0px');
    const box = $(el, '#postcode').getBoundingClientRect();
    const host = el.getBoundingClientRect();
    // The field starts at the right.
    expect(Math.round(host.right - box.right)).to.be.lessThan(Math.round(box.left - host.left));
    await expect(el).to.be.accessible();
  });

  it('works with the keyboard alone: type, Enter to search, Tab to a result, Enter to choose', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div>
        <button id="before">Before</button>
        <hub-service-finder publishable-key=${run.key} api-base=${run.apiBase}></hub-service-finder>
      </div>`,
    );
    const el = must(wrapper.querySelector('hub-service-finder'), 'finder');
    await el.updateComplete;
    must(wrapper.querySelector<HTMLButtonElement>('#before'), 'button').focus();
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement?.id).to.equal('q');
    await sendKeys({ type: 'pantry' });
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement?.id).to.equal('need');
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement?.id).to.equal('postcode');
    await sendKeys({ type: 'n7 6qx' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => all(el, '.result').length > 0, 'Enter did not search', { timeout: 8000 });
    let steps = 0;
    while (!root(el).activeElement?.classList.contains('result__choose') && steps < 20) {
      await sendKeys({ press: 'Tab' });
      steps += 1;
    }
    expect(root(el).activeElement?.classList.contains('result__choose')).to.equal(true);
    const heard = oneEvent(el, 'hub-service-select');
    await sendKeys({ press: 'Enter' });
    const event = await heard;
    expect(event.detail.service.name).to.equal('Holloway Community Pantry (fictional)');
    await aTimeout(0);
  });

  it('is accessible in the dark theme with results', async () => {
    const el = await fixture<HubServiceFinder>(
      html`<hub-service-finder
        publishable-key=${run.key}
        api-base=${run.apiBase}
        theme="dark"
      ></hub-service-finder>`,
    );
    await search(el, { postcode: 'N7 6QX' });
    expect($(el, '.root').dataset.theme).to.equal('dark');
    await expect(el).to.be.accessible();
  });

  it('says it is not set up without a key, address or feed', async () => {
    const el = await fixture<HubServiceFinder>(html`<hub-service-finder></hub-service-finder>`);
    expect(text($(el, '.notice'))).to.contain('This form is not set up');
    await expect(el).to.be.accessible();
  });
});

describe('<hub-service-finder>: heading-level', () => {
  const tag = (el: HubServiceFinder, selector: string) => $(el, selector).tagName.toLowerCase();

  it('puts the results heading at level 2 and each service at 3 by default', async () => {
    const el = await finder();
    await search(el, { need: 'food' });
    expect(tag(el, '#results-title')).to.equal('h2');
    expect(tag(el, '.result__title')).to.equal('h3');
  });

  it('puts its headings at the level the partner sets, each service one below', async () => {
    const el = await finder();
    el.setAttribute('heading-level', '3');
    await search(el, { need: 'food' });
    expect(tag(el, '#results-title')).to.equal('h3');
    expect(all(el, '.result__title').every((h) => h.tagName === 'H4')).to.equal(true);
    expect(all(el, '.result__title').length).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });
});
