import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { needCodes, serviceStatusCodes } from '../codelists.ts';
import { services } from '../fixtures/services.ts';
import { validate } from '../messages.ts';
import { Service } from '../service.ts';
import { orukToService, readOrukService } from './from-oruk.ts';
import { serviceToOruk } from './to-oruk.ts';

/** Every field hubkit has, filled in, with text that would change if it were read as HTML. */
const maximal: Service = {
  id: '0b7c2a1e-4f3d-4e8a-9b6c-5d2e1f0a3b4c',
  name: 'Tea &amp; <b>Talk</b> (fictional)',
  alternateName: 'Tea and Talk',
  description: 'A weekly group.\nBring a friend: <p> is not a tag here & nor is &lt;.',
  status: 'temporarily closed',
  organisation: {
    id: '1c8d3b2f-5a4e-4f9b-8c7d-6e3f2a1b4c5d',
    name: 'Highland Friends (fictional)',
    description: 'Volunteers\nacross the Highlands.',
    url: 'https://friends.example.org',
    email: 'hello@friends.example.org',
    charityNumber: 'SC012345',
  },
  needs: ['loneliness_isolation', 'digital_inclusion', 'other'],
  taxonomyTerms: [
    { taxonomy: 'esd-service-types', code: '1054', name: 'Housing advice' },
    { taxonomy: 'council-list', code: 'A&B/1', name: 'Mental health &amp; wellbeing' },
  ],
  url: 'https://friends.example.org/tea',
  email: 'tea@friends.example.org',
  phones: [
    { number: '+447700900982', type: 'cell', description: 'Text or call' },
    { number: '+33142685300' },
    { number: '+441632960001', type: 'textphone' },
  ],
  applicationProcess: 'Just come along.\nOr ask the hub.',
  deliveryMethods: ['in_person', 'phone', 'online', 'home_visit'],
  openingTimes: [
    {
      byDay: ['SA', 'SU'],
      opensAt: '00:00',
      closesAt: '23:59',
      description: 'Weekend line',
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
    },
    { byDay: ['MO'], opensAt: '09:00', closesAt: '09:30' },
  ],
  locations: [
    {
      id: '2d9e4c3a-6b5f-4a0c-9d8e-7f4a3b2c5d6e',
      name: 'Church hall',
      description: 'Round the back.\nRing the bell.',
      address: {
        line1: '3 Kirk Lane',
        line2: 'Old Town',
        town: 'Inverness',
        county: 'Highland',
        postcode: 'IV1 1AA',
      },
      latitude: -57.4778,
      longitude: -4.2247,
      accessibility: 'Ramp.\nHearing loop.',
      openingTimes: [],
    },
    {
      id: '3e0f5d4b-7c6a-4b1d-8e9f-8a5b4c3d6e7f',
      address: { line1: '1 High Street', town: 'Nairn', postcode: 'IV12 4AA' },
    },
  ],
  areas: ['Highland', 'Moray'],
  eligibility: { description: 'Anyone over 60.', minimumAge: 0, maximumAge: 130 },
  cost: { free: false, description: 'Free for carers; £2 for everyone else.' },
  languages: ['en', 'gd', 'pa-Guru', 'bfi'],
  interpretationServices: 'BSL on request.',
  acceptsReferrals: false,
  alert: 'Closed in August.',
  assuredDate: '2026-02-28',
};

/** Only what hubkit requires. */
const minimal: Service = {
  id: '4f1a6e5c-8d7b-4c2e-9f0a-9b6c5d4e7f80',
  name: 'Bare service',
  description: 'Nothing else known.',
  status: 'active',
  organisation: { id: '5a2b7f6d-9e8c-4d3f-8a1b-0c7d6e5f8a91', name: 'Bare org' },
  needs: ['food'],
  taxonomyTerms: [],
  phones: [],
  deliveryMethods: [],
  openingTimes: [],
  locations: [],
  areas: [],
  cost: { free: false },
  languages: [],
  acceptsReferrals: false,
};

type Variation = readonly [name: string, change: (s: Service) => Service];

function withoutKey(s: Service, key: keyof Service): Service {
  return Object.fromEntries(Object.entries(s).filter(([k]) => k !== key)) as Service;
}

const optionalKeys = [
  'alternateName',
  'url',
  'email',
  'applicationProcess',
  'eligibility',
  'interpretationServices',
  'alert',
  'assuredDate',
] as const;

const variations: Variation[] = [
  ['as it is', (s) => s],
  ...optionalKeys.map((key): Variation => [`without ${key}`, (s) => withoutKey(s, key)]),
  ...optionalKeys.map((key): Variation => [`with ${key}`, (s) => ({ ...s, [key]: maximal[key] })]),
  ...serviceStatusCodes.codes.map((status): Variation => [`status ${status}`, (s) => ({ ...s, status })]),
  ['free, no words', (s) => ({ ...s, cost: { free: true } })],
  ['free, with words', (s) => ({ ...s, cost: { free: true, description: 'Free; donations welcome.' } })],
  ['not free, no words', (s) => ({ ...s, cost: { free: false } })],
  // Words that start "Free" must not make a paid service read back as free.
  [
    'not free, words start “Free”',
    (s) => ({ ...s, cost: { free: false, description: 'Free first visit, then £5.' } }),
  ],
  ['does not accept referrals', (s) => ({ ...s, acceptsReferrals: false })],
  ['accepts referrals', (s) => ({ ...s, acceptsReferrals: true })],
  ['no delivery methods', (s) => ({ ...s, deliveryMethods: [] })],
  [
    'every delivery method',
    (s) => ({ ...s, deliveryMethods: ['home_visit', 'online', 'phone', 'in_person'] }),
  ],
  ['every need', (s) => ({ ...s, needs: [...needCodes.codes] })],
  ['other taxonomy terms', (s) => ({ ...s, taxonomyTerms: maximal.taxonomyTerms })],
  ['no phones', (s) => ({ ...s, phones: [] })],
  ['every kind of phone', (s) => ({ ...s, phones: maximal.phones })],
  ['no opening times', (s) => ({ ...s, openingTimes: [] })],
  ['opening times with dates', (s) => ({ ...s, openingTimes: maximal.openingTimes })],
  ['no locations', (s) => ({ ...s, locations: [] })],
  ['locations with every field, and with none', (s) => ({ ...s, locations: maximal.locations })],
  [
    'a location whose opening times are unknown, empty, or set',
    (s) => {
      const [full, bare] = maximal.locations as [Service['locations'][0], Service['locations'][0]];
      return {
        ...s,
        locations: [
          { ...bare },
          { ...full, openingTimes: [] },
          { ...full, id: '6b3c8a7e-0f9d-4e4a-9b2c-1d8e7f6a9b02', openingTimes: maximal.openingTimes },
        ],
      };
    },
  ],
  ['no areas, no languages', (s) => ({ ...s, areas: [], languages: [] })],
  ['languages with subtags and unnamed codes', (s) => ({ ...s, languages: ['pa-Guru', 'zz', 'en'] })],
  ['eligibility by age only', (s) => ({ ...s, eligibility: { maximumAge: 25 } })],
  ['organisation with nothing optional', (s) => ({ ...s, organisation: minimal.organisation })],
  ['organisation with everything', (s) => ({ ...s, organisation: maximal.organisation })],
  [
    'organisation in Northern Ireland',
    (s) => ({ ...s, organisation: { ...s.organisation, charityNumber: 'NIC100234' } }),
  ],
];

const bases: readonly Service[] = [...services, maximal, minimal];

describe('ORUK round trip: orukToService(serviceToOruk(s)) is s', () => {
  it('has test services that are valid hubkit services', () => {
    for (const base of bases) {
      for (const [name, change] of variations) {
        const result = validate(Service, change(base));
        assert.ok(result.success, `${base.name}, ${name}: ${JSON.stringify(result.errors)}`);
      }
    }
  });

  for (const [name, change] of variations) {
    it(`keeps every field: ${name}`, () => {
      for (const base of bases) {
        const service = change(base);
        assert.deepStrictEqual(orukToService(serviceToOruk(service)), service, `${base.name}, ${name}`);
      }
    });

    it(`keeps every field through JSON and the lenient reader: ${name}`, () => {
      for (const base of bases) {
        const service = change(base);
        const read = readOrukService(JSON.parse(JSON.stringify(serviceToOruk(service))));
        assert.ok(read.success, JSON.stringify(read.errors));
        assert.deepStrictEqual(read.data, service, `${base.name}, ${name}`);
      }
    });
  }

  it('maps the same service to the same ORUK service, ids and all, every time', () => {
    for (const base of bases)
      assert.deepStrictEqual(serviceToOruk(base), serviceToOruk(structuredClone(base)));
  });

  it('reads an empty eligibility back as none: the one shape with no ORUK field of its own', () => {
    const read = orukToService(serviceToOruk({ ...minimal, eligibility: {} }));
    assert.equal('eligibility' in read, false);
  });
});
