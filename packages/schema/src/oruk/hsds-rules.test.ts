/**
 * What hubkit writes meets HSDS 3.0's rules, as its schema files say them (schema/*.json and
 * schema/compiled/*_list.json of openreferral/specification): required fields, UUID ids, enum
 * values, and list items with one-to-one fields only.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { needCodes } from '../codelists.ts';
import { demoDirectory } from '../fixtures/directory.ts';
import { services } from '../fixtures/services.ts';
import type { Service } from '../service.ts';
import {
  organizationsOf,
  serviceAtLocationDetails,
  serviceAtLocationItems,
  serviceToOruk,
  serviceToOrukListItem,
} from './to-oruk.ts';
import type { OrukService } from './types.ts';
import { orukToService } from './from-oruk.ts';
import { hubkitTaxonomyTerms, orukTaxonomies, orukTaxonomyTerms } from './vocabularies.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'];
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

type Json = Record<string, unknown>;

function asObject(value: unknown, where: string): Json {
  assert.ok(
    typeof value === 'object' && value !== null && !Array.isArray(value),
    `${where} is not an object`,
  );
  return value as Json;
}

function asList(value: unknown, where: string): unknown[] {
  assert.ok(Array.isArray(value), `${where} is not a list`);
  return value;
}

/** HSDS's `required` for each object, from its schema file. */
const required = {
  service: ['id', 'name', 'status'],
  organization: ['id', 'name', 'description'],
  organization_identifier: ['id', 'identifier_type', 'identifier'],
  phone: ['id', 'number'],
  schedule: ['id'],
  service_area: ['id'],
  service_at_location: ['id'],
  location: ['id', 'location_type'],
  address: ['id', 'address_1', 'city', 'state_province', 'postal_code', 'country', 'address_type'],
  accessibility: ['id'],
  language: ['id'],
  cost_option: ['id'],
  attribute: ['id'],
  taxonomy_term: ['id', 'name', 'description'],
  taxonomy: ['id', 'name', 'description'],
} as const;

function hasRequired(object: Json, kind: keyof typeof required, where: string): void {
  for (const key of required[kind]) {
    assert.ok(object[key] !== undefined && object[key] !== null, `${where} (${kind}) lacks ${key}`);
    // An empty string is not a value: a placeholder says nothing a reader can use.
    const value = object[key];
    if (typeof value === 'string')
      assert.notEqual(value.trim(), '', `${where} (${kind}) has an empty ${key}`);
  }
}

/** Every `id` and `…_id` anywhere in `value` is a UUID (HSDS 3.0: `"format": "uuid"`). */
function idsAreUuids(value: unknown, where: string): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      idsAreUuids(item, `${where}/${i}`);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'id' || key.endsWith('_id')) assert.match(String(child), UUID, `${where}/${key}`);
      idsAreUuids(child, `${where}/${key}`);
    }
  }
}

/** A list item carries one-to-one fields only: no list anywhere in it. */
function oneToOneOnly(value: unknown, where: string): void {
  assert.ok(!Array.isArray(value), `${where} is a list`);
  if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) oneToOneOnly(child, `${where}/${key}`);
  }
}

function checkSchedule(value: unknown, where: string): void {
  const schedule = asObject(value, where);
  hasRequired(schedule, 'schedule', where);
  assert.ok(['WEEKLY', 'MONTHLY'].includes(String(schedule.freq)), `${where}/freq`);
  for (const day of String(schedule.byday).split(','))
    assert.ok(WEEKDAYS.includes(day), `${where}/byday ${day}`);
  assert.match(String(schedule.opens_at), /^\d{2}:\d{2}$/, `${where}/opens_at`);
  assert.match(String(schedule.closes_at), /^\d{2}:\d{2}$/, `${where}/closes_at`);
}

function checkTerm(value: unknown, where: string): Json {
  const term = asObject(value, where);
  hasRequired(term, 'taxonomy_term', where);
  const taxonomy = asObject(term.taxonomy_detail, `${where}/taxonomy_detail`);
  hasRequired(taxonomy, 'taxonomy', `${where}/taxonomy_detail`);
  assert.equal(term.taxonomy_id, taxonomy.id, `${where}/taxonomy_id`);
  assert.equal(term.taxonomy, taxonomy.name, `${where}/taxonomy`);
  return term;
}

/**
 * Checks a fully nested service against HSDS 3.0; returns the ids of the objects it holds, each
 * with its owner: the service, or (for addresses and accessibility) the location.
 */
function checkService(oruk: OrukService, where: string): (readonly [owner: string, id: string])[] {
  const service = asObject(oruk, where);
  hasRequired(service, 'service', where);
  assert.ok(STATUSES.includes(String(service.status)), `${where}/status`);
  idsAreUuids(service, where);
  const ids: (readonly [owner: string, id: string])[] = [];
  const child = (list: string, kind: keyof typeof required, each?: (o: Json, at: string) => void) => {
    asList(service[list], `${where}/${list}`).forEach((item, i) => {
      const at = `${where}/${list}/${i}`;
      const object = asObject(item, at);
      hasRequired(object, kind, at);
      ids.push([oruk.id, String(object.id)]);
      each?.(object, at);
    });
  };

  const organization = asObject(service.organization, `${where}/organization`);
  hasRequired(organization, 'organization', `${where}/organization`);
  assert.equal(service.organization_id, organization.id, `${where}/organization_id`);
  asList(organization.organization_identifiers, `${where}/organization/organization_identifiers`).forEach(
    (item, i) => {
      hasRequired(
        asObject(item, 'identifier'),
        'organization_identifier',
        `${where}/organization/organization_identifiers/${i}`,
      );
    },
  );

  child('phones', 'phone', (o, at) => {
    assert.equal(o.service_id, oruk.id, `${at}/service_id`);
  });
  child('schedules', 'schedule', (o, at) => {
    checkSchedule(o, at);
    assert.equal(o.service_id, oruk.id, `${at}/service_id`);
  });
  child('service_areas', 'service_area');
  child('languages', 'language');
  child('cost_options', 'cost_option');
  child('attributes', 'attribute', (o, at) => {
    const term = checkTerm(o.taxonomy_term, `${at}/taxonomy_term`);
    assert.equal(o.taxonomy_term_id, term.id, `${at}/taxonomy_term_id`);
    assert.equal(o.link_id, oruk.id, `${at}/link_id`);
    assert.equal(o.link_entity, 'service', `${at}/link_entity`);
  });
  child('service_at_locations', 'service_at_location', (sal, at) => {
    assert.equal(sal.service_id, oruk.id, `${at}/service_id`);
    const location = asObject(sal.location, `${at}/location`);
    hasRequired(location, 'location', `${at}/location`);
    assert.equal(sal.location_id, location.id, `${at}/location_id`);
    assert.ok(
      ['physical', 'postal', 'virtual'].includes(String(location.location_type)),
      `${at}/location_type`,
    );
    asList(location.addresses, `${at}/location/addresses`).forEach((item, i) => {
      const address = asObject(item, 'address');
      const where2 = `${at}/location/addresses/${i}`;
      hasRequired(address, 'address', where2);
      assert.match(String(address.country), /^[A-Z]{2}$/, `${where2}/country`);
      assert.ok(
        ['physical', 'postal', 'virtual'].includes(String(address.address_type)),
        `${where2}/address_type`,
      );
      assert.equal(address.location_id, location.id, `${where2}/location_id`);
      ids.push([String(location.id), String(address.id)]);
    });
    asList(location.accessibility, `${at}/location/accessibility`).forEach((item, i) => {
      const accessibility = asObject(item, 'accessibility');
      hasRequired(accessibility, 'accessibility', `${at}/location/accessibility/${i}`);
      ids.push([String(location.id), String(accessibility.id)]);
    });
    if (sal.schedules !== undefined) {
      asList(sal.schedules, `${at}/schedules`).forEach((item, i) => {
        checkSchedule(item, `${at}/schedules/${i}`);
        assert.equal(asObject(item, 'schedule').service_at_location_id, sal.id);
        ids.push([oruk.id, String(asObject(item, 'schedule').id)]);
      });
    }
  });
  return ids;
}

/** A service that uses every part of the mapping at once. */
const everything: Service = {
  ...services[0],
  id: '7c4d9b8f-1a0e-4f5b-8c3d-2e9f8a7b0c13',
  taxonomyTerms: [
    { taxonomy: 'esd-service-types', code: '1054', name: 'Housing advice' },
    { taxonomy: 'esd-needs', code: '12', name: 'Debt' },
  ],
  locations: [
    ...services[0].locations,
    {
      id: '8d5e0c9a-2b1f-4a6c-9d4e-3f0a9b8c1d24',
      address: {
        line1: '9 Side Street',
        line2: 'Upstairs',
        town: 'Barking',
        county: 'Essex',
        postcode: 'IG11 8AA',
      },
      openingTimes: [],
    },
  ],
  cost: { free: false, description: '£2 a session' },
};

const all: readonly Service[] = [...services, everything];

describe('HSDS 3.0 rules for what hubkit writes', () => {
  it('gives a fully nested service every required field, UUID ids and valid enums', () => {
    for (const service of all) checkService(serviceToOruk(service), service.name);
  });

  it('gives each child object its own id, different from every other service’s', () => {
    const owners = new Map<string, string>();
    for (const service of all) {
      const ids = checkService(serviceToOruk(service), service.name);
      assert.equal(new Set(ids.map(([, id]) => id)).size, ids.length, `${service.name}: an id used twice`);
      for (const [owner, id] of ids) {
        assert.equal(
          owners.get(id) ?? owner,
          owner,
          `${id} belongs to ${owner} and ${String(owners.get(id))}`,
        );
        owners.set(id, owner);
      }
    }
    assert.ok(owners.size > 50, `only ${owners.size} ids`);
  });

  it('gives a location’s address the same id in every service at that location', () => {
    const first = serviceToOruk(services[0]).service_at_locations[0]?.location.addresses[0]?.id;
    const again = serviceToOruk(everything).service_at_locations[0]?.location.addresses[0]?.id;
    assert.ok(first !== undefined);
    assert.equal(again, first);
  });

  it('keeps our own ids for services, organisations and locations', () => {
    for (const service of all) {
      const oruk = serviceToOruk(service);
      assert.equal(oruk.id, service.id);
      assert.equal(oruk.organization.id, service.organisation.id);
      assert.deepEqual(
        oruk.service_at_locations.map((sal) => sal.location.id),
        service.locations.map((l) => l.id),
      );
    }
  });

  it('writes UK addresses: country GB, physical, postcode as stored, county as region and state_province', () => {
    const address = serviceToOruk(everything).service_at_locations[1]?.location.addresses[0];
    assert.deepEqual(address && { ...address, id: undefined, location_id: undefined }, {
      id: undefined,
      location_id: undefined,
      address_1: '9 Side Street',
      address_2: 'Upstairs',
      city: 'Barking',
      region: 'Essex',
      state_province: 'Essex',
      postal_code: 'IG11 8AA',
      country: 'GB',
      address_type: 'physical',
    });
  });

  it('writes opening times as weekly schedules', () => {
    const [schedule] = serviceToOruk(services[0]).schedules;
    assert.deepEqual(schedule && { ...schedule, id: undefined }, {
      id: undefined,
      service_id: services[0].id,
      freq: 'WEEKLY',
      byday: 'MO,TU,WE,TH,FR',
      opens_at: '09:30',
      closes_at: '16:30',
    });
  });

  it('writes needs as attributes whose terms are in the hubkit-needs taxonomy, coded and named', () => {
    const oruk = serviceToOruk(services[0]);
    const needs = oruk.attributes.filter((a) => a.taxonomy_term.taxonomy === 'hubkit-needs');
    assert.deepEqual(
      needs.map((a) => [a.taxonomy_term.code, a.taxonomy_term.name]),
      [
        ['housing', 'Housing and homelessness'],
        ['money_debt', 'Money and debt'],
        ['benefits', 'Benefits'],
      ],
    );
    const esd = oruk.attributes.find((a) => a.taxonomy_term.taxonomy === 'esd-service-types');
    assert.equal(esd?.taxonomy_term.code, '1054');
    const referrals = oruk.attributes.find((a) => a.taxonomy_term.taxonomy === 'hubkit-referrals');
    assert.equal(referrals?.value, 'true');
  });

  it('writes a language’s English name, or its code when hubkit has no name for it', () => {
    const oruk = serviceToOruk({ ...services[0], languages: ['bn', 'bfi', 'zz'] });
    assert.deepEqual(
      oruk.languages.map((l) => [l.code, l.name]),
      [
        ['bn', 'Bengali'],
        ['bfi', 'British Sign Language'],
        ['zz', 'zz'],
      ],
    );
  });

  it('writes phones as stored, in E.164', () => {
    assert.deepEqual(
      serviceToOruk(services[0]).phones.map((p) => p.number),
      ['+442079460100'],
    );
  });

  it('lists services with one-to-one fields only, the organisation nested', () => {
    for (const service of all) {
      const item = serviceToOrukListItem(service);
      oneToOneOnly(item, service.name);
      idsAreUuids(item, service.name);
      hasRequired(item, 'service', service.name);
      hasRequired(
        asObject(item.organization, 'organization'),
        'organization',
        `${service.name}/organization`,
      );
      // Every one-to-one field of the full service is in the list item, with the same value.
      const { organization: _o, ...full } = serviceToOruk(service);
      for (const [key, value] of Object.entries(full)) {
        if (!Array.isArray(value)) assert.deepEqual(item[key as keyof typeof item], value, key);
      }
    }
  });

  it('lists one service-at-location per location, each with one-to-one fields only', () => {
    for (const service of all) {
      const items = serviceAtLocationItems(service);
      assert.equal(items.length, service.locations.length);
      for (const item of items) {
        oneToOneOnly(item, service.name);
        idsAreUuids(item, service.name);
        hasRequired(item, 'service_at_location', service.name);
        hasRequired(item.location, 'location', `${service.name}/location`);
        hasRequired(item.service, 'service', `${service.name}/service`);
        assert.equal(item.service_id, service.id);
      }
      // The same ids as the nested service uses, so `/service_at_locations/{id}` finds them.
      assert.deepEqual(
        items.map((i) => i.id),
        serviceToOruk(service).service_at_locations.map((s) => s.id),
      );
      assert.deepEqual(
        serviceAtLocationDetails(service).map((d) => [d.id, d.service.id, d.location.addresses.length]),
        items.map((i) => [i.id, service.id, 1]),
      );
    }
  });

  it('lists each organisation once, with one-to-one fields only', () => {
    const twice = [...all, { ...services[1], id: '9e6f1d0b-3c2a-4b7d-8e5f-4a1b0c9d2e35' }];
    const organizations = organizationsOf(twice);
    assert.deepEqual(
      organizations.map((o) => o.id),
      [...new Set(twice.map((s) => s.organisation.id))],
    );
    for (const organization of organizations) {
      oneToOneOnly(organization, organization.name);
      hasRequired(organization, 'organization', organization.name);
    }
  });

  it('lists the hubkit taxonomies and terms, plus every other one the services use, each once', () => {
    const taxonomies = orukTaxonomies(all);
    assert.deepEqual(
      taxonomies.map((t) => t.name),
      ['hubkit-needs', 'hubkit-delivery-methods', 'hubkit-referrals', 'esd-service-types', 'esd-needs'],
    );
    for (const taxonomy of taxonomies) hasRequired(taxonomy, 'taxonomy', taxonomy.name);
    idsAreUuids(taxonomies, 'taxonomies');

    const terms = orukTaxonomyTerms(all);
    assert.equal(new Set(terms.map((t) => t.id)).size, terms.length);
    for (const term of terms) {
      checkTerm(term, term.name);
      oneToOneOnly(term, term.name);
    }
    assert.equal(terms.filter((t) => t.taxonomy === 'hubkit-needs').length, needCodes.codes.length);
    // Every term a service's attributes point at is listed, with the same id.
    const listed = new Set(terms.map((t) => t.id));
    for (const service of all) {
      for (const attribute of serviceToOruk(service).attributes) {
        assert.ok(listed.has(attribute.taxonomy_term_id), attribute.taxonomy_term.name);
      }
    }
    assert.deepEqual(
      hubkitTaxonomyTerms().map((t) => t.id),
      terms.slice(0, hubkitTaxonomyTerms().length).map((t) => t.id),
    );
  });

  it('sends no empty string anywhere, over the fixtures and the demo directory; required ones say something true', () => {
    const empties: string[] = [];
    const walk = (value: unknown, where: string): void => {
      if (typeof value === 'string') {
        if (value.trim() === '') empties.push(where);
      } else if (Array.isArray(value)) {
        value.forEach((item, i) => {
          walk(item, `${where}/${i}`);
        });
      } else if (value && typeof value === 'object')
        for (const [key, child] of Object.entries(value)) walk(child, `${where}/${key}`);
    };
    const all: readonly Service[] = [...services, ...demoDirectory];
    let organisationsWithout = 0;
    let addressesWithout = 0;
    for (const service of all) {
      const oruk = serviceToOruk(service);
      checkService(oruk, service.name);
      walk(oruk, service.id);
      walk(serviceToOrukListItem(service), `${service.id} list item`);
      walk(serviceAtLocationItems(service), `${service.id} service_at_locations`);
      walk(serviceAtLocationDetails(service), `${service.id} service_at_location details`);
      if (service.organisation.description === undefined) {
        organisationsWithout += 1;
        assert.equal(
          oruk.organization.description,
          `${service.organisation.name} has not given this directory a description of itself.`,
        );
      }
      oruk.service_at_locations.forEach((sal, i) => {
        if (service.locations[i]?.address.county !== undefined) return;
        addressesWithout += 1;
        // The demo directory is in London and Bury: England, as the postcode says.
        assert.equal(sal.location.addresses[0]?.state_province, 'England', `${service.name} location ${i}`);
      });
      // And read back as nothing: the round trip still holds.
      assert.deepEqual(orukToService(oruk), service, service.name);
    }
    walk(organizationsOf(all), 'organizations');
    walk(orukTaxonomies(all), 'taxonomies');
    walk(orukTaxonomyTerms(all), 'taxonomy_terms');
    assert.deepEqual(empties, []);
    assert.ok(organisationsWithout > 0 && addressesWithout > 0, 'the fixtures have both gaps to fill');
  });

  it('gives an address without a county the nation its postcode area lies wholly in, else the United Kingdom', () => {
    const [first] = everything.locations;
    assert.ok(first);
    const at = (postcode: string) => {
      const service = {
        ...everything,
        locations: [{ ...first, address: { line1: '1 High Street', town: 'Town', postcode } }],
      };
      const address = serviceToOruk(service).service_at_locations[0]?.location.addresses[0];
      assert.equal(address?.region, undefined);
      assert.deepEqual(
        orukToService(serviceToOruk(service)).locations[0]?.address,
        service.locations[0]?.address,
      );
      return address?.state_province;
    };
    assert.equal(at('N7 6QX'), 'England');
    assert.equal(at('ZE1 0AA'), 'Scotland');
    assert.equal(at('G1 1AA'), 'Scotland');
    assert.equal(at('GL1 1AA'), 'England');
    assert.equal(at('CF10 1AA'), 'Wales');
    assert.equal(at('BT1 1AA'), 'Northern Ireland');
    // CH, SY, LD, NP and TD cross a border: the postcode area does not settle the nation.
    assert.equal(at('SY23 1AA'), 'United Kingdom');
    assert.equal(at('CH5 1AA'), 'United Kingdom');
  });
});
