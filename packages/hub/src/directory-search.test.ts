import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { searchDirectory } from './directory-search.ts';
import type { Service, ServiceLocation } from '@hubkit/schema';
import { hollowayFoodCoop } from '@hubkit/schema/fixtures';
import { distanceKm, locate } from './geo.ts';

let next = 0;
/** A fresh id: the ranking never reads ids, so any well-formed one will do. */
function id(): string {
  next += 1;
  return `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`;
}

/** A place: coordinates, or only a postcode (placed at its district's centre). */
type Place = { latitude: number; longitude: number; postcode?: string } | { postcode: string };

function location(place: Place): ServiceLocation {
  const postcode = place.postcode ?? 'N7 6RR';
  return {
    id: id(),
    address: { line1: '1 High Street', town: 'London', postcode },
    ...('latitude' in place ? { latitude: place.latitude, longitude: place.longitude } : {}),
  };
}

/** A service named `name`, for `areas`, delivered at `places` (none: by phone or online). */
function service(
  name: string,
  areas: string[],
  places: Place[] = [],
  status: Service['status'] = 'active',
): Service {
  return { ...hollowayFoodCoop, id: id(), name, status, areas, locations: places.map(location) };
}

const names = (outcome: ReturnType<typeof searchDirectory>) => {
  assert.ok(outcome.ok, 'the search succeeds');
  return outcome.results.map((r) => r.service.name);
};

// Points in and near the covered districts (see geo.ts): N7 is in Islington, NW10 in Brent.
const N7 = { latitude: 51.5524, longitude: -0.1175 };
const NEAR_N7 = { latitude: 51.556, longitude: -0.12 };
const FURTHER_IN_ISLINGTON = { latitude: 51.528, longitude: -0.0985 };
const NW10 = { latitude: 51.5415, longitude: -0.245 };

describe('searchDirectory', () => {
  it('puts services for the person’s area first, then the rest, each nearest first', () => {
    const services = [
      service('Brent, near', ['Brent'], [NEAR_N7]),
      service('Islington, further', ['Islington'], [FURTHER_IN_ISLINGTON]),
      service('Brent, far', ['Brent'], [NW10]),
      service('Islington, near', ['Islington'], [NEAR_N7]),
    ];
    assert.deepEqual(names(searchDirectory(services, { postcode: 'N7 6QX' })), [
      'Islington, near',
      'Islington, further',
      'Brent, near',
      'Brent, far',
    ]);
  });

  it('gives the distance to the nearest location, to two places, and which location it is', () => {
    const two = service('Two places', ['Islington'], [FURTHER_IN_ISLINGTON, NEAR_N7]);
    const outcome = searchDirectory([two], { postcode: 'N7 6QX' });
    assert.ok(outcome.ok);
    const [result] = outcome.results;
    const origin = locate('N7 6QX');
    assert.ok(origin && result);
    assert.equal(result.nearestLocationId, two.locations[1]?.id);
    assert.equal(result.distanceKm, Math.round(distanceKm(origin, NEAR_N7) * 100) / 100);
    assert.equal(result.distanceKm, Number(result.distanceKm.toFixed(2)));
  });

  it('places a location without coordinates at its postcode district’s centre', () => {
    const byPostcode = service('By postcode', ['Islington'], [{ postcode: 'N1 9EZ' }]);
    const outcome = searchDirectory([byPostcode], { postcode: 'N7 6QX' });
    assert.ok(outcome.ok);
    const origin = locate('N7 6QX');
    const centre = locate('N1 9EZ');
    assert.ok(origin && centre);
    assert.equal(outcome.results[0]?.distanceKm, Math.round(distanceKm(origin, centre) * 100) / 100);
  });

  it('puts phone and online services after those with a place, within each group', () => {
    const services = [
      service('Islington phone line', ['Islington']),
      service('Brent phone line', ['Brent']),
      service('Brent, near', ['Brent'], [NEAR_N7]),
      service('Islington, further', ['Islington'], [FURTHER_IN_ISLINGTON]),
    ];
    const outcome = searchDirectory(services, { postcode: 'N7 6QX' });
    assert.deepEqual(names(outcome), [
      'Islington, further',
      'Islington phone line',
      'Brent, near',
      'Brent phone line',
    ]);
    assert.ok(outcome.ok);
    assert.deepEqual(
      outcome.results.map((r) => r.distanceKm === null),
      [false, true, false, true],
    );
    assert.equal(outcome.results[1]?.nearestLocationId, null);
  });

  it('keeps the given order where services are as near and in the same group', () => {
    const services = [
      service('First line', ['Islington']),
      service('Second line', ['Islington']),
      service('First at N7', ['Islington'], [N7]),
      service('Second at N7', ['Islington'], [N7]),
    ];
    assert.deepEqual(names(searchDirectory(services, { postcode: 'N7 6QX' })), [
      'First at N7',
      'Second at N7',
      'First line',
      'Second line',
    ]);
  });

  it('within a radius, keeps located services inside it and placeless ones that serve the person’s area', () => {
    const services = [
      service('Islington, near', ['Islington'], [NEAR_N7]),
      service('Brent, near', ['Brent'], [NEAR_N7]),
      service('Brent, far', ['Brent'], [NW10]),
      service('Islington, further', ['Islington'], [FURTHER_IN_ISLINGTON]),
      service('Islington phone line', ['Islington']),
      service('Brent phone line', ['Brent']),
    ];
    const within = searchDirectory(services, { postcode: 'N7 6QX', radiusKm: 1 });
    assert.deepEqual(names(within), ['Islington, near', 'Islington phone line', 'Brent, near']);
    const wider = searchDirectory(services, { postcode: 'N7 6QX', radiusKm: 5 });
    assert.deepEqual(names(wider), [
      'Islington, near',
      'Islington, further',
      'Islington phone line',
      'Brent, near',
    ]);
    assert.ok(wider.ok);
    for (const r of wider.results) assert.ok(r.distanceKm === null || r.distanceKm <= 5);
  });

  it('counts a service at exactly the radius as within it', () => {
    const at = service('At N7', ['Brent'], [NEAR_N7]);
    const outcome = searchDirectory([at], { postcode: 'N7 6QX' });
    assert.ok(outcome.ok);
    const km = outcome.results[0]?.distanceKm ?? NaN;
    assert.deepEqual(names(searchDirectory([at], { postcode: 'N7 6QX', radiusKm: km })), ['At N7']);
    assert.deepEqual(names(searchDirectory([at], { postcode: 'N7 6QX', radiusKm: km - 0.01 })), []);
  });

  it('leaves defunct services out, with a postcode and without', () => {
    const services = [
      service('Closed for good', ['Islington'], [N7], 'defunct'),
      service('Closed for now', ['Islington'], [N7], 'temporarily closed'),
      service('Open', ['Islington'], [NEAR_N7]),
    ];
    assert.deepEqual(names(searchDirectory(services, { postcode: 'N7 6QX' })), ['Closed for now', 'Open']);
    assert.deepEqual(names(searchDirectory(services)), ['Closed for now', 'Open']);
  });

  it('keeps the order and gives no distances without a postcode', () => {
    const services = [
      service('B', ['Brent'], [NW10]),
      service('A', ['Islington'], [N7]),
      service('C', ['Bury']),
    ];
    const outcome = searchDirectory(services, {});
    assert.deepEqual(names(outcome), ['B', 'A', 'C']);
    assert.ok(outcome.ok);
    assert.ok(outcome.results.every((r) => r.distanceKm === null && r.nearestLocationId === null));
  });

  it('answers a real postcode outside the districts it knows as without one, and says so; refuses what is not a postcode', () => {
    const services = [service('Open', ['Islington'], [N7]), service('Phone', ['Bury'], [])];
    for (const where of [{ postcode: 'SW1A 1AA' }, { postcode: 'ZE1 0AA', radiusKm: 1 }]) {
      assert.deepEqual(searchDirectory(services, where), {
        ...searchDirectory(services, {}),
        distances: 'postcode_not_found',
      });
    }
    const none = searchDirectory(services, {});
    assert.equal(none.ok && none.distances, 'no_postcode');
    const near = searchDirectory(services, { postcode: 'N7 6QX' });
    assert.equal(near.ok && near.distances, 'from_postcode');
    assert.deepEqual(searchDirectory(services, { postcode: 'not a postcode' }), {
      ok: false,
      reason: 'postcode_not_found',
    });
  });

  it('refuses a radius without a postcode, before anything else', () => {
    assert.deepEqual(searchDirectory([service('Open', ['Islington'], [N7])], { radiusKm: 2 }), {
      ok: false,
      reason: 'radius_without_postcode',
    });
    assert.deepEqual(searchDirectory([], { radiusKm: 2, postcode: '' }), {
      ok: false,
      reason: 'radius_without_postcode',
    });
  });

  it('finds nothing in an empty directory, and is not thrown by a location it cannot place', () => {
    assert.deepEqual(searchDirectory([], { postcode: 'N7 6QX' }), {
      ok: true,
      results: [],
      distances: 'from_postcode',
    });
    const unplaceable = service('Somewhere else', ['Islington'], [{ postcode: 'SW1A 1AA' }]);
    const outcome = searchDirectory([unplaceable, service('Here', ['Islington'], [N7])], {
      postcode: 'N7 6QX',
    });
    assert.deepEqual(names(outcome), ['Here', 'Somewhere else']);
    assert.ok(outcome.ok);
    assert.equal(outcome.results[1]?.distanceKm, null);
    assert.deepEqual(names(searchDirectory([unplaceable], { postcode: 'N7 6QX', radiusKm: 50 })), []);
  });
});
