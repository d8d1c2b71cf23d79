/**
 * The ORUK endpoints work out each service's ORUK forms once for each Service object: a
 * directory that answers with the same objects (the hub's store while a service's text stands,
 * or one derivation per version) is not converted again on every request, and a changed service
 * (a new object) is.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Service } from '@hubkit/schema';
import { demoDirectory } from '@hubkit/schema/fixtures';
import { orukEndpoints, type OrukDirectory } from './oruk.ts';

function directoryOf(services: () => readonly Service[]): OrukDirectory {
  return {
    findServices: () => Promise.resolve(services()),
    getService: (id) => Promise.resolve(services().find((s) => s.id === id)),
    pageServices: (_, { offset, limit }) =>
      Promise.resolve({ services: services().slice(offset, offset + limit), total: services().length }),
  };
}

interface Listed {
  contents: { id: string; name?: string; service?: { name: string } }[];
}

async function answer(path: string, directory: OrukDirectory, query = ''): Promise<Listed> {
  const endpoint = orukEndpoints.find((e) => e.path === path);
  assert.ok(endpoint);
  return (await endpoint.answer({
    directory,
    params: new URLSearchParams(query),
    lang: 'en',
    id: undefined,
  })) as Listed;
}

describe('ORUK forms of a service', () => {
  const current = demoDirectory.filter((s) => s.status !== 'defunct');

  for (const [path, query] of [
    ['/services', ''],
    ['/services', 'full=true'],
    ['/service_at_locations', ''],
    ['/service_at_locations', 'full=true'],
  ] as const)
    it(`are worked out once for each Service object: ${path}?${query}`, async () => {
      let services: readonly Service[] = current;
      const directory = directoryOf(() => services);
      const first = (await answer(path, directory, query)).contents[0];
      assert.ok(first);
      // The same object answered again: the same form, not a copy worked out again.
      assert.equal((await answer(path, directory, query)).contents[0], first);

      // A changed service is a new object: its form is worked out from it.
      const [changed, ...rest] = services;
      assert.ok(changed);
      services = [{ ...changed, name: 'Renamed service' }, ...rest];
      const again = (await answer(path, directory, query)).contents[0];
      assert.notEqual(again, first);
      assert.equal(again?.service?.name ?? again?.name, 'Renamed service');
    });

  it('tells the directory once of each object it keeps, to be written out once', async () => {
    const told: object[] = [];
    // Services no other directory has formed yet: the one that forms a service first is told.
    const services = current.map((service) => ({ ...service }));
    const directory = { ...directoryOf(() => services), lasting: (value: object) => told.push(value) };
    const first = await answer('/service_at_locations', directory);
    // Each item on the page is one the directory was told of, once.
    assert.ok(first.contents.every((item) => told.includes(item)));
    assert.equal(new Set(told).size, told.length);
    const count = told.length;
    await answer('/service_at_locations', directory);
    assert.equal(told.length, count);
  });
});
