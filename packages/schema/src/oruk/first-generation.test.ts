/**
 * The first-generation Open Referral UK API read through the same mapping as HSDS 3.0, on a feed
 * written from that API's published description.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstGenerationPages, firstGenerationServices } from '../fixtures/oruk-first-generation.ts';
import { fromFirstGeneration, isFirstGenerationPage, isFirstGenerationService } from './first-generation.ts';
import { asUuid, readOrukService } from './from-oruk.ts';
import { fromOrukPage } from './page.ts';

const [foodBank, money, lunch] = firstGenerationServices;

function read(service: unknown) {
  const result = readOrukService(service);
  assert.ok(result.success, JSON.stringify(result.errors));
  return result.data;
}

describe('the first-generation ORUK API', () => {
  it('tells the generations apart from the payload', () => {
    assert.ok(isFirstGenerationService(foodBank));
    assert.ok(isFirstGenerationPage(firstGenerationPages[0]));
    const hsds3 = { id: 'x', name: 'X', status: 'active', attributes: [], schedules: [] };
    assert.equal(isFirstGenerationService(hsds3), false);
    assert.equal(fromFirstGeneration(hsds3), hsds3);
    assert.equal(isFirstGenerationPage({ contents: [], total_items: 0 }), false);
  });

  it('reads its paging envelope: counts, and the page after each', () => {
    const [first, second] = firstGenerationPages.map((page) => {
      const read = fromOrukPage(page);
      assert.ok(read.success);
      return read.data;
    });
    assert.deepEqual(
      [first?.items.length, first?.totalItems, first?.totalPages, first?.page, first?.nextPage],
      [2, 3, 2, 1, 2],
    );
    assert.deepEqual([second?.items.length, second?.lastPage, second?.nextPage], [1, true, null]);
  });

  it('reads a service: ids from the publisher’s, needs from esdNeeds, times, places, ages, phones', () => {
    const service = read(foodBank);
    assert.equal(service.id, asUuid('fen-101'));
    assert.equal(service.name, 'Fenmarsh Community Food Bank');
    assert.equal(service.organisation.name, 'Fenmarsh Food Bank Trust');
    assert.ok(service.needs.includes('food'));
    assert.deepEqual(
      service.taxonomyTerms.map((t) => [t.taxonomy, t.code, t.name]),
      [
        ['esdNeeds', 'esdNeeds:1029', 'Food banks'],
        ['esdCircumstances', 'esdCircumstances:58', 'Low income'],
      ],
    );
    assert.deepEqual(
      service.openingTimes.map((t) => [t.byDay, t.opensAt, t.closesAt]),
      [
        [['TU'], '10:00', '13:00'],
        [['TH'], '17:00', '19:00'],
      ],
    );
    assert.equal(service.locations.length, 1);
    assert.equal(service.locations.at(0)?.address.postcode, 'CB1 2AD');
    assert.equal(service.locations.at(0)?.latitude, 52.2053);
    assert.equal(service.locations.at(0)?.accessibility, 'Step-free access');
    assert.equal(service.eligibility?.minimumAge, 18);
    assert.deepEqual(service.areas, ['Fenmarsh']);
    assert.ok(service.phones.some((p) => p.number.endsWith('1632960001')));
  });

  it('reads schedules kept under a location, and services with no place', () => {
    const advice = read(money);
    assert.ok(advice.needs.includes('money_debt'));
    assert.equal(advice.locations.at(0)?.address.postcode, 'CB2 3QJ');
    assert.equal(advice.locations.at(0)?.latitude, undefined);
    assert.deepEqual(advice.languages.sort(), ['en', 'pl']);
    const club = read(lunch);
    assert.ok(club.needs.includes('food'));
    assert.ok(club.needs.includes('loneliness_isolation'));
    assert.deepEqual(club.locations, []);
    assert.equal(club.eligibility?.minimumAge, 60);
  });
});
