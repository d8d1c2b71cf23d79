/**
 * Open Referral UK (HSDS 3.0) → hubkit: a service from any ORUK publisher, parsed by the lenient
 * `OrukServiceInput`, as a hubkit `Service`.
 *
 * A service hubkit wrote comes back exactly as it was. A foreign one is fitted to hubkit's rules:
 * text is cleaned and cut to hubkit's lengths, phones normalised to E.164, taxonomy terms kept and
 * matched to hubkit needs by keyword; what hubkit has no place for is left out (each reader
 * below says what).
 */
import {
  deliveryMethodCodes,
  languageCodes,
  needCodes,
  phoneTypeCodes,
  weekdayCodes,
  type NeedCode,
  type Weekday,
} from '../codelists.ts';
import { validate, type ValidateOptions, type ValidationResult } from '../messages.ts';
import {
  POSTCODE_PATTERN,
  date,
  email,
  id as uuid,
  languageTag,
  normalisePhone,
  normalisePostcode,
  phone,
  url,
} from '../primitives.ts';
import {
  Service,
  ServiceOrganisation,
  type Cost,
  type Eligibility,
  type OpeningTimes,
  type ServiceLocation,
  type ServicePhone,
  type TaxonomyTerm,
} from '../service.ts';
import { fromFirstGeneration } from './first-generation.ts';
import { childId, deterministicId } from './ids.ts';
import {
  OrukServiceInput,
  type OrukAttributeInput,
  type OrukCostOptionInput,
  type OrukLanguageInput,
  type OrukOrganizationIdentifierInput,
  type OrukPhoneInput,
  type OrukScheduleInput,
} from './input.ts';
import {
  UK_NATIONS,
  UNITED_KINGDOM,
  cleanText,
  field,
  isCode,
  organisationWithoutDescription,
} from './util.ts';

/** A `state_province` as a county: a UK nation or the United Kingdom is not one. */
function countyOf(stateProvince: string | undefined): string | undefined {
  if (stateProvince === undefined) return undefined;
  return (UK_NATIONS as readonly string[]).includes(stateProvince) || stateProvince === UNITED_KINGDOM
    ? undefined
    : stateProvince;
}
import {
  ACCEPTS_REFERRALS_CODE,
  HUBKIT_DELIVERY_METHODS_TAXONOMY,
  HUBKIT_NEEDS_TAXONOMY,
  HUBKIT_REFERRALS_TAXONOMY,
  needsFromText,
} from './vocabularies.ts';

type DeliveryMethod = Service['deliveryMethods'][number];

/** The publisher's id when it is a UUID hubkit accepts; else a UUID derived from it. */
export function asUuid(value: string): string {
  return uuid.safeParse(value).success ? value : deterministicId('oruk-id', value);
}

/** How the text of one payload is read: hubkit's own text as it is, a foreign publisher's HTML as text. */
interface Reader {
  line(value: string | undefined, max: number): string | undefined;
  long(value: string | undefined, max: number): string | undefined;
}

function readerFor(html: boolean): Reader {
  return {
    line: (value, max) => cleanText(value, max, { html }),
    long: (value, max) => cleanText(value, max, { html, multiLine: true }),
  };
}

interface Vocabulary {
  /** Whether hubkit wrote the payload: it carries hubkit needs. */
  fromHubkit: boolean;
  needs: NeedCode[];
  terms: TaxonomyTerm[];
  deliveryMethods: DeliveryMethod[];
  acceptsReferrals: boolean;
}

function taxonomyOf(attribute: OrukAttributeInput): string {
  const term = attribute.taxonomy_term;
  return cleanText(term?.taxonomy_detail?.name ?? term?.taxonomy ?? term?.taxonomy_id, 100) ?? 'unknown';
}

function codeOf(attribute: OrukAttributeInput): string | undefined {
  const term = attribute.taxonomy_term;
  return cleanText(term?.code ?? term?.id ?? attribute.taxonomy_term_id, 100);
}

function readVocabulary(attributes: readonly OrukAttributeInput[]): Vocabulary {
  // hubkit's own payloads carry its needs; their text is taken as it is, a foreign one's as HTML.
  const fromHubkit = attributes.some((a) => {
    const code = codeOf(a);
    return taxonomyOf(a) === HUBKIT_NEEDS_TAXONOMY && code !== undefined && isCode(needCodes, code);
  });
  const hubkitNeeds: NeedCode[] = [];
  const matchedNeeds: NeedCode[] = [];
  const terms: TaxonomyTerm[] = [];
  const deliveryMethods: DeliveryMethod[] = [];
  let acceptsReferrals = false;
  for (const attribute of attributes) {
    const taxonomy = taxonomyOf(attribute);
    const code = codeOf(attribute);
    if (code === undefined) continue;
    if (taxonomy === HUBKIT_NEEDS_TAXONOMY) {
      if (isCode(needCodes, code)) hubkitNeeds.push(code);
    } else if (taxonomy === HUBKIT_DELIVERY_METHODS_TAXONOMY) {
      if (isCode(deliveryMethodCodes, code)) deliveryMethods.push(code);
    } else if (taxonomy === HUBKIT_REFERRALS_TAXONOMY) {
      if (code === ACCEPTS_REFERRALS_CODE)
        acceptsReferrals = attribute.value?.trim().toLowerCase() !== 'false';
    } else {
      const term = attribute.taxonomy_term;
      const name = cleanText(term?.name ?? term?.term, 200, { html: !fromHubkit }) ?? code;
      terms.push({ taxonomy, code, name });
      matchedNeeds.push(...needsFromText(name));
    }
  }
  if (fromHubkit) {
    return { fromHubkit, needs: hubkitNeeds, terms, deliveryMethods, acceptsReferrals };
  }
  // A foreign publisher: its terms, each once; needs by keyword, or "something else".
  const seen = new Set<string>();
  const unique = terms.filter((t) => {
    const key = JSON.stringify([t.taxonomy, t.code]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const needs = [...new Set(matchedNeeds)];
  return {
    fromHubkit,
    needs: needs.length > 0 ? needs : ['other'],
    terms: unique,
    deliveryMethods: [],
    acceptsReferrals: false,
  };
}

/** `HH:MM` from `9:30`, `09:30:00`, `09:30Z` or `09:30+01:00` (hubkit's times are UK local). */
function readTime(value: string | undefined): string | undefined {
  const match = /^\s*(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?\s*$/i.exec(value ?? '');
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours === 24 && minutes === 0) return '23:59';
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` from a date or the date part of a date-time; absent when not a real date. */
function readDate(value: string | undefined): string | undefined {
  const day = /^\s*(\d{4}-\d{2}-\d{2})/.exec(value ?? '')?.[1];
  return day !== undefined && date.safeParse(day).success ? day : undefined;
}

/**
 * A weekly schedule as hubkit's opening times. Schedules hubkit cannot say (monthly, fortnightly,
 * "the second Monday", no times, closing before opening) are left out.
 */
function readSchedule(schedule: OrukScheduleInput, read: Reader): OpeningTimes | undefined {
  const freq = schedule.freq?.trim().toUpperCase();
  if ((freq !== undefined && freq !== 'WEEKLY') || (schedule.interval ?? 1) !== 1) return undefined;
  const byDay: Weekday[] = [];
  for (const part of (schedule.byday ?? '').split(',')) {
    const day = part.trim().toUpperCase();
    if (day === '') continue;
    if (!isCode(weekdayCodes, day)) return undefined;
    byDay.push(day);
  }
  const opensAt = readTime(schedule.opens_at);
  const closesAt = readTime(schedule.closes_at);
  if (byDay.length === 0 || byDay.length > 7 || !opensAt || !closesAt || opensAt >= closesAt)
    return undefined;
  return {
    byDay,
    opensAt,
    closesAt,
    ...field('description', read.line(schedule.description, 200)),
    ...field('validFrom', readDate(schedule.valid_from)),
    ...field('validTo', readDate(schedule.valid_to ?? schedule.until)),
  };
}

function readSchedules(schedules: readonly OrukScheduleInput[], read: Reader): OpeningTimes[] {
  return schedules.flatMap((s) => readSchedule(s, read) ?? []).slice(0, 14);
}

function readUrl(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (url.safeParse(trimmed).success) return trimmed;
  // `www.example.org`: a web address without its scheme.
  const withScheme = `https://${trimmed}`;
  return !/^[a-z][a-z0-9+.-]*:/i.test(trimmed) &&
    /^[\w-]+(\.[\w-]+)+([/?#]|$)/.test(trimmed) &&
    url.safeParse(withScheme).success
    ? withScheme
    : undefined;
}

function readEmail(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed && email.safeParse(trimmed).success ? trimmed : undefined;
}

function readPhone(input: OrukPhoneInput, read: Reader): ServicePhone | undefined {
  // Quotes are not part of a number, though some feeds wrap numbers in them.
  const number = normalisePhone(input.number.replace(/["']/g, ''));
  if (!phone.safeParse(number).success) return undefined;
  const type = input.type?.trim().toLowerCase();
  const words = read.line(input.description, 200);
  const extension = input.extension === undefined ? undefined : String(input.extension);
  const description =
    extension === undefined
      ? words
      : cleanText(words === undefined ? `Extension ${extension}` : `${words} (extension ${extension})`, 200);
  return {
    number,
    ...field('type', type !== undefined && isCode(phoneTypeCodes, type) ? type : undefined),
    ...field('description', description),
  };
}

function readPhones(oruk: OrukServiceInput, read: Reader): ServicePhone[] {
  const phones = (oruk.phones ?? []).flatMap((p) => readPhone(p, read) ?? []);
  // Phones of the service's contacts (where the UK profile puts them), when not already listed.
  for (const contact of oruk.contacts ?? []) {
    for (const input of contact.phones ?? []) {
      const found = readPhone(input, read);
      if (found && !phones.some((p) => p.number === found.number)) phones.push(found);
    }
  }
  return phones.slice(0, 10);
}

function readLanguage(language: OrukLanguageInput): string | undefined {
  const code = language.code?.trim().replace(/_/g, '-');
  if (code) {
    const [primary = '', ...subtags] = code.split('-');
    const tag = [primary.toLowerCase(), ...subtags].join('-');
    if (languageTag.safeParse(tag).success) return tag;
  }
  const name = (language.name ?? language.language)?.trim().toLowerCase();
  return name ? languageCodes.entries.find((entry) => entry.en.toLowerCase() === name)?.code : undefined;
}

function formatAmount(option: OrukCostOptionInput & { amount: number }): string {
  const currency = option.currency?.trim().toUpperCase();
  const amount = Number.isInteger(option.amount) ? String(option.amount) : option.amount.toFixed(2);
  return currency === undefined || currency === 'GBP' ? `£${amount}` : `${amount} ${currency}`;
}

/**
 * Free when every cost option costs nothing (hubkit writes one option: amount 0 when free, no
 * amount when not), or, with no options, when the fees say so first ("Free", "Free of charge").
 * The words come from `fees_description`, or are made from the priced options.
 */
function readCost(oruk: OrukServiceInput, read: Reader): Cost {
  const options = oruk.cost_options ?? [];
  const fees = oruk.fees_description ?? oruk.fees;
  const free = options.length > 0 ? options.every((o) => o.amount === 0) : /^\s*free\b/i.test(fees ?? '');
  const priced = options.filter(
    (o): o is OrukCostOptionInput & { amount: number } => o.amount !== undefined && o.amount > 0,
  );
  const fromOptions = priced
    .map((o) =>
      [formatAmount(o), o.amount_description?.trim(), o.option?.trim() ? `(${o.option.trim()})` : undefined]
        .filter(Boolean)
        .join(' '),
    )
    .join('; ');
  const description = read.long(fees, 1000) ?? (free ? undefined : cleanText(fromOptions, 1000));
  return { free, ...field('description', description) };
}

function readAge(value: number | undefined): number | undefined {
  return value !== undefined && value >= 0 && value <= 130 ? Math.floor(value) : undefined;
}

function readEligibility(oruk: OrukServiceInput, read: Reader): Eligibility | undefined {
  const description = read.long(oruk.eligibility_description, 2000);
  const minimumAge = readAge(oruk.minimum_age);
  let maximumAge = readAge(oruk.maximum_age);
  if (minimumAge !== undefined && maximumAge !== undefined && maximumAge < minimumAge) maximumAge = undefined;
  if (description === undefined && minimumAge === undefined && maximumAge === undefined) return undefined;
  return {
    ...field('description', description),
    ...field('minimumAge', minimumAge),
    ...field('maximumAge', maximumAge),
  };
}

function readCharityNumber(identifiers: readonly OrukOrganizationIdentifierInput[]): string | undefined {
  for (const identifier of identifiers) {
    const scheme = identifier.identifier_scheme?.trim().toUpperCase();
    const charity =
      scheme === 'GB-CHC' ||
      scheme === 'GB-SC' ||
      scheme === 'GB-NIC' ||
      /charit/i.test(identifier.identifier_type ?? '');
    if (!charity || identifier.identifier === undefined) continue;
    let value = identifier.identifier.replace(/\s+/g, '').toUpperCase();
    if (scheme === 'GB-SC' && /^\d{6}$/.test(value)) value = `SC${value}`;
    if (scheme === 'GB-NIC' && /^\d{6}$/.test(value)) value = `NIC${value}`;
    if (ServiceOrganisation.shape.charityNumber.safeParse(value).success) return value;
  }
  return undefined;
}

function readOrganisation(
  oruk: OrukServiceInput,
  serviceId: string,
  serviceName: string,
  read: Reader,
): ServiceOrganisation {
  const organization = oruk.organization ?? undefined;
  if (organization === undefined) {
    // HSDS lets a list item or a sparse feed leave the organisation out: hubkit needs one, so
    // the service stands for itself (a small group is often its own organisation).
    return {
      id: asUuid(cleanText(oruk.organization_id, 200) ?? childId(serviceId, 'organization', 0)),
      name: serviceName,
    };
  }
  return {
    id: asUuid(organization.id),
    name: read.line(organization.name, 200) ?? serviceName,
    ...field('description', organisationDescription(organization, serviceName, read)),
    ...field('url', readUrl(organization.website)),
    ...field('email', readEmail(organization.email)),
    ...field('charityNumber', readCharityNumber(organization.organization_identifiers ?? [])),
  };
}

/** The organisation's description; the words hubkit sends for an organisation without one mean none. */
function organisationDescription(
  organization: { name?: string | undefined; description?: string | undefined },
  serviceName: string,
  read: Reader,
): string | undefined {
  const description = read.long(organization.description, 4000);
  const name = read.line(organization.name, 200) ?? serviceName;
  return description === organisationWithoutDescription(name) ? undefined : description;
}

function withinDegrees(value: number | undefined, limit: number): number | undefined {
  return value !== undefined && Math.abs(value) <= limit ? value : undefined;
}

interface Places {
  locations: ServiceLocation[];
  /** Whether the publisher lists a virtual location (the service is online). */
  virtual: boolean;
}

/**
 * Each physical service-at-location with a usable UK address (first line, town, valid postcode)
 * becomes a location; virtual ones say the service is online; the rest are left out.
 */
function readLocations(oruk: OrukServiceInput, serviceId: string, read: Reader): Places {
  const locations: ServiceLocation[] = [];
  let virtual = false;
  for (const [index, sal] of (oruk.service_at_locations ?? []).entries()) {
    const location = sal.location;
    if (!location) continue;
    if (location.location_type?.trim().toLowerCase() === 'virtual') {
      virtual = true;
      continue;
    }
    const addresses = location.addresses ?? [];
    const address =
      addresses.find((a) => a.address_type?.trim().toLowerCase() === 'physical') ?? addresses[0];
    if (!address) continue;
    const line1 = read.line(address.address_1, 120);
    const town = read.line(address.city, 80);
    const postcode = normalisePostcode(address.postal_code ?? '');
    if (!line1 || !town || !POSTCODE_PATTERN.test(postcode)) continue;
    const accessibility = (location.accessibility ?? [])
      .flatMap((a) => [a.description, a.details])
      .flatMap((part) => read.long(part, 1000) ?? [])
      .join('\n');
    // Some feeds repeat the location's own schedules on the service at the location: take one list.
    const schedules = sal.schedules?.length ? sal.schedules : (location.schedules ?? sal.schedules);
    locations.push({
      id: asUuid(
        cleanText(location.id, 200) ??
          cleanText(sal.location_id, 200) ??
          childId(serviceId, 'location', index),
      ),
      ...field('name', read.line(location.name, 200)),
      ...field('description', read.long(location.description, 2000)),
      address: {
        line1,
        ...field('line2', read.line(address.address_2, 120)),
        town,
        // A nation (or the United Kingdom) in state_province is not a county.
        ...field('county', read.line(address.region, 80) ?? countyOf(read.line(address.state_province, 80))),
        postcode,
      },
      ...field('latitude', withinDegrees(location.latitude, 90)),
      ...field('longitude', withinDegrees(location.longitude, 180)),
      ...field('accessibility', cleanText(accessibility, 1000, { multiLine: true })),
      ...field('openingTimes', schedules && readSchedules(schedules, read)),
    });
  }
  return { locations: locations.slice(0, 50), virtual };
}

/** A service from any ORUK publisher (parsed by `OrukServiceInput`) as a hubkit `Service`. */
export function orukToService(oruk: OrukServiceInput): Service {
  const vocabulary = readVocabulary(oruk.attributes ?? []);
  const read = readerFor(!vocabulary.fromHubkit);
  const id = asUuid(oruk.id);
  const name = read.line(oruk.name, 200) ?? 'Unnamed service';
  const { locations, virtual } = readLocations(oruk, id, read);
  const deliveryMethods: DeliveryMethod[] = vocabulary.fromHubkit
    ? vocabulary.deliveryMethods.slice(0, 4)
    : [...(locations.length > 0 ? (['in_person'] as const) : []), ...(virtual ? (['online'] as const) : [])];
  return {
    id,
    name,
    ...field('alternateName', read.line(oruk.alternate_name, 200)),
    description: read.long(oruk.description, 4000) ?? name,
    status: oruk.status,
    organisation: readOrganisation(oruk, id, name, read),
    needs: vocabulary.needs,
    taxonomyTerms: vocabulary.terms.slice(0, 50),
    ...field('url', readUrl(oruk.url)),
    ...field('email', readEmail(oruk.email)),
    phones: readPhones(oruk, read),
    ...field('applicationProcess', read.long(oruk.application_process, 2000)),
    deliveryMethods,
    openingTimes: readSchedules(oruk.schedules ?? [], read),
    locations,
    areas: (oruk.service_areas ?? [])
      .flatMap((area) => read.line(area.name ?? area.description, 100) ?? [])
      .slice(0, 20),
    ...field('eligibility', readEligibility(oruk, read)),
    cost: readCost(oruk, read),
    languages: (oruk.languages ?? []).flatMap((l) => readLanguage(l) ?? []).slice(0, 40),
    ...field('interpretationServices', read.long(oruk.interpretation_services, 1000)),
    acceptsReferrals: vocabulary.acceptsReferrals,
    ...field('alert', read.long(oruk.alert, 500)),
    ...field('assuredDate', readDate(oruk.assured_date)),
  };
}

/**
 * Reads a service from any ORUK publisher, HSDS 3.0 or the first-generation API: the hubkit
 * `Service`, or field errors (JSON Pointer paths into the publisher's payload, like `/status`)
 * saying what it lacks.
 */
export function readOrukService(data: unknown, options: ValidateOptions = {}): ValidationResult<Service> {
  const parsed = validate(OrukServiceInput, fromFirstGeneration(data), options);
  if (!parsed.success) return { success: false, errors: parsed.errors };
  return validate(Service, orukToService(parsed.data), options);
}
