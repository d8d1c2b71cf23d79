/**
 * Reading other publishers: a realistic (fictional) council feed in Open Referral UK 3.0, with
 * fields hubkit does not know, `null`s, HTML, numbers as strings and the UK profile's quirks.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validate } from '../messages.ts';
import { Service } from '../service.ts';
import { deterministicId } from './ids.ts';
import { orukToService, readOrukService } from './from-oruk.ts';
import { OrukServiceInput } from './input.ts';
import { cleanText, htmlToText } from './util.ts';
import { needsFromText } from './vocabularies.ts';

const serviceId = 'a3c1f6d2-5b7e-4c1a-9f3e-2d4b6a8c0e11';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A fictional borough council's feed, as its supplier's ORUK 3.0 API might send it. */
function northwoldFeed(): Record<string, unknown> {
  return {
    id: serviceId,
    organization_id: uuid(1),
    name: 'Northwold Warm Spaces &amp; Debt Drop-in (fictional)',
    alternate_name: null,
    description:
      '<p>A <strong>free</strong> drop-in for help with energy bills, debt and benefits.</p><p>Tea and a warm room too.</p>',
    url: 'www.northwold.example.gov.uk/warm-spaces',
    email: 'warmspaces@northwold.example.gov.uk',
    status: 'Active',
    fees_description: 'Free of charge',
    wait_time: 'None',
    accreditations: 'Advice Quality Standard',
    eligibility_description: 'Anyone living in Northwold.',
    minimum_age: '16',
    maximum_age: null,
    assured_date: '2025-11-03T09:12:44.000Z',
    last_modified: '2025-11-03T09:12:44.123Z',
    x_supplier_reference: 'NW-00123',
    organization: {
      id: uuid(1),
      name: 'Northwold Borough Council (fictional)',
      description: 'The council.',
      website: 'https://www.northwold.example.gov.uk',
      email: 'not an email',
      logo: 'https://www.northwold.example.gov.uk/logo.png',
      organization_identifiers: [
        { id: uuid(2), identifier_scheme: 'GB-LAE', identifier_type: 'Local authority', identifier: 'NWD' },
      ],
    },
    contacts: [
      {
        id: uuid(3),
        name: 'Warm Spaces team',
        phones: [
          { id: uuid(4), number: '"01632 960 123"', extension: 204, type: 'Voice', description: 'Team line' },
          { id: uuid(5), number: 'Ask at reception' },
        ],
      },
    ],
    phones: null,
    schedules: [
      {
        id: uuid(6),
        freq: 'WEEKLY',
        interval: 1,
        byday: 'TU,TH',
        opens_at: '10:00:00',
        closes_at: '14:00:00',
        description: 'Drop in, no appointment',
        valid_from: '2025-11-01',
        valid_to: '2026-03-31',
        timezone: 0,
      },
      { id: uuid(7), freq: 'MONTHLY', byday: '1SA', opens_at: '10:00', closes_at: '12:00' },
      { id: uuid(8), freq: 'WEEKLY', interval: 2, byday: 'FR', opens_at: '10:00', closes_at: '12:00' },
      { id: uuid(9), description: 'Phone for times' },
    ],
    service_areas: [
      {
        id: uuid(10),
        name: 'Northwold',
        extent: null,
        extent_type: null,
        uri: 'http://statistics.data.gov.uk/id/statistical-geography/E07000999',
      },
    ],
    service_at_locations: [
      {
        id: uuid(11),
        service_id: serviceId,
        location_id: uuid(12),
        description: null,
        location: {
          id: uuid(12),
          location_type: 'physical',
          name: 'Northwold Library',
          latitude: '52.6',
          longitude: '1.29',
          external_identifier: '100091234567',
          external_identifier_type: 'UPRN',
          addresses: [
            {
              id: uuid(13),
              attention: null,
              address_1: '1 Market Place',
              address_2: null,
              city: 'Northwold',
              region: null,
              state_province: 'Norfolk',
              postal_code: 'nr1 3ad',
              country: 'GB',
              address_type: 'physical',
            },
          ],
          accessibility: [{ id: uuid(14), description: 'Step-free access', details: 'Lift to all floors' }],
        },
        schedules: [{ id: uuid(15), freq: 'WEEKLY', byday: 'MO', opens_at: '9:00', closes_at: '17:00' }],
      },
      { id: uuid(16), location: { id: uuid(17), location_type: 'virtual', url: 'https://meet.example.org' } },
      {
        id: uuid(18),
        location: { id: uuid(19), location_type: 'physical', name: 'Somewhere', addresses: [] },
      },
      'not a service at location',
    ],
    languages: [
      { id: uuid(20), name: 'English', code: 'en' },
      { id: uuid(21), name: 'Polish', code: null },
      { id: uuid(22), name: 'Klingon', code: 'not a code!' },
      { id: uuid(23), code: 'PT' },
    ],
    cost_options: [],
    attributes: [
      {
        id: uuid(24),
        link_type: 'service_type',
        link_entity: 'service',
        taxonomy_term: {
          id: uuid(25),
          code: '1054',
          name: 'Debt advice',
          description: 'Advice on debt',
          taxonomy: 'esdServiceTypes',
          taxonomy_detail: { id: uuid(26), name: 'esdServiceTypes', description: 'LGA ESD service types' },
        },
      },
      // The UK profile names a term `term`.
      {
        id: uuid(27),
        taxonomy_term: {
          id: uuid(28),
          code: 'energy-support',
          term: 'Fuel poverty support',
          taxonomy: 'Northwold categories',
        },
      },
      // The same ESD term again: kept once.
      {
        id: uuid(29),
        taxonomy_term: { id: uuid(25), code: '1054', name: 'Debt advice', taxonomy: 'esdServiceTypes' },
      },
      // A bare link to a term the feed does not describe: kept, so nothing is lost.
      { id: uuid(30), taxonomy_term_id: uuid(31) },
    ],
    funding: [{ id: uuid(32), source: 'Household Support Fund' }],
    metadata: [{ id: uuid(33), resource_type: 'service', last_action_type: 'update' }],
  };
}

describe('reading a foreign ORUK 3.0 service', () => {
  const read = readOrukService(northwoldFeed());

  it('gives a valid hubkit Service', () => {
    assert.ok(read.success, JSON.stringify(read.errors));
    assert.ok(validate(Service, read.data).success);
  });

  it('maps the service’s own fields, cleaning HTML and entities and finishing web addresses', () => {
    assert.ok(read.success);
    const s = read.data;
    assert.equal(s.id, serviceId);
    assert.equal(s.name, 'Northwold Warm Spaces & Debt Drop-in (fictional)');
    assert.equal(
      s.description,
      'A free drop-in for help with energy bills, debt and benefits.\nTea and a warm room too.',
    );
    assert.equal(s.status, 'active');
    assert.equal(s.url, 'https://www.northwold.example.gov.uk/warm-spaces');
    assert.equal(s.email, 'warmspaces@northwold.example.gov.uk');
    assert.equal('alternateName' in s, false);
    assert.deepEqual(s.eligibility, { description: 'Anyone living in Northwold.', minimumAge: 16 });
    assert.deepEqual(s.cost, { free: true, description: 'Free of charge' });
    assert.equal(s.assuredDate, '2025-11-03');
    assert.deepEqual(s.areas, ['Northwold']);
    assert.equal(s.acceptsReferrals, false);
  });

  it('keeps the organisation and leaves out what is not valid', () => {
    assert.ok(read.success);
    assert.deepEqual(read.data.organisation, {
      id: uuid(1),
      name: 'Northwold Borough Council (fictional)',
      description: 'The council.',
      url: 'https://www.northwold.example.gov.uk',
    });
  });

  it('normalises phones, wherever the feed puts them, to E.164, and drops what is not a number', () => {
    assert.ok(read.success);
    assert.deepEqual(read.data.phones, [
      { number: '+441632960123', type: 'voice', description: 'Team line (extension 204)' },
    ]);
  });

  it('reads weekly schedules and leaves out the ones hubkit cannot say', () => {
    assert.ok(read.success);
    assert.deepEqual(read.data.openingTimes, [
      {
        byDay: ['TU', 'TH'],
        opensAt: '10:00',
        closesAt: '14:00',
        description: 'Drop in, no appointment',
        validFrom: '2025-11-01',
        validTo: '2026-03-31',
      },
    ]);
  });

  it('keeps locations with a UK address, and takes a virtual one as “online”', () => {
    assert.ok(read.success);
    assert.deepEqual(read.data.locations, [
      {
        id: uuid(12),
        name: 'Northwold Library',
        address: { line1: '1 Market Place', town: 'Northwold', county: 'Norfolk', postcode: 'NR1 3AD' },
        latitude: 52.6,
        longitude: 1.29,
        accessibility: 'Step-free access\nLift to all floors',
        openingTimes: [{ byDay: ['MO'], opensAt: '09:00', closesAt: '17:00' }],
      },
    ]);
    assert.deepEqual(read.data.deliveryMethods, ['in_person', 'online']);
  });

  it('takes a location’s own schedules when the service at it has none, and never both', () => {
    const schedule = { id: uuid(50), freq: 'WEEKLY', byday: 'WE', opens_at: '13:00', closes_at: '15:00' };
    const feed = northwoldFeed();
    const [sal] = feed.service_at_locations as Record<string, unknown>[];
    const location = sal?.location as Record<string, unknown>;
    const times = (f: Record<string, unknown>) => {
      const result = readOrukService(f);
      assert.ok(result.success, JSON.stringify(result.errors));
      return result.data.locations[0]?.openingTimes;
    };
    const repeated = { ...sal, location: { ...location, schedules: sal?.schedules } };
    assert.deepEqual(times({ ...feed, service_at_locations: [repeated] }), [
      { byDay: ['MO'], opensAt: '09:00', closesAt: '17:00' },
    ]);
    const onLocation = { ...sal, schedules: undefined, location: { ...location, schedules: [schedule] } };
    assert.deepEqual(times({ ...feed, service_at_locations: [onLocation] }), [
      { byDay: ['WE'], opensAt: '13:00', closesAt: '15:00' },
    ]);
    assert.equal(times({ ...feed, service_at_locations: [{ ...sal, schedules: undefined }] }), undefined);
  });

  it('reads languages by code, or by English name, and drops the rest', () => {
    assert.ok(read.success);
    assert.deepEqual(read.data.languages, ['en', 'pl', 'pt']);
  });

  it('keeps every foreign taxonomy term once, and matches them to hubkit needs', () => {
    assert.ok(read.success);
    assert.deepEqual(read.data.taxonomyTerms, [
      { taxonomy: 'esdServiceTypes', code: '1054', name: 'Debt advice' },
      { taxonomy: 'Northwold categories', code: 'energy-support', name: 'Fuel poverty support' },
      { taxonomy: 'unknown', code: uuid(31), name: uuid(31) },
    ]);
    assert.deepEqual(read.data.needs, ['money_debt', 'fuel_energy']);
  });

  it('falls back to the need “other” when no term says what the service helps with', () => {
    const feed = { ...northwoldFeed(), attributes: [] };
    const result = readOrukService(feed);
    assert.ok(result.success);
    assert.deepEqual(result.data.needs, ['other']);
    assert.deepEqual(result.data.taxonomyTerms, []);
  });

  it('reads a /services list item (one-to-one fields, no organisation) as a valid Service', () => {
    const { id, name, status, description } = northwoldFeed();
    const result = readOrukService({ id, name, status, description, organization_id: 'NW-ORG-7' });
    assert.ok(result.success, JSON.stringify(result.errors));
    assert.deepEqual(result.data.organisation, {
      id: deterministicId('oruk-id', 'NW-ORG-7'),
      name: 'Northwold Warm Spaces & Debt Drop-in (fictional)',
    });
    assert.deepEqual(result.data.locations, []);
    assert.deepEqual(result.data.cost, { free: false });
  });

  it('gives a publisher id that is not a UUID the same derived UUID every time', () => {
    const first = readOrukService({ ...northwoldFeed(), id: 'northwold:service:42' });
    const again = readOrukService({ ...northwoldFeed(), id: 'northwold:service:42' });
    assert.ok(first.success && again.success);
    assert.equal(first.data.id, again.data.id);
    assert.notEqual(first.data.id, 'northwold:service:42');
  });

  it('reads priced cost options into words when the feed gives none', () => {
    const feed = {
      ...northwoldFeed(),
      fees_description: null,
      cost_options: [
        { id: uuid(40), option: 'Adults', amount: 3.5, currency: 'GBP', amount_description: 'a session' },
        { id: uuid(41), option: 'Under 18s', amount: 0 },
      ],
    };
    const result = readOrukService(feed);
    assert.ok(result.success);
    assert.deepEqual(result.data.cost, { free: false, description: '£3.50 a session (Adults)' });
  });

  it('cuts text longer than hubkit allows, and still gives a valid Service', () => {
    const result = readOrukService({
      ...northwoldFeed(),
      name: 'N'.repeat(500),
      description: 'D'.repeat(9000),
    });
    assert.ok(result.success, JSON.stringify(result.errors));
    assert.equal(result.data.name.length, 200);
    assert.ok(result.data.name.endsWith('…'));
    assert.equal(result.data.description.length, 4000);
  });
});

describe('a malformed foreign payload', () => {
  it('names the missing name', () => {
    const { name: _name, ...feed } = northwoldFeed();
    const result = readOrukService(feed);
    assert.equal(result.success, false);
    assert.deepEqual(
      result.errors.map((e) => [e.path, e.code]),
      [['/name', 'required']],
    );
    assert.equal(result.errors[0]?.message, 'Enter the name');
  });

  it('names a status HSDS does not have, and lists the ones it does', () => {
    const result = readOrukService({ ...northwoldFeed(), status: 'open' });
    assert.equal(result.success, false);
    const [error] = result.errors;
    assert.ok(error);
    assert.equal(error.path, '/status');
    assert.match(error.message, /active, inactive, defunct, temporarily closed/);
  });

  it('names what a nested organisation lacks', () => {
    const result = readOrukService({ ...northwoldFeed(), organization: { id: uuid(1), name: '   ' } });
    assert.equal(result.success, false);
    assert.deepEqual(
      result.errors.map((e) => e.path),
      ['/organization/name'],
    );
  });

  it('names every missing field at once', () => {
    const result = readOrukService({ description: 'No id, name or status' });
    assert.deepEqual(
      result.errors?.map((e) => e.path),
      ['/id', '/name', '/status'],
    );
  });

  it('says so when the payload is not an object at all', () => {
    const result = readOrukService(['a list, not a service']);
    assert.equal(result.success, false);
    assert.equal(result.errors[0]?.path, '');
  });

  it('reads a wrong-typed optional field as absent instead of failing', () => {
    const parsed = OrukServiceInput.safeParse({
      ...northwoldFeed(),
      url: 42,
      phones: 'none',
      minimum_age: 'teen',
    });
    assert.ok(parsed.success);
    assert.equal(parsed.data.url, undefined);
    assert.equal(parsed.data.phones, undefined);
    assert.equal(parsed.data.minimum_age, undefined);
    assert.ok(validate(Service, orukToService(parsed.data)).success);
  });
});

describe('matching terms to needs', () => {
  it('finds the needs a term speaks of', () => {
    assert.deepEqual(needsFromText('Domestic violence refuge'), ['domestic_abuse']);
    assert.deepEqual(needsFromText('Foodbank'), ['food']);
    assert.deepEqual(needsFromText('Befriending for carers'), ['loneliness_isolation', 'caring']);
    assert.deepEqual(needsFromText('Mental health and wellbeing'), ['wellbeing_mental_health']);
  });

  it('finds none in a term that speaks of none, or only seems to', () => {
    assert.deepEqual(needsFromText('Substance abuse'), []);
    assert.deepEqual(needsFromText('Bus pass renewals'), []);
  });
});

describe('cleaning foreign text', () => {
  it('removes control and bidirectional-override characters', () => {
    assert.equal(cleanText('a\u0007b\u202Ec', 100), 'abc');
    assert.equal(cleanText('one\ntwo', 100), 'one two');
    assert.equal(cleanText('one\ntwo', 100, { multiLine: true }), 'one\ntwo');
  });

  it('treats blank as absent and cuts long text without splitting a character', () => {
    assert.equal(cleanText('   ', 10), undefined);
    assert.equal(cleanText('abcdefghijk', 5), 'abcd…');
    const cut = cleanText(`abc${'😀'.repeat(3)}`, 5) ?? '';
    assert.equal(cut, 'abc…');
    assert.ok(cut.length <= 5);
  });

  it('turns HTML into text, keeping line breaks and decoding entities', () => {
    assert.equal(
      cleanText('<ul><li>One</li><li>Two &pound;5</li></ul>', 100, { html: true, multiLine: true }),
      '- One\n- Two £5',
    );
    assert.equal(htmlToText('Line<br/>Next &#8217;quoted&#x2019;'), 'Line\nNext ’quoted’');
    assert.equal(htmlToText('a < b and c > d'), 'a < b and c > d');
  });
});
