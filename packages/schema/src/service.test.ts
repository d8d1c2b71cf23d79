import { registerWelsh } from './cy.ts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serviceStatusCodes, weekdayCodes } from './codelists.ts';
import { homesAndMoneyHub, hollowayFoodCoop, services } from './fixtures/services.ts';
import {
  Eligibility,
  OpeningTimes,
  Service,
  ServiceLocation,
  ServiceOrganisation,
  ServicePhone,
  ServiceSearchResult,
} from './service.ts';
import { REMOVE, changed, errorsOf, parsed } from './testing/edit.ts';

// The Welsh messages and labels are checked here too: put them in place, as a server does.
registerWelsh();

const hours = { byDay: ['MO', 'TU'], opensAt: '09:30', closesAt: '16:30' };

describe('Service', () => {
  it('takes every service in the fixtures', () => {
    for (const service of services) assert.ok(parsed(Service, service), service.name);
  });

  it('needs what a finder shows and a referral form matches on', () => {
    for (const field of [
      'id',
      'name',
      'description',
      'status',
      'organisation',
      'needs',
      'cost',
      'acceptsReferrals',
    ]) {
      assert.deepEqual(
        errorsOf(Service, changed(hollowayFoodCoop, [[field], REMOVE])),
        [`/${field} required`],
        field,
      );
    }
    assert.deepEqual(errorsOf(Service, { ...hollowayFoodCoop, needs: [] }), ['/needs required']);
    assert.deepEqual(errorsOf(Service, { ...hollowayFoodCoop, needs: ['bingo'] }), [
      '/needs/0 invalid_option',
    ]);
  });

  it('takes the Open Referral UK statuses', () => {
    assert.deepEqual([...serviceStatusCodes.codes].sort(), [
      'active',
      'defunct',
      'inactive',
      'temporarily closed',
    ]);
    for (const status of serviceStatusCodes.codes)
      assert.equal(parsed(Service, { ...hollowayFoodCoop, status }).status, status);
  });

  it('normalises postcodes and phone numbers', () => {
    const typed = changed(
      homesAndMoneyHub,
      [['locations', 0, 'address', 'postcode'], 'ig117pb'],
      [['phones', 0, 'number'], '020 7946 0100'],
    );
    const got = parsed(Service, typed);
    assert.equal(got.locations[0]?.address.postcode, 'IG11 7PB');
    assert.equal(got.phones[0]?.number, '+442079460100');
    assert.deepEqual(errorsOf(ServicePhone, { number: '0207 946 01' }), ['/number invalid']);
  });

  it('takes languages as BCP 47 tags', () => {
    assert.ok(parsed(Service, { ...hollowayFoodCoop, languages: ['en', 'cy', 'bfi', 'pa-Guru'] }));
    assert.deepEqual(errorsOf(Service, { ...hollowayFoodCoop, languages: ['Somali'] }), [
      '/languages/0 invalid',
    ]);
  });

  it('checks the charity number and web address of the organisation', () => {
    const organisation = homesAndMoneyHub.organisation;
    for (const charityNumber of ['1188888', 'SC012345', 'NIC100002']) {
      assert.ok(parsed(ServiceOrganisation, { ...organisation, charityNumber }));
    }
    assert.deepEqual(errorsOf(ServiceOrganisation, { ...organisation, charityNumber: 'CH1' }), [
      '/charityNumber invalid',
    ]);
    assert.deepEqual(errorsOf(ServiceOrganisation, { ...organisation, url: 'advice.example.org' }), [
      '/url invalid',
    ]);
  });

  it('refuses unknown fields at every level', () => {
    const places = [
      [],
      ['organisation'],
      ['phones', 0],
      ['locations', 0],
      ['locations', 0, 'address'],
      ['openingTimes', 0],
      ['eligibility'],
      ['cost'],
      ['taxonomyTerms', 0],
    ];
    for (const place of places) {
      const pointer = place.map((p) => `/${p}`).join('');
      assert.deepEqual(errorsOf(Service, changed(homesAndMoneyHub, [[...place, 'rating'], 5])), [
        `${pointer}/rating unknown_field`,
      ]);
    }
  });
});

describe('opening times', () => {
  it('take days of the week and times from 00:00 to 23:59', () => {
    assert.deepEqual([...weekdayCodes.codes], ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']);
    assert.ok(
      parsed(OpeningTimes, { ...hours, byDay: [...weekdayCodes.codes], opensAt: '00:00', closesAt: '23:59' }),
    );
    for (const time of ['24:00', '9:30', '09:60', '0930', '9am', '']) {
      const kind = time === '' ? 'required' : 'invalid';
      assert.deepEqual(errorsOf(OpeningTimes, { ...hours, opensAt: time }), [`/opensAt ${kind}`], time);
    }
    assert.deepEqual(errorsOf(OpeningTimes, { ...hours, byDay: [] }), ['/byDay required']);
    assert.deepEqual(errorsOf(OpeningTimes, { ...hours, byDay: ['Monday'] }), ['/byDay/0 invalid_option']);
  });

  it('close after they open', () => {
    assert.deepEqual(errorsOf(OpeningTimes, { ...hours, opensAt: '16:30', closesAt: '09:30' }), [
      '/closesAt closes_before_opens',
    ]);
    assert.deepEqual(errorsOf(OpeningTimes, { ...hours, closesAt: '09:30' }), [
      '/closesAt closes_before_opens',
    ]);
    // Other problems do not hide this one.
    assert.deepEqual(
      errorsOf(OpeningTimes, { ...hours, opensAt: '16:30', closesAt: '09:30', description: ' ' }),
      ['/closesAt closes_before_opens', '/description required'],
    );
  });

  it('give one error, not two, for a time that is not a time', () => {
    assert.deepEqual(errorsOf(OpeningTimes, { ...hours, opensAt: '9:30', closesAt: '17:00' }), [
      '/opensAt invalid',
    ]);
    assert.deepEqual(errorsOf(OpeningTimes, { ...hours, closesAt: 1700 }), ['/closesAt invalid_type']);
  });

  it('say what is wrong, and do not throw, for input that is not an object', () => {
    for (const value of [null, 'Mondays', 5, []]) {
      assert.equal(errorsOf(OpeningTimes, value).length, 1, JSON.stringify(value));
      assert.equal(
        errorsOf(Service, { ...hollowayFoodCoop, openingTimes: [value] }).length,
        1,
        JSON.stringify(value),
      );
    }
  });

  it('may be valid only between two dates', () => {
    const seasonal = { ...hours, validFrom: '2026-11-01', validTo: '2027-03-31' };
    assert.deepEqual(parsed(OpeningTimes, seasonal), seasonal);
    assert.deepEqual(errorsOf(OpeningTimes, { ...seasonal, validTo: '2027-02-30' }), ['/validTo invalid']);
  });
});

describe('locations and eligibility', () => {
  const location = homesAndMoneyHub.locations[0];

  it('take coordinates on the globe', () => {
    assert.ok(parsed(ServiceLocation, location));
    assert.deepEqual(errorsOf(ServiceLocation, { ...location, latitude: 91 }), ['/latitude too_big']);
    assert.deepEqual(errorsOf(ServiceLocation, { ...location, longitude: -181 }), ['/longitude too_small']);
  });

  it('keep the age range in order', () => {
    assert.ok(parsed(Eligibility, { minimumAge: 18, maximumAge: 25 }));
    assert.ok(parsed(Eligibility, { minimumAge: 65, maximumAge: 65 }));
    assert.deepEqual(errorsOf(Eligibility, { minimumAge: 25, maximumAge: 18 }), [
      '/maximumAge age_range_order',
    ]);
    assert.deepEqual(errorsOf(Eligibility, { minimumAge: 17.5 }), ['/minimumAge invalid_type']);
    assert.deepEqual(errorsOf(Eligibility, { maximumAge: 131 }), ['/maximumAge too_big']);
  });
});

describe('ServiceSearchResult', () => {
  it('gives the distance to the nearest location, or null', () => {
    const found = {
      service: homesAndMoneyHub,
      distanceKm: 1.2,
      nearestLocationId: homesAndMoneyHub.locations[0].id,
    };
    assert.ok(parsed(ServiceSearchResult, found));
    assert.ok(parsed(ServiceSearchResult, { ...found, distanceKm: null, nearestLocationId: null }));
    assert.deepEqual(errorsOf(ServiceSearchResult, { ...found, distanceKm: -1 }), ['/distanceKm too_small']);
  });
});
