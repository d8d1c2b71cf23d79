/**
 * The directory reader on a publisher of the first-generation Open Referral UK API: its own page
 * envelope and nested services (a fixture written from that API's published description).
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { firstGenerationPages, firstGenerationServices } from '@hubkit/schema/fixtures';
import { readOrukService } from '@hubkit/schema/oruk';
import { createDirectoryReader } from './directory.ts';

describe('createDirectoryReader against a first-generation ORUK publisher', () => {
  const asked: string[] = [];
  let base = '';
  let close = () => undefined as unknown;
  before(async () => {
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://publisher');
      asked.push(`${url.pathname}?page=${url.searchParams.get('page') ?? ''}`);
      const page = firstGenerationPages[Number(url.searchParams.get('page') ?? '1') - 1];
      response.writeHead(page ? 200 : 404, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(page ?? {}));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
    close = () => server.close();
  });
  after(() => close());

  it('reads every page to the last, each nested service as the schema reads it, none fetched alone', async () => {
    const services = [];
    for await (const service of createDirectoryReader(base).search()) services.push(service);
    const expected = firstGenerationServices.map((s) => {
      const read = readOrukService(s);
      assert.ok(read.success);
      return read.data;
    });
    assert.deepEqual(services, expected);
    assert.deepEqual(
      asked.filter((a) => a.startsWith('/api/services')),
      ['/api/services?page=1', '/api/services?page=2'],
    );
  });
});
