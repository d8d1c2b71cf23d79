/**
 * The reference data imports: the ONS Postcode Directory, on a small CSV written from ONSPD's
 * published column descriptions; Open Referral UK feeds of both generations, from a file and
 * over HTTP page by page, each run twice to show it adds nothing the second time.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { demoDirectory, firstGenerationPages } from '@hubkit/schema/fixtures';
import { asUuid } from '@hubkit/schema/oruk';
import { ImportError, csvFields, importDirectory, importPostcodes } from './imports.ts';
import { openStore } from './store/open.ts';
import type { TestHub } from './testing/hub.ts';
import { forEachEngine } from './testing/engines.ts';

const dir = mkdtempSync(join(tmpdir(), 'hubkit-imports-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

/**
 * ONSPD's layout: a header row of its column names, one postcode a row, every field quoted.
 * `pcd` is the 7-character form, `pcd2` the 8-character one, `pcds` the one-space form;
 * `doterm` is set for a terminated postcode; `lat`/`long` are WGS84, and 99.999999/0.000000
 * mark a postcode with no grid reference (`osgrdind` 9).
 */
const ONSPD_HEADER = 'pcd,pcd2,pcds,dointr,doterm,oslaua,oseast1m,osnrth1m,osgrdind,ctry,lat,long';
const onspdRow = (
  pcds: string,
  lat: string,
  long: string,
  extra: { doterm?: string; grid?: string } = {},
) => {
  const [out = '', inward = ''] = pcds.split(' ');
  return [
    `${out}${' '.repeat(7 - out.length - inward.length)}${inward}`,
    `${out.padEnd(5)}${inward}`,
    pcds,
    '199001',
    extra.doterm ?? '',
    'E07000008',
    '545460',
    '258071',
    extra.grid ?? '1',
    'E92000001',
    lat,
    long,
  ]
    .map((field) => `"${field}"`)
    .join(',');
};

forEachEngine((engine) => {
  describe('postcodes import (ONSPD)', () => {
    const file = join(dir, 'onspd.csv');
    before(() => {
      writeFileSync(
        file,
        [
          `\uFEFF${ONSPD_HEADER}`,
          onspdRow('CB1 2AD', '52.200800', '0.136200'),
          onspdRow('CB2 3QJ', '52.205300', '0.118900', { doterm: '202104' }),
          onspdRow('N1 9GU', '51.534400', '-0.125600'),
          onspdRow('ZZ99 3WZ', '99.999999', '0.000000', { grid: '9' }),
          '',
        ].join('\r\n'),
      );
    });

    it('reads quoted CSV fields', () => {
      assert.deepEqual(csvFields('"a, b","say ""hi""",,3'), ['a, b', 'say "hi"', '', '3']);
    });

    it('loads every placed postcode, again without duplicates, and the hub then places them', async () => {
      const store = await openStore(await engine.database());
      try {
        assert.deepEqual(await importPostcodes(store, file), { loaded: 3, skipped: 1 });
        assert.deepEqual(await importPostcodes(store, file), { loaded: 3, skipped: 1 });
        assert.equal(await store.countPostcodes(), 3);
        for (const service of demoDirectory) await store.upsertService(service, '2026-01-01T00:00:00Z');
        // Cambridge is outside the demo's districts: placed now, so the results are by distance.
        const page = await store.searchServices({ postcode: 'cb1 2ad' }, { offset: 0, limit: 3 });
        assert.equal(page.distances, 'from_postcode');
        assert.ok(page.results.every((r) => r.distanceKm === null || r.distanceKm > 50));
        const unknown = await store.searchServices({ postcode: 'CB4 1AA' }, { offset: 0, limit: 3 });
        assert.equal(unknown.distances, 'postcode_not_found');
      } finally {
        await store.close();
      }
    });

    it('refuses a file that is not ONSPD, saying so', async () => {
      const other = join(dir, 'other.csv');
      writeFileSync(other, 'Postcode,Eastings,Northings\n"CB1 2AD",545460,258071\n');
      const store = await openStore(await engine.database());
      try {
        await assert.rejects(importPostcodes(store, other), (error: unknown) => {
          assert.ok(error instanceof ImportError);
          assert.match(error.message, /pcds, lat and long/);
          return true;
        });
        assert.equal(await store.countPostcodes(), 0);
      } finally {
        await store.close();
      }
    });
  });

  describe('directory import (Open Referral UK)', () => {
    let publisher: { url: string; asked: string[]; close: () => void };
    let hub: TestHub;

    before(async () => {
      // A first-generation publisher: its own envelope, pages counted from 1, services nested.
      const asked: string[] = [];
      const server = createServer((request, response) => {
        const url = new URL(request.url ?? '/', 'http://publisher');
        asked.push(`${url.pathname}?page=${url.searchParams.get('page') ?? ''}`);
        const page = firstGenerationPages[Number(url.searchParams.get('page') ?? '1') - 1];
        response.writeHead(page ? 200 : 404, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(page ?? { error: 'no such page' }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      publisher = {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`,
        asked,
        close: () => server.close(),
      };
      hub = await engine.testHub();
    });
    after(async () => {
      publisher.close();
      await hub.close();
    });

    it('imports a first-generation feed page by page, and again without duplicates', async () => {
      const store = await openStore(await engine.database());
      // The indexes are merged once, after the last batch.
      let optimized = 0;
      const optimize = store.optimizeDirectory.bind(store);
      store.optimizeDirectory = () => {
        optimized += 1;
        return optimize();
      };
      try {
        const first = await importDirectory(store, publisher.url, { at: '2026-01-01T00:00:00Z' });
        assert.deepEqual([first.imported, first.skipped, first.pages], [3, 0, 2]);
        assert.deepEqual(publisher.asked, ['/api/services?page=1', '/api/services?page=2']);
        assert.equal(optimized, 1);
        await importDirectory(store, publisher.url, { at: '2026-01-02T00:00:00Z' });
        assert.equal(await store.countServices(), 3);
        const food = await store.listServices({ q: 'food bank' }, { offset: 0, limit: 5 });
        assert.deepEqual(
          food.map((s) => s.id),
          [asUuid('fen-101')],
        );
        const needs = await store.listServices({ need: 'loneliness_isolation' }, { offset: 0, limit: 5 });
        assert.deepEqual(
          needs.map((s) => s.name),
          ['Tuesday Lunch Club'],
        );
      } finally {
        await store.close();
      }
    });

    it('imports an HSDS 3.0 feed (a hub’s own /oruk) to the same services', async () => {
      const store = await openStore(await engine.database());
      try {
        const report = await importDirectory(store, `${hub.url}/oruk`, { perPage: 7 });
        const current = demoDirectory.filter((s) => s.status !== 'defunct');
        assert.equal(report.imported, current.length);
        assert.ok(report.pages > 1);
        for (const service of current) assert.deepEqual(await store.getService(service.id), service);
      } finally {
        await store.close();
      }
    });

    it('imports a file holding one page, and refuses one holding neither a page nor services', async () => {
      const feed = join(dir, 'feed.json');
      writeFileSync(feed, JSON.stringify(firstGenerationPages[0]));
      const junk = join(dir, 'junk.json');
      writeFileSync(junk, JSON.stringify({ hello: 'world' }));
      const store = await openStore(await engine.database());
      try {
        assert.equal((await importDirectory(store, feed)).imported, 2);
        await assert.rejects(importDirectory(store, junk), ImportError);
        await assert.rejects(importDirectory(store, join(dir, 'missing.json')), { code: 'ENOENT' });
      } finally {
        await store.close();
      }
    });
  });
});
