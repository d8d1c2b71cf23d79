/**
 * The taxonomies hubkit publishes its own codes in, and how a foreign publisher's terms are
 * read back as hubkit needs.
 *
 * HSDS 3.0 has no fields for hubkit's needs, delivery methods or "accepts referrals", so each is
 * a service attribute whose taxonomy term sits in a hubkit taxonomy. Ids of taxonomies and terms
 * are derived from their names and codes, so they are the same on every request and every hub.
 */
import { deliveryMethodCodes, labelOf, needCodes, type Codelist, type NeedCode } from '../codelists.ts';
import type { Service } from '../service.ts';
import { deterministicId } from './ids.ts';
import type { OrukTaxonomy, OrukTaxonomyTerm } from './types.ts';

export const HUBKIT_NEEDS_TAXONOMY = 'hubkit-needs';
export const HUBKIT_DELIVERY_METHODS_TAXONOMY = 'hubkit-delivery-methods';
/** One term, `accepts_referrals`, whose attribute value is `true` or `false`. */
export const HUBKIT_REFERRALS_TAXONOMY = 'hubkit-referrals';
export const ACCEPTS_REFERRALS_CODE = 'accepts_referrals';

const descriptions: Readonly<Record<string, string>> = {
  [HUBKIT_NEEDS_TAXONOMY]:
    'The needs a community referral hub matches people to services by (hubkit need codes).',
  [HUBKIT_DELIVERY_METHODS_TAXONOMY]: 'How a service is delivered: in person, by phone, online or at home.',
  [HUBKIT_REFERRALS_TAXONOMY]: 'Whether the hub can refer people to the service directly.',
};

export function taxonomyId(name: string): string {
  return deterministicId('taxonomy', name);
}

export function taxonomyTermId(taxonomy: string, code: string): string {
  return deterministicId('taxonomy_term', taxonomy, code);
}

export function orukTaxonomy(name: string): OrukTaxonomy {
  return {
    id: taxonomyId(name),
    name,
    description: descriptions[name] ?? `Terms from the ${name} vocabulary.`,
  };
}

/** A taxonomy term; `description` defaults to the name (HSDS requires one). */
export function orukTaxonomyTerm(
  taxonomy: string,
  code: string,
  name: string,
  options: { description?: string; language?: string } = {},
): OrukTaxonomyTerm {
  return {
    id: taxonomyTermId(taxonomy, code),
    code,
    name,
    description: options.description ?? name,
    taxonomy,
    taxonomy_id: taxonomyId(taxonomy),
    ...(options.language === undefined ? {} : { language: options.language }),
    taxonomy_detail: orukTaxonomy(taxonomy),
  };
}

function codelistTerms<C extends string>(taxonomy: string, list: Codelist<C>, what: string) {
  return list.codes.map((code) =>
    orukTaxonomyTerm(taxonomy, code, labelOf(list, code), {
      description: `${labelOf(list, code)} (${what})`,
      language: 'en',
    }),
  );
}

export function needTerm(code: NeedCode): OrukTaxonomyTerm {
  return orukTaxonomyTerm(HUBKIT_NEEDS_TAXONOMY, code, labelOf(needCodes, code), {
    description: `${labelOf(needCodes, code)} (a need hubkit matches people to services by)`,
    language: 'en',
  });
}

export function acceptsReferralsTerm(): OrukTaxonomyTerm {
  return orukTaxonomyTerm(
    HUBKIT_REFERRALS_TAXONOMY,
    ACCEPTS_REFERRALS_CODE,
    'Accepts referrals from the hub',
    {
      description: 'The attribute value says whether the hub can refer people to the service directly.',
      language: 'en',
    },
  );
}

/** hubkit's own taxonomies. */
export function hubkitTaxonomies(): OrukTaxonomy[] {
  return [HUBKIT_NEEDS_TAXONOMY, HUBKIT_DELIVERY_METHODS_TAXONOMY, HUBKIT_REFERRALS_TAXONOMY].map(
    orukTaxonomy,
  );
}

/** Every term of hubkit's own taxonomies: the whole needs vocabulary, not only the needs in use. */
export function hubkitTaxonomyTerms(): OrukTaxonomyTerm[] {
  return [
    ...needCodes.codes.map(needTerm),
    ...codelistTerms(HUBKIT_DELIVERY_METHODS_TAXONOMY, deliveryMethodCodes, 'a way a service is delivered'),
    acceptsReferralsTerm(),
  ];
}

/** hubkit's taxonomies, then every other taxonomy `services` use, each once, in order of use. */
export function orukTaxonomies(services: readonly Service[]): OrukTaxonomy[] {
  const taxonomies = hubkitTaxonomies();
  const seen = new Set(taxonomies.map((t) => t.name));
  for (const service of services) {
    for (const term of service.taxonomyTerms) {
      if (!seen.has(term.taxonomy)) {
        seen.add(term.taxonomy);
        taxonomies.push(orukTaxonomy(term.taxonomy));
      }
    }
  }
  return taxonomies;
}

/** hubkit's vocabularies in full, then every other term `services` use, each once. */
export function orukTaxonomyTerms(services: readonly Service[]): OrukTaxonomyTerm[] {
  const terms = hubkitTaxonomyTerms();
  const seen = new Set(terms.map((t) => t.id));
  for (const service of services) {
    for (const term of service.taxonomyTerms) {
      const oruk = orukTaxonomyTerm(term.taxonomy, term.code, term.name);
      if (!seen.has(oruk.id)) {
        seen.add(oruk.id);
        terms.push(oruk);
      }
    }
  }
  return terms;
}

/**
 * Words that tie a foreign term (an LGA ESD service type or need, a council's own list, free
 * text) to a hubkit need. Matched against the term's name; a term may give several needs.
 */
export const needKeywords: readonly (readonly [NeedCode, RegExp])[] = [
  [
    'money_debt',
    /\b(debts?|money|budget(ing)?|financ(e|ial)|loans?|arrears|bankrupt\w*|insolvency|credit union)\b/i,
  ],
  [
    'benefits',
    /\b(benefits?|universal credit|pension credit|welfare( rights)?|allowances?|pip|esa|housing benefit)\b/i,
  ],
  ['food', /\b(food|foodbanks?|meals?|pantr(y|ies)|hunger|lunch clubs?|groceries|nutrition)\b/i],
  ['fuel_energy', /\b(fuel|energy|heating|warm (homes?|spaces?)|gas|electricity|utility|utilities)\b/i],
  [
    'housing',
    /\b(housing|homeless(ness)?|tenan(t|ts|cy|cies)|landlords?|accommodation|rough sleep\w*|evictions?|hostels?)\b/i,
  ],
  [
    'wellbeing_mental_health',
    /\b(mental health|well-?being|counsell?ing|anxiety|depression|bereavement|emotional|stress)\b/i,
  ],
  [
    'physical_health',
    /\b(physical (health|activity)|exercise|fitness|healthy|smoking|weight|sports?|walking|long-term conditions?)\b/i,
  ],
  [
    'loneliness_isolation',
    /\b(lonel(y|iness)|isolat(ed|ion)|befriend(ing|ers?)?|social (groups?|clubs?|activities)|companionship)\b/i,
  ],
  [
    'family_parenting',
    /\b(famil(y|ies)|parent(s|ing)?|child(ren|care)?|bab(y|ies)|early years|young people|youth)\b/i,
  ],
  ['caring', /\b(carers?|caring)\b/i],
  ['community_safety', /\b(community safety|crime|anti-?social|victims?|hate crime)\b/i],
  ['domestic_abuse', /\b(domestic (abuse|violence)|coercive control|abusive relationships?)\b/i],
  [
    'work_skills',
    /\b(employment|jobs?|careers?|skills|training|work clubs?|apprenticeships?|adult learning)\b/i,
  ],
  ['digital_inclusion', /\b(digital|computers?|internet|online skills|it skills)\b/i],
  ['immigration', /\b(immigration|asylum|refugees?|migrants?|visas?|settled status)\b/i],
  ['legal_advice', /\b(legal|law|solicitors?|courts?|tribunals?)\b/i],
  ['practical_support', /\b(shopping|prescriptions?|practical|errands|handyperson|home help)\b/i],
  ['addiction', /\b(alcohol|drugs?|substance (mis)?use|addictions?|gambling|recovery)\b/i],
  ['transport', /\b(transport|travel|community buses?|dial-a-ride|taxi cards?|blue badges?|driving)\b/i],
];

/** The needs `text` speaks of, in hubkit's order; none when it speaks of none. */
export function needsFromText(text: string): NeedCode[] {
  return needKeywords.filter(([, pattern]) => pattern.test(text)).map(([need]) => need);
}
