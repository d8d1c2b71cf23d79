/**
 * The Welsh validation messages: the same keys as the English ones in `messages.ts`, loaded only
 * where Welsh is spoken and put in place by `registerWelsh()` (see `cy.ts`).
 */
import type { GeneralMessage, fieldMessages, fieldNames, generalMessages } from './messages.ts';

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'testun',
  number: 'rhif',
  int: 'rhif cyfan',
  boolean: 'gwir neu gau',
  array: 'rhestr',
  object: 'gwrthrych',
};

const general = {
  required: (f) => `Rhowch ${f}`,
  invalid_type: (f, i) => `Rhaid i ${f} fod yn ${TYPE_NAMES[String(i.expected)] ?? String(i.expected)}`,
  too_long: (f, i) => `Rhaid i ${f} fod yn ${String(i.maximum)} nod neu lai`,
  too_short: (f, i) => `Rhaid i ${f} fod yn ${String(i.minimum)} nod neu fwy`,
  too_many: (f, i) => `Rhaid i ${f} gynnwys ${String(i.maximum)} eitem neu lai`,
  too_few: (f, i) => `Rhaid i ${f} gynnwys o leiaf ${String(i.minimum)} eitem`,
  too_small: (f, i) => `Rhaid i ${f} fod yn ${String(i.minimum)} neu fwy`,
  too_big: (f, i) => `Rhaid i ${f} fod yn ${String(i.maximum)} neu lai`,
  invalid_option: (f, i) =>
    `Rhaid i ${f} fod yn un o: ${Array.isArray(i.values) ? i.values.map(String).join(', ') : ''}`,
  invalid_characters: (f) => `Tynnwch y nodau fformatio cudd o ${f}`,
  unknown_field: (f) => `Tynnwch ${f}: nid yw’n rhan o’r cais hwn`,
  invalid: (f) => `Nid yw ${f} yn y fformat cywir`,
  duplicates: (f) => `Mae gan ${f} yr un gwerth fwy nag unwaith`,
} satisfies Record<keyof typeof generalMessages, GeneralMessage>;

/** Field messages by field and kind, as `fieldMessages`. */
const fields = {
  'name.given': {
    required: 'Rhowch enw cyntaf',
    too_long: 'Rhaid i yr enw cyntaf fod yn {max} nod neu lai',
  },
  'name.family': {
    required: 'Rhowch gyfenw',
    too_long: 'Rhaid i y cyfenw fod yn {max} nod neu lai',
  },
  'name.preferred': {
    required: 'Rhowch yr enw y mae’n well ganddynt, neu gadewch ef allan',
    too_long: 'Rhaid i yr enw dewisol fod yn {max} nod neu lai',
  },
  dateOfBirth: {
    required: 'Rhowch ddyddiad geni',
    invalid: 'Rhaid i’r dyddiad geni fod yn ddyddiad go iawn',
    'invalid:missing_day': 'Rhaid i’r dyddiad geni gynnwys diwrnod',
    'invalid:missing_month': 'Rhaid i’r dyddiad geni gynnwys mis',
    'invalid:missing_year': 'Rhaid i’r dyddiad geni gynnwys blwyddyn',
    'invalid:missing_day_month': 'Rhaid i’r dyddiad geni gynnwys diwrnod a mis',
    'invalid:missing_day_year': 'Rhaid i’r dyddiad geni gynnwys diwrnod a blwyddyn',
    'invalid:missing_month_year': 'Rhaid i’r dyddiad geni gynnwys mis a blwyddyn',
    'invalid:year_digits': 'Rhaid i’r flwyddyn gynnwys 4 rhif',
    date_in_future: 'Rhaid i’r dyddiad geni fod yn y gorffennol',
    date_too_early: 'Rhaid i’r dyddiad geni fod yn 1900 neu’n hwyrach',
  },
  nhsNumber: {
    required: 'Rhowch rif GIG, neu gadewch ef allan',
    invalid: 'Rhowch rif GIG dilys, sy’n 10 digid',
    nhs_number_check: 'Rhowch rif GIG dilys, sy’n 10 digid',
  },
  phone: {
    required: 'Rhowch rif ffôn',
    invalid: 'Rhowch rif ffôn, fel 01632 960 001 neu 07700 900 982',
    phone_needed_for_method: 'Rhowch rif ffôn, neu dewiswch ffordd arall o gysylltu â nhw',
  },
  email: {
    required: 'Rhowch gyfeiriad e-bost',
    invalid: 'Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@enghraifft.com',
    too_long: 'Rhaid i y cyfeiriad e-bost fod yn {max} nod neu lai',
    email_needed_for_method: 'Rhowch gyfeiriad e-bost, neu dewiswch ffordd arall o gysylltu â nhw',
  },
  'contact.methods': {
    duplicates: 'Dewiswch bob ffordd o gysylltu â nhw unwaith yn unig',
    required: 'Dewiswch sut yr hoffent i rywun gysylltu â nhw',
    invalid_option: 'Dewiswch sut yr hoffent i rywun gysylltu â nhw',
  },
  'contact.times': {
    duplicates: 'Dewiswch bob amser unwaith yn unig',
  },
  'accessibility.needs': {
    duplicates: 'Dewiswch bob angen unwaith yn unig',
  },
  'contact.safeToLeaveMessage': {
    required: 'Dewiswch a yw’n ddiogel gadael neges',
  },
  'contact.notes': {
    too_long: 'Rhaid i y nodiadau cyswllt fod yn {max} nod neu lai',
  },
  'address.line1': {
    required: 'Rhowch linell 1 y cyfeiriad, sef yr adeilad a’r stryd fel arfer',
    too_long: 'Rhaid i linell 1 y cyfeiriad fod yn {max} nod neu lai',
  },
  'address.line2': {
    too_long: 'Rhaid i linell 2 y cyfeiriad fod yn {max} nod neu lai',
  },
  'address.town': {
    required: 'Rhowch dref neu ddinas',
    too_long: 'Rhaid i y dref neu’r ddinas fod yn {max} nod neu lai',
  },
  'address.county': {
    too_long: 'Rhaid i y sir fod yn {max} nod neu lai',
  },
  address: {
    address_needed_for_letter: 'Rhowch gyfeiriad, neu dewiswch ffordd arall o gysylltu â nhw',
  },
  postcode: {
    required: 'Rhowch god post',
    invalid: 'Rhowch god post, fel N1 1AA',
    'invalid:not_real': 'Rhowch god post go iawn',
    postcode_not_found: 'Rhowch god post yn ardal yr hyb hwn, neu chwiliwch heb god post',
  },
  uprn: {
    invalid: 'Rhaid i’r UPRN fod yn rhif hyd at 12 digid',
  },
  'language.preferred': {
    required: 'Dewiswch yr iaith sy’n well ganddynt',
    invalid: 'Rhowch god iaith, fel en, cy neu bn',
  },
  'language.interpreterNeeded': {
    required: 'Dewiswch a oes angen cyfieithydd arnynt',
  },
  'accessibility.details': {
    too_long: 'Rhaid i y manylion hygyrchedd fod yn {max} nod neu lai',
  },
  'equality.ethnicityDescription': {
    too_long: 'Rhaid i y disgrifiad o’r grŵp ethnig fod yn {max} nod neu lai',
  },
  'referrer.type': {
    required: 'Dewiswch pwy sy’n gwneud yr atgyfeiriad',
    invalid_option: 'Dewiswch pwy sy’n gwneud yr atgyfeiriad',
  },
  'referrer.name': {
    required: 'Rhowch eich enw',
    referrer_name_required: 'Rhowch eich enw',
    too_long: 'Rhaid i eich enw fod yn {max} nod neu lai',
  },
  'referrer.role': {
    too_long: 'Rhaid i teitl y swydd fod yn {max} nod neu lai',
  },
  'referrer.relationship': {
    too_long: 'Rhaid i y berthynas fod yn {max} nod neu lai',
  },
  'referrer.contact': {
    referrer_contact_required: 'Rhowch rif ffôn neu gyfeiriad e-bost fel y gall yr hyb gysylltu â chi',
  },
  'organisation.name': {
    required: 'Rhowch enw eich sefydliad',
    organisation_required: 'Rhowch enw eich sefydliad',
    too_long: 'Rhaid i enw’r sefydliad fod yn {max} nod neu lai',
  },
  odsCode: {
    invalid: 'Rhowch god ODS, fel F83004',
  },
  charityNumber: {
    invalid: 'Rhowch rif elusen, fel 1234567 neu SC012345',
  },
  residentAware: {
    required: 'Dewiswch a yw’r unigolyn yn gwybod am yr atgyfeiriad hwn',
    agreed_but_not_aware:
      'Dewiswch a yw’r unigolyn yn gwybod am yr atgyfeiriad hwn; ni all gytuno i atgyfeiriad nad yw’n gwybod amdano',
  },
  residentAgreed: {
    required: 'Dewiswch a yw’r unigolyn yn cytuno i’r atgyfeiriad hwn',
    self_referral_agreed: 'Cadarnhewch eich bod yn cytuno i’r atgyfeiriad hwn',
  },
  noAgreementReason: {
    required: 'Esboniwch pam mae’r atgyfeiriad yn cael ei wneud heb eu cytundeb',
    no_agreement_reason_required: 'Esboniwch pam mae’r atgyfeiriad yn cael ei wneud heb eu cytundeb',
    too_long: 'Rhaid i y rheswm fod yn {max} nod neu lai',
  },
  needs: {
    required: 'Dewiswch o leiaf un peth y mae angen help arnynt ag ef',
    needs_unique: 'Dewiswch bob math o help unwaith yn unig',
  },
  'needs.*.code': {
    required: 'Dewiswch gyda beth y mae angen help arnynt',
    invalid_option: 'Dewiswch gyda beth y mae angen help arnynt',
  },
  'needs.*.urgency': {
    required: 'Dewiswch pa mor frys yw hyn',
    invalid_option: 'Dewiswch pa mor frys yw hyn',
    'required:need': 'Dewiswch pa mor frys yw’r help gyda ‘{need}’',
    'invalid_option:need': 'Dewiswch pa mor frys yw’r help gyda ‘{need}’',
  },
  'needs.*.details': {
    too_long: 'Rhaid i y manylion fod yn {max} nod neu lai',
    'too_long:need': 'Rhaid i’r manylion am help gyda ‘{need}’ fod yn {max} nod neu lai',
  },
  'safeguarding.concern': {
    required: 'Dewiswch a oes gennych bryder diogelu',
    danger_without_concern: 'Dewiswch fod pryder diogelu os yw rhywun mewn perygl uniongyrchol',
  },
  'safeguarding.subject': {
    required: 'Dewiswch a yw’r pryder am oedolyn neu blentyn',
    safeguarding_subject_required: 'Dewiswch a yw’r pryder am oedolyn neu blentyn',
  },
  'safeguarding.immediateDanger': {
    required: 'Dewiswch a oes unrhyw un mewn perygl uniongyrchol',
  },
  'safeguarding.details': {
    required: 'Disgrifiwch y pryder diogelu',
    safeguarding_details_required: 'Disgrifiwch y pryder diogelu',
    too_long: 'Rhaid i y manylion diogelu fod yn {max} nod neu lai',
  },
  'safeguarding.actionTaken': {
    too_long: 'Rhaid i y camau a gymerwyd fod yn {max} nod neu lai',
  },
  notes: {
    too_long: 'Rhaid i y nodiadau fod yn {max} nod neu lai',
  },
  partnerReference: {
    too_long: 'Rhaid i eich cyfeirnod fod yn {max} nod neu lai',
  },
  reference: {
    invalid: 'Rhowch gyfeirnod fel HUB-7K3P-Q9',
    reference_check: 'Gwiriwch y cyfeirnod: mae un o’i nodau’n anghywir',
  },
  consent: {
    consent_and_consent_id: 'Rhowch y cofnod cydsyniad neu ddynodydd un a gofnodwyd eisoes, nid y ddau',
  },
  'givenBy.type': {
    required: 'Dewiswch pwy sy’n rhoi cydsyniad',
  },
  'givenBy.name': {
    required: 'Rhowch enw’r person sy’n rhoi cydsyniad',
    too_long: 'Rhaid i yr enw fod yn {max} nod neu lai',
  },
  'givenBy.relationship': {
    too_long: 'Rhaid i y berthynas fod yn {max} nod neu lai',
  },
  'givenBy.authority': {
    required: 'Dewiswch pam y gallant gydsynio ar ran yr unigolyn',
    representative_authority_required: 'Dewiswch pam y gallant gydsynio ar ran yr unigolyn',
  },
  'givenBy.reason': {
    required: 'Esboniwch pam nad yw’r unigolyn yn cydsynio ei hun',
    representative_reason_required: 'Esboniwch pam nad yw’r unigolyn yn cydsynio ei hun',
    too_long: 'Rhaid i y rheswm fod yn {max} nod neu lai',
  },
  method: {
    required: 'Dewiswch sut y rhoddwyd cydsyniad',
  },
  recordedBy: {
    withdrawal_recorded_by_required:
      'Rhowch pwy gymerodd y tynnu’n ôl dros y ffôn, wyneb yn wyneb neu ar bapur',
    recorded_by_required: 'Rhowch pwy gymerodd y cydsyniad dros y ffôn, wyneb yn wyneb neu ar bapur',
  },
  specialCategoryCondition: {
    special_category_condition_required:
      'Dewiswch yr amod ar gyfer defnyddio manylion am iechyd, anabledd neu ethnigrwydd',
  },
  'recordedBy.name': {
    required: 'Rhowch enw’r person a gymerodd y cydsyniad',
  },
  purposes: {
    required: 'Atebwch bob cwestiwn am sut y defnyddir y manylion hyn',
    no_purpose_granted:
      'Cytunwch i o leiaf un defnydd o’r manylion hyn, neu peidiwch ag anfon yr atgyfeiriad',
    purposes_unique: 'Atebwch bob cwestiwn unwaith yn unig',
  },
  'purposes.*.granted': {
    required: 'Dewiswch ie neu na ar gyfer pob defnydd o’r manylion hyn',
  },
  'withdrawal.reason': {
    too_long: 'Rhaid i y rheswm fod yn {max} nod neu lai',
  },
  withdrawal: {
    withdrawal_status_mismatch: 'Rhowch fanylion tynnu’n ôl ar gyfer cydsyniad a dynnwyd yn ôl yn unig',
  },
  sections: {
    required: 'Ychwanegwch o leiaf un rhan o fywyd at yr asesiad',
    sections_unique: 'Aseswch bob rhan o fywyd unwaith yn unig',
  },
  'sections.*.score': {
    required: 'Dewiswch sut mae pethau, o 1 i 5',
    too_small: 'Dewiswch sut mae pethau, o 1 i 5',
    too_big: 'Dewiswch sut mae pethau, o 1 i 5',
    invalid_type: 'Dewiswch sut mae pethau, o 1 i 5',
  },
  'sections.*.summary': {
    too_long: 'Rhaid i sut mae pethau fod yn {max} nod neu lai',
  },
  whatMatters: {
    too_long: 'Rhaid i beth sy’n bwysig fod yn {max} nod neu lai',
  },
  whatMattersMost: {
    too_long: 'Rhaid i beth sy’n bwysig fwyaf fod yn {max} nod neu lai',
  },
  strengths: {
    too_long: 'Rhaid i y cryfderau fod yn {max} nod neu lai',
  },
  risks: {
    too_long: 'Rhaid i y risgiau fod yn {max} nod neu lai',
  },
  'actions.*.description': {
    required: 'Disgrifiwch y cam gweithredu',
    too_long: 'Rhaid i y cam gweithredu fod yn {max} nod neu lai',
  },
  'actions.*.owner': {
    required: 'Dewiswch pwy fydd yn gwneud hyn',
  },
  'actions.*.dueBy': {
    invalid: 'Rhaid i’r dyddiad targed fod yn ddyddiad go iawn',
  },
  'completedBy.name': {
    required: 'Rhowch enw’r person sy’n cwblhau’r asesiad',
  },
  referralId: {
    assessment_subject_required: 'Rhowch yr atgyfeiriad neu’r unigolyn y mae’r asesiad hwn ar ei gyfer',
  },
  residentId: {
    assessment_subject_required: 'Rhowch residentId neu referralId',
  },
  code: {
    outcome_does_not_fit_need: 'Dewiswch ganlyniad sy’n addas i’r angen hwn',
  },
  amount: {
    amount_required: 'Rhowch yr incwm a enillwyd a pha mor aml',
  },
  'amount.amount': {
    required: 'Rhowch y swm mewn ceiniogau, fel rhif cyfan, fel 2550 am £25.50',
    invalid_type: 'Rhowch y swm mewn ceiniogau, fel rhif cyfan, fel 2550 am £25.50',
    invalid: 'Rhowch y swm mewn ceiniogau, fel rhif cyfan, fel 2550 am £25.50',
    too_small: 'Rhaid i’r swm fod yn 0 ceiniog neu fwy',
    too_big: 'Rhaid i’r swm fod yn 1000000000 ceiniog (£10,000,000) neu lai',
  },
  'amount.frequency': {
    required: 'Dewiswch pa mor aml',
  },
  validTo: {
    valid_dates_order:
      'Rhaid i’r dyddiad y mae’n dod i ben fod yr un fath â’r dyddiad y mae’n dechrau neu ar ei ôl',
  },
  closesAt: {
    closes_before_opens: 'Rhaid i’r amser cau fod ar ôl yr amser agor',
  },
  maximumAge: {
    age_range_order: 'Rhaid i’r oedran uchaf fod yr un fath â’r oedran isaf neu’n uwch',
  },
  interval: {
    series_too_long: 'Dewiswch ddyddiadau hyd at 10 mlynedd ar wahân ar gyfer cyfres fesul wythnos neu fis',
  },
  to: {
    date_range_order: 'Rhaid i’r dyddiad gorffen fod yr un fath â’r dyddiad dechrau neu ar ei ôl',
  },
  url: {
    invalid: 'Rhowch gyfeiriad gwe sy’n dechrau https://',
    credentials_in_url:
      'Tynnwch yr enw defnyddiwr a’r cyfrinair o’r cyfeiriad gwe: mae’r hyb yn llofnodi pob anfoniad yn lle hynny',
  },
  events: {
    events_unique: 'Dewiswch bob digwyddiad unwaith yn unig',
  },
  q: {
    too_long: 'Rhaid i y geiriau chwilio fod yn {max} nod neu lai',
  },
} satisfies Record<keyof typeof fieldMessages, Readonly<Record<string, string>>>;

/** Fields named in words, as `fieldNames`. */
const names = {
  resident: 'manylion yr unigolyn',
  referrer: 'eich manylion',
  'referrer.name': 'eich enw',
  'referrer.role': 'teitl eich swydd',
  'referrer.relationship': 'eich perthynas â’r unigolyn',
  'referrer.contact': 'eich manylion cyswllt',
  'referrer.organisation': 'eich sefydliad',
  'organisation.name': 'enw eich sefydliad',
  name: 'yr enw',
  'name.given': 'yr enw cyntaf',
  'name.family': 'y cyfenw',
  'name.preferred': 'yr enw dewisol',
  dateOfBirth: 'y dyddiad geni',
  nhsNumber: 'y rhif GIG',
  address: 'y cyfeiriad',
  'address.line1': 'llinell 1 y cyfeiriad',
  'address.line2': 'llinell 2 y cyfeiriad',
  'address.town': 'y dref neu’r ddinas',
  'address.county': 'y sir',
  postcode: 'y cod post',
  uprn: 'yr UPRN',
  contact: 'y manylion cyswllt',
  'contact.phone': 'y rhif ffôn',
  phone: 'y rhif ffôn',
  email: 'y cyfeiriad e-bost',
  'contact.methods': 'sut yr hoffent i rywun gysylltu â nhw',
  'contact.times': 'yr amseroedd gorau i gysylltu â nhw',
  'contact.notes': 'y nodiadau cyswllt',
  'contact.safeToLeaveMessage': 'a yw’n ddiogel gadael neges',
  language: 'yr iaith',
  'language.preferred': 'yr iaith sy’n well ganddynt',
  accessibility: 'yr anghenion hygyrchedd',
  'accessibility.details': 'y manylion hygyrchedd',
  equality: 'y manylion cydraddoldeb',
  needs: 'beth y mae angen help arnynt ag ef',
  'needs.*': 'angen',
  'needs.*.code': 'beth y mae angen help arnynt ag ef',
  'needs.*.urgency': 'pa mor frys yw hyn',
  'needs.*.details': 'y manylion',
  safeguarding: 'yr atebion diogelu',
  'safeguarding.details': 'y manylion diogelu',
  'safeguarding.actionTaken': 'y camau a gymerwyd',
  notes: 'y nodiadau',
  partnerReference: 'eich cyfeirnod',
  reference: 'y cyfeirnod',
  source: 'o ble y daeth yr atgyfeiriad',
  requestedServiceId: 'y gwasanaeth y gofynnwyd amdano',
  consentId: 'y cofnod cydsyniad',
  consent: 'y cydsyniad',
  assessment: 'yr asesiad',
  givenBy: 'pwy roddodd gydsyniad',
  'givenBy.name': 'enw’r person sy’n rhoi cydsyniad',
  purposes: 'sut y defnyddir y manylion hyn',
  privacyNotice: 'yr hysbysiad preifatrwydd',
  q: 'y geiriau chwilio',
  limit: 'nifer y canlyniadau ar dudalen',
  cursor: 'y dudalen i ddechrau ohoni',
  radiusKm: 'y pellter',
  need: 'y math o help',
  status: 'y statws',
  url: 'y cyfeiriad gwe',
  description: 'y disgrifiad',
} satisfies Record<keyof typeof fieldNames, string>;

/** The Welsh validation messages, as `registerWelsh()` puts them in place. */
export const welshMessages = {
  fields: fields as Readonly<Record<string, Readonly<Record<string, string>>>>,
  names: names as Readonly<Record<string, string>>,
  general: general as Readonly<Record<string, GeneralMessage>>,
  words: { request: 'y cais', field: 'y maes', body: 'corff y cais' },
};
