/**
 * The first-generation Open Referral UK API (before HSDS 3.0), which many UK publishers still
 * serve and ServiceFinder reads: its own page envelope (`content`, `totalElements`,
 * `totalPages`, `number`, `size`, `first`, `last`) and services whose lists are named as that
 * API named them (`regular_schedules`, `service_taxonomys` with esd vocabularies such as
 * `esdNeeds`, `eligibilitys`, `physical_addresses`, `service_area`).
 *
 * Nothing here maps to hubkit: a first-generation service is only renamed into the HSDS 3.0
 * shape `readOrukService` reads, so both generations share one mapping (from-oruk.ts). Which
 * generation a payload is, is told from the payload itself.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const objects = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** Fields only the first generation has, on a service or under its locations. */
const FIRST_GENERATION_FIELDS = [
  'service_taxonomys',
  'regular_schedules',
  'eligibilitys',
  'holiday_schedules',
];

/** Whether `value` is a first-generation service (rather than an HSDS 3.0 one). */
export function isFirstGenerationService(value: unknown): value is Json {
  if (!isObject(value) || 'attributes' in value || 'schedules' in value) return false;
  if (FIRST_GENERATION_FIELDS.some((field) => field in value)) return true;
  return (
    objects(value.service_areas).some((a) => 'service_area' in a) ||
    objects(value.service_at_locations).some(
      (sal) => isObject(sal.location) && 'physical_addresses' in sal.location,
    )
  );
}

/** Whether `value` is a first-generation page envelope (`content` with `totalElements` and the rest). */
export function isFirstGenerationPage(value: unknown): value is Json {
  return (
    isObject(value) &&
    Array.isArray(value.content) &&
    !('contents' in value) &&
    ['totalElements', 'totalPages', 'first', 'last', 'number'].some((field) => field in value)
  );
}

/**
 * A first-generation envelope as the HSDS 3.0 one. Its `number` is left out unless `first` says
 * it is page 1: publishers count pages from 0 or from 1, and the envelope does not say which.
 */
export function firstGenerationPage(page: Json): Json {
  return {
    contents: page.content,
    total_items: page.totalElements,
    total_pages: page.totalPages,
    size: page.size,
    ...(typeof page.first === 'boolean' ? { first_page: page.first } : {}),
    ...(typeof page.last === 'boolean' ? { last_page: page.last } : {}),
    ...(page.first === true ? { page_number: 1 } : {}),
    ...(Array.isArray(page.content) && page.content.length === 0 ? { empty: true } : {}),
  };
}

/** A first-generation schedule as an HSDS 3.0 one: the same fields, so kept as they are. */
const schedules = (value: unknown): Json[] => objects(value);

function location(value: Json): Json {
  return {
    ...value,
    addresses: objects(value.physical_addresses).map((a) => ({ ...a, address_type: 'physical' })),
    accessibility: objects(value.accessibility_for_disabilities).map((a) => ({
      id: a.id,
      description: a.accessibility ?? a.description,
    })),
  };
}

/** A `service_taxonomys` entry as an HSDS 3.0 attribute: the vocabulary is the taxonomy, the id the code. */
function attribute(link: Json): Json | undefined {
  const taxonomy = isObject(link.taxonomy) ? link.taxonomy : undefined;
  if (!taxonomy) return undefined;
  return {
    id: link.id,
    taxonomy_term_id: taxonomy.id,
    taxonomy_term: {
      id: taxonomy.id,
      code: taxonomy.id,
      name: taxonomy.name,
      taxonomy: taxonomy.vocabulary,
      parent_id: isObject(taxonomy.parent) ? taxonomy.parent.id : taxonomy.parent,
    },
  };
}

/**
 * A first-generation service in the HSDS 3.0 shape `readOrukService` reads; anything else
 * (an HSDS 3.0 service, or not a service at all) as it is.
 */
export function fromFirstGeneration(value: unknown): unknown {
  if (!isFirstGenerationService(value)) return value;
  const eligibility = objects(value.eligibilitys)[0];
  const organization = isObject(value.organization)
    ? { ...value.organization, website: value.organization.website ?? value.organization.url }
    : value.organization;
  return {
    ...value,
    organization,
    ...(eligibility
      ? {
          eligibility_description: eligibility.eligibility,
          minimum_age: eligibility.minimum_age,
          maximum_age: eligibility.maximum_age,
        }
      : {}),
    schedules: schedules(value.regular_schedules),
    service_areas: objects(value.service_areas).map((a) => ({ id: a.id, name: a.service_area ?? a.name })),
    service_at_locations: objects(value.service_at_locations).map((sal) => ({
      ...sal,
      location: isObject(sal.location) ? location(sal.location) : sal.location,
      schedules: schedules(sal.regular_schedule ?? sal.regular_schedules),
    })),
    attributes: objects(value.service_taxonomys).flatMap((link) => attribute(link) ?? []),
  };
}
