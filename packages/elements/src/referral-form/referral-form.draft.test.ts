import { expect } from '@open-wc/testing';
import {
  buildReferral,
  check,
  dateOf,
  emptyDraft,
  placeErrors,
  placeOf,
  type ReferralDraft,
} from './draft.ts';

const answered = (): ReferralDraft => ({
  ...emptyDraft(),
  referrerType: 'family_friend',
  referrerName: 'Sam Bell',
  referrerRelationship: 'Son',
  referrerPhone: '07700 900456',
  residentAware: 'yes',
  residentAgreed: 'yes',
  givenName: 'Marcus',
  familyName: 'Bell',
  needs: ['food'],
  needDetails: { food: { urgency: 'soon', details: '' } },
  concern: 'no',
  contactMethods: ['letter'],
  addressLine1: '18 Mercer Street',
  town: 'London',
  postcode: ' n7  6qx ',
  safeToLeaveMessage: 'no',
  interpreterNeeded: 'no',
});

describe('referral form answers → ReferralCreate', () => {
  it('makes a date from the three GOV.UK fields, or none when all are blank', () => {
    expect(dateOf('4', '7', '1990')).to.equal('1990-07-04');
    expect(dateOf(' ', '', '')).to.equal(undefined);
    // Not a date: left for the schema to reject with one message.
    expect(dateOf('x', '7', '1990')).to.not.match(/^\d{4}-\d{2}-\d{2}$/);
    expect(dateOf('4', '7', '90')).to.not.match(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('builds a referral the schema accepts, with the postcode normalised and blanks left out', () => {
    const result = check(answered(), { lang: 'en' });
    expect(result.errors).to.deep.equal([]);
    expect(result.referral?.resident.address).to.deep.equal({
      line1: '18 Mercer Street',
      town: 'London',
      postcode: 'N7 6QX',
    });
    expect(result.referral?.referrer).to.deep.include({
      relationship: 'Son',
      contact: { phone: '+447700900456' },
    });
    expect(result.referral?.needs).to.deep.equal([{ code: 'food', urgency: 'soon' }]);
    expect(buildReferral(answered(), { lang: 'cy' })).to.deep.include({ source: { channel: 'web_form' } });
  });

  it('places each error on its step and field, in the order of the page', () => {
    const draft = { ...answered(), addressLine1: '', town: '', postcode: '', referrerName: '' };
    const { errors } = check(draft, { lang: 'en' });
    expect(errors.map((e) => [e.step, e.field])).to.deep.equal([
      ['referrer', 'referrer-name'],
      ['contact', 'contact-methods'],
    ]);
    expect(placeOf('/needs/0/urgency', draft)).to.deep.equal({ step: 'details', field: 'need-food-urgency' });
    expect(placeOf('/resident/language/preferred', draft)).to.deep.equal({
      step: 'contact',
      field: 'contact-language',
    });
    expect(placeOf('/requestedServiceId', draft)).to.equal(undefined);
    expect(
      placeErrors(
        [
          { path: '/resident/contact/phone', code: 'invalid', message: 'b' },
          { path: '/referrer/type', code: 'required', message: 'a' },
        ],
        draft,
      ).map((e) => e.message),
    ).to.deep.equal(['a', 'b']);
  });
});
