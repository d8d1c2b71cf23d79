/**
 * The Open Referral UK read endpoints of the mock hub: public, in HSDS 3.0's page envelope,
 * built with the schema's ORUK module as the hub builds them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryStore } from '@hubkit/hub';
import { demoDirectory, homesAndMoneyHub } from '@hubkit/schema/fixtures';
import {
  OrukPageInput,
  serviceAtLocationItems,
  serviceToOruk,
  serviceToOrukListItem,
  taxonomyTermId,
  type OrukPage,
  type OrukServiceAtLocationListItem,
  type OrukServiceListItem,
} from '@hubkit/schema/oruk';
import { useMockHub } from './testing/harness.ts';

const { call, mock } = useMockHub();
const get = <T = any>(path: string) => call<T>('GET', `/oruk${path}`, { key: null });
const byName = [...demoDirectory].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

describe('Open Referral UK', () => {
  it('says which version of HSDS it speaks, publicly', async () => {
    for (const path of ['', '/']) {
      const info = await get(path);
      assert.equal(info.status, 200);
      assert.equal(info.body.version, '3.0');
      assert.equal(info.headers.get('access-control-allow-origin'), '*');
      assert.equal(info.headers.get('cache-control'), 'public, max-age=300');
    }
  });

  it('lists services in the page envelope, page by page', async () => {
    const page = await get<OrukPage<OrukServiceListItem>>('/services?per_page=10&page=2');
    assert.equal(page.status, 200);
    assert.ok(OrukPageInput.safeParse(page.body).success);
    assert.deepEqual(
      { ...page.body, contents: page.body.contents.length },
      {
        total_items: demoDirectory.length,
        total_pages: Math.ceil(demoDirectory.length / 10),
        page_number: 2,
        size: 10,
        first_page: false,
        last_page: false,
        empty: false,
        contents: 10,
      },
    );
    assert.deepEqual(page.body.contents, byName.slice(10, 20).map(serviceToOrukListItem));
    const last = await get<OrukPage<unknown>>(
      `/services?per_page=10&page=${Math.ceil(demoDirectory.length / 10)}`,
    );
    assert.equal(last.body.last_page, true);
    const beyond = await get<OrukPage<unknown>>('/services?per_page=10&page=99');
    assert.equal(beyond.body.empty, true);
  });

  it('gives one service fully nested, and 404 for an unknown or malformed id', async () => {
    const one = await get(`/services/${homesAndMoneyHub.id}`);
    assert.deepEqual(one.body, serviceToOruk(homesAndMoneyHub));
    const unknown = await get(`/services/${crypto.randomUUID()}`);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.headers.get('cache-control'), 'no-store');
    assert.equal((await get('/services/not-an-id')).status, 404);
  });

  it('lists each service’s locations nearest first to a postcode within a proximity', async () => {
    const near = await get<OrukPage<OrukServiceAtLocationListItem>>(
      '/service_at_locations?postcode=N7%206QX&proximity=2000',
    );
    assert.equal(near.status, 200);
    assert.ok(near.body.total_items > 0);
    const islington = demoDirectory.filter((s) => s.areas.includes('Islington'));
    const ids = new Set(islington.flatMap((s) => serviceAtLocationItems(s).map((i) => i.id)));
    for (const item of near.body.contents) assert.ok(ids.has(item.id), item.id);
  });

  it('lists organisations, taxonomies and terms', async () => {
    const organisations = await get<OrukPage<{ name: string }>>('/organizations?per_page=1000');
    const names = organisations.body.contents.map((o) => o.name);
    assert.deepEqual(names, [...names].sort());
    assert.equal(new Set(names).size, names.length);
    const taxonomies = await get<OrukPage<unknown>>('/taxonomies');
    assert.ok(taxonomies.body.total_items > 0);
    const terms = await get<OrukPage<{ name: string }>>('/taxonomy_terms?search=housing');
    assert.ok(terms.body.contents.some((t) => /housing/i.test(t.name)));
  });

  it('refuses parameters it cannot answer with 400 naming each, and writes with 405', async () => {
    const bad = await get('/services?per_page=0&format=csv&taxonomy_id=x');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'invalid_query');
    assert.deepEqual(bad.body.errors.map((e: { path: string }) => e.path).sort(), [
      '/format',
      '/per_page',
      '/taxonomy_id',
    ]);
    const post = await call('POST', '/oruk/services', { key: null, body: {} });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET, HEAD, OPTIONS');
    assert.equal((await get('/nowhere/at/all')).status, 404);
  });
});

describe('Open Referral UK as the directory changes', () => {
  it('answers from the services as they are now: a service seeded with a new organisation and a new taxonomy term shows at the next request', async () => {
    const term = { taxonomy: 'quayside-own', code: 'moved', name: 'Moved (fictional)' };
    const termId = taxonomyTermId(term.taxonomy, term.code);
    const first = demoDirectory[0];
    assert.ok(first);
    const organisation = {
      id: '3f0c6b1e-8a2d-4c5e-9b7f-1d2e3a4b5c6d',
      name: 'Quayside Moved Trust (fictional)',
    };
    const listed = async (path: string) =>
      (await get<OrukPage<{ id: string }>>(`${path}?per_page=100`)).body.contents.map((item) => item.id);
    // Read first, so that what the endpoints keep is of the directory before the change.
    assert.ok(!(await listed('/organizations')).includes(organisation.id));
    assert.ok(!(await listed('/taxonomy_terms')).includes(termId));

    mock.seed.service({ ...first, organisation, taxonomyTerms: [...first.taxonomyTerms, term] });

    assert.ok((await listed('/organizations')).includes(organisation.id));
    assert.ok((await listed('/taxonomy_terms')).includes(termId));
    assert.equal((await get(`/taxonomy_terms/${termId}`)).status, 200);
    const nested = await get(`/organizations/${organisation.id}`);
    assert.equal(nested.status, 200);
    assert.deepEqual(
      nested.body.services.map((s: { id: string }) => s.id),
      [first.id],
    );
  });

  it('the memory store moves its version with every write to the services, and not with a read', async () => {
    const store = new MemoryStore(demoDirectory);
    const first = demoDirectory[0];
    assert.ok(first);
    const start = await store.servicesVersion();
    await store.findServices({ q: undefined, need: undefined });
    assert.equal(await store.servicesVersion(), start);
    await store.upsertService({ ...first, name: 'Renamed (fictional)' });
    const afterOne = await store.servicesVersion();
    assert.notEqual(afterOne, start);
    await store.upsertServices([{ ...first, status: 'defunct' }]);
    const afterTwo = await store.servicesVersion();
    assert.notEqual(afterTwo, afterOne);
    store.reset();
    assert.notEqual(await store.servicesVersion(), afterTwo);
  });
});
