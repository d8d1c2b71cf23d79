/**
 * A generated directory for tests of the stores' directory indexes: variants of the demo
 * directory with words shared across names and descriptions, several areas, needs, places,
 * places only by postcode, no places, closed services; and the searches to run over it.
 */
import assert from 'node:assert/strict';
import { NEED_CODES, type Service } from '@hubkit/schema';
import { demoDirectory } from '@hubkit/schema/fixtures';

/** A small seeded generator, so a failure can be run again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const WORDS = [
  'food bank',
  'foodbank',
  'families',
  'family',
  'counselling',
  'debt advice',
  'boxes',
  'box',
  'children’s centre',
  'Café',
  'lunch club',
  'benefits',
  'housing',
  'mental health',
  'carers',
  'Cymorth',
  'bwyd',
  'advice',
  'youth',
  'employment',
  'food',
  'bank',
];
export const POSTCODES = [
  'N1 1AA',
  'N7 6PA',
  'NW10 4AB',
  'IG11 7QJ',
  'BL9 0AA',
  'M45 6AB',
  'SW1A 1AA',
  'EC1V 2NX',
];

/** Variants of the demo directory: other names and words, places, areas and states. */
export function generatedDirectory(count: number): Service[] {
  const next = random(14);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const from = demoDirectory.at(i % demoDirectory.length);
    assert.ok(from);
    const service = JSON.parse(JSON.stringify(from)) as Service;
    service.id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    service.name = `${pick(WORDS)} ${pick(WORDS)} ${i % 7 === 0 ? from.name : ''}`.trim();
    service.description = `${pick(WORDS)} and ${pick(WORDS)}. ${from.description}`;
    service.needs = [pick(NEED_CODES), ...(next() < 0.5 ? [pick(NEED_CODES)] : [])].filter(
      (need, at, all) => all.indexOf(need) === at,
    );
    service.status = next() < 0.1 ? 'defunct' : 'active';
    service.areas = next() < 0.2 ? [] : [pick(['Islington', 'Brent', 'Barking and Dagenham', 'Bury'])];
    const located = next();
    service.locations = service.locations.slice(0, 1).map((location) => ({
      ...location,
      ...(located < 0.6
        ? { latitude: 51.3 + next() * 2.5, longitude: -2.5 + next() * 2.7 }
        : { latitude: undefined, longitude: undefined }),
      address: { ...location.address, postcode: located < 0.8 ? pick(POSTCODES) : 'TR1 1AA' },
    }));
    if (located > 0.9) service.locations = [];
    for (const location of service.locations) {
      if (location.latitude === undefined) delete location.latitude;
      if (location.longitude === undefined) delete location.longitude;
    }
    return service;
  });
}

export const QUERIES = [
  undefined,
  'food',
  'foodbank',
  'food bank',
  'food banks',
  'families',
  'famil',
  'box',
  'boxes',
  'childrens',
  'cafe',
  'debt advice',
  'advice debt',
  'lunchclub',
  'bwyd',
  'cymorth bwyd',
  'x',
  'zzz',
  'mental health carers',
  'Bury',
  // Four words and more: scored a word at a time (one that matches, one that does not).
  'food bank food banks',
  'advice lunch club mental health bwyd cymorth',
];
