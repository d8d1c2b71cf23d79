/**
 * JSON Schema (draft 2020-12) for every public entity, generated from the zod schemas, so
 * partners on any stack validate against the same contract. The built package also ships them
 * as files: `@hubkit/schema/json-schema/Referral.json`.
 *
 * A request (`ReferralCreate`, `ConsentCreate`…) is described as the hub accepts it: text with
 * white space around it, postcodes in any case, phone numbers as people write them. Everything
 * else is described as the hub sends it back, normalised. Where the two differ, a part of a
 * request has its own schema named with `Input` (`AddressInput`).
 *
 * What JSON Schema cannot say (an NHS number's check digit, a phone number for someone who
 * asked to be phoned, an outcome that fits its need) is listed where it applies, in the keyword
 * `x-hubkit-rules`: each rule's `code` (the `code` of the API's error), the `path` it is
 * reported at (a JSON Pointer from where the keyword stands; none: the value itself) and a
 * `description`. Validate with `@hubkit/schema` or the API for those. Strict validators must be
 * told of the keyword (Ajv: `ajv.addKeyword({ keyword: 'x-hubkit-rules', schemaType: 'array' })`).
 */
import * as z from 'zod/mini';
import {
  AuditEvent,
  FieldError,
  Health,
  Problem,
  ProofChallenge,
  ReferralReport,
  ServiceSearch,
  Session,
  SessionCreate,
  TransitionRequest,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointCreate,
} from './api.ts';
import {
  Assessment,
  AssessmentAction,
  AssessmentCreate,
  AssessmentDraft,
  AssessmentSection,
  Assessor,
} from './assessment.ts';
import {
  Consent,
  ConsentCreate,
  ConsentGiver,
  ConsentWithdrawal,
  DataController,
  PrivacyNoticeRef,
  PurposeDecision,
  ReferralConsent,
  SafeguardingOverride,
  StaffMember,
} from './consent.ts';
import { Need, Safeguarding } from './needs.ts';
import { MoneyAmount, Outcome, OutcomeCreate } from './outcome.ts';
import { fieldMessages, generalMessages } from './messages.ts';
import { Address, ContactDetails, jsonFormsOf, keywordsOf } from './primitives.ts';
import { Reference } from './reference.ts';
import {
  Actor,
  AssignedService,
  Referral,
  ReferralCreate,
  ReferralSource,
  StatusChange,
} from './referral.ts';
import { Organisation, Referrer } from './referrer.ts';
import { routes } from './routes.ts';
import {
  AccessibilityNeeds,
  ContactPreferences,
  EqualityMonitoring,
  LanguageNeeds,
  PersonName,
  Resident,
} from './resident.ts';
import {
  Cost,
  Eligibility,
  OpeningTimes,
  Service,
  ServiceAddress,
  ServiceLocation,
  ServiceOrganisation,
  ServicePhone,
  ServiceSearchResult,
  TaxonomyTerm,
} from './service.ts';
import {
  ConsentWithdrawnEvent,
  ReferralCreatedEvent,
  ReferralOutcomeRecordedEvent,
  ReferralStatusChangedEvent,
  WebhookEvent,
} from './webhook.ts';

/** Where the schemas' `$id`s live. */
export const JSON_SCHEMA_BASE = 'https://hubkit.dev/schema/v1/';

/**
 * Every public entity by name. Parts used by several entities (Address, PersonName…) are
 * listed too, so each has one definition that the others refer to.
 */
export const entities = {
  Address,
  ContactDetails,
  PersonName,
  ContactPreferences,
  LanguageNeeds,
  AccessibilityNeeds,
  EqualityMonitoring,
  Resident,
  Organisation,
  Referrer,
  Need,
  Safeguarding,
  Reference,
  ReferralSource,
  ReferralCreate,
  Actor,
  StatusChange,
  AssignedService,
  Referral,
  MoneyAmount,
  OutcomeCreate,
  Outcome,
  AssessmentAction,
  AssessmentSection,
  Assessor,
  AssessmentDraft,
  AssessmentCreate,
  Assessment,
  ConsentGiver,
  PrivacyNoticeRef,
  DataController,
  PurposeDecision,
  StaffMember,
  SafeguardingOverride,
  ConsentCreate,
  ReferralConsent,
  ConsentWithdrawal,
  Consent,
  ServiceOrganisation,
  ServicePhone,
  OpeningTimes,
  ServiceAddress,
  ServiceLocation,
  TaxonomyTerm,
  Eligibility,
  Cost,
  Service,
  ServiceSearch,
  ServiceSearchResult,
  ReferralCreatedEvent,
  ReferralStatusChangedEvent,
  ReferralOutcomeRecordedEvent,
  ConsentWithdrawnEvent,
  WebhookEvent,
  FieldError,
  Problem,
  TransitionRequest,
  ReferralReport,
  WebhookEndpointCreate,
  WebhookEndpoint,
  WebhookDelivery,
  AuditEvent,
  Health,
  ProofChallenge,
  SessionCreate,
  Session,
} as const satisfies Record<string, z.ZodMiniType>;
export type EntityName = keyof typeof entities;

export type JsonSchema = z.core.JSONSchema.BaseSchema;

/** The keyword that lists the rules JSON Schema cannot say. */
export const RULES_KEYWORD = 'x-hubkit-rules';

/** A rule that JSON Schema cannot say, as `x-hubkit-rules` lists it. */
export interface HubkitRule {
  /** The `code` of the error the API answers when the rule is broken. */
  code: string;
  /** Where the error is reported: a JSON Pointer from the value the keyword stands in; none for the value itself. */
  path?: string;
  description: string;
}

/** The entities that are requests (bodies and queries of the API's routes), described as the hub accepts them. */
export const requestEntities: ReadonlySet<EntityName> = new Set(
  (Object.entries(entities) as [EntityName, z.ZodMiniType][])
    .filter(([, schema]) =>
      Object.values(routes).some((route) => 'body' in route && (route as { body?: unknown }).body === schema),
    )
    .map(([name]) => name),
);

const pointer = (path: readonly PropertyKey[]) =>
  path.map((part) => `/${String(part).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

// Rules whose message tells a person what to do rather than what is checked.
const RULE_DESCRIPTIONS: Record<string, string> = {
  nhs_number_check:
    'The NHS number’s check digit (modulus 11) must be right; ten of one digit are never issued.',
  reference_check: 'The reference’s check character (Luhn mod 32 over Crockford base 32) must be right.',
  date_in_future: 'The date of birth must not be after today in the UK.',
  date_too_early: 'The date of birth must be 1900-01-01 or later.',
  needs_unique: 'No need code twice.',
  purposes_unique: 'No purpose twice.',
  sections_unique: 'No domain twice.',
  duplicates: 'No item twice.',
};

/** What a rule says, in words: its English message (`fieldMessages`), as the API would answer. */
function describeRule(code: string): string {
  const described = RULE_DESCRIPTIONS[code];
  if (described !== undefined) return described;
  for (const messages of Object.values(fieldMessages) as Record<string, string>[]) {
    const message = messages[code];
    if (message !== undefined) return message.replace('{need}', 'the need');
  }
  const general = (generalMessages as Record<string, ((field: string) => string) | undefined>)[code];
  return general ? general('the value') : code;
}

interface CheckDef {
  check?: string;
  path?: PropertyKey[];
  params?: { key?: unknown };
}

/** Writes what the schemas' own JSON forms, sayable checks and rules add to zod's JSON Schema. */
function overrideFor(io: 'input' | 'output') {
  return ({ zodSchema, jsonSchema }: { zodSchema: z.core.$ZodType; jsonSchema: JsonSchema }) => {
    const forms = jsonFormsOf(zodSchema);
    if (forms) {
      for (const keyword of ['pattern', 'minLength', 'maxLength', 'format', 'description'])
        Reflect.deleteProperty(jsonSchema, keyword);
      Object.assign(jsonSchema, forms[io]);
    }
    const rules: HubkitRule[] = [];
    for (const check of zodSchema._zod.def.checks ?? []) {
      const keywords = keywordsOf(check);
      if (keywords) {
        Object.assign(jsonSchema, keywords);
        continue;
      }
      const def = check._zod.def as CheckDef;
      if (def.check !== 'custom') continue;
      const code = typeof def.params?.key === 'string' ? def.params.key : 'invalid';
      rules.push({
        code,
        ...(def.path?.length ? { path: pointer(def.path) } : {}),
        description: describeRule(code),
      });
    }
    if (rules.length > 0) (jsonSchema as Record<string, unknown>)[RULES_KEYWORD] = rules;
  };
}

const PLACEHOLDER = 'hubkit-schema:';

function mapRefs(value: unknown, to: (name: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => mapRefs(item, to));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      key === '$ref' && typeof item === 'string' && item.startsWith(PLACEHOLDER)
        ? to(item.slice(PLACEHOLDER.length))
        : mapRefs(item, to);
  }
  return out;
}

function refsOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) refsOf(item, into);
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string' && item.startsWith(PLACEHOLDER))
        into.add(item.slice(PLACEHOLDER.length));
      else refsOf(item, into);
    }
  return into;
}

/**
 * The JSON Schemas of `named` schemas, each referring to the others by `$ref` (`uri`). Those
 * named in `requests` are written as the hub accepts them (zod's input, with the primitives'
 * input forms); the rest as the hub sends them. A part used in both, whose forms differ, gets a
 * second schema: `<Name>Input` (an Address in a request) or `<Name>Output`; so does each of
 * `alsoAccepted`, a value people type that no request holds (a referral's reference).
 */
export function exportSchemas(
  named: Iterable<readonly [string, z.ZodMiniType]>,
  requests: ReadonlySet<string>,
  uri: (name: string) => string,
  alsoAccepted: Iterable<string> = [],
): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [name, schema] of named) registry.add(schema, { id: name });
  const generate = (io: 'input' | 'output') =>
    z.toJSONSchema(registry, {
      target: 'draft-2020-12',
      uri: (id) => `${PLACEHOLDER}${id}`,
      unrepresentable: 'any',
      io,
      override: overrideFor(io),
    }).schemas;
  const output = generate('output');
  const input = generate('input');
  const names = Object.keys(output);

  // A part differs when its accepted form does, or when a part it refers to differs.
  const differs = new Set(
    names.filter((name) => JSON.stringify(input[name]) !== JSON.stringify(output[name])),
  );
  for (let grew = true; grew;) {
    grew = false;
    for (const name of names)
      if (
        !differs.has(name) &&
        [...refsOf(input[name]), ...refsOf(output[name])].some((ref) => differs.has(ref))
      ) {
        differs.add(name);
        grew = true;
      }
  }
  // Each schema's own form is the one it is used in: accepted for requests, sent for the rest.
  // A part used in the other form too (a request's Address; a Consent's ConsentWithdrawal) gets
  // a second schema, `<Name>Input` or `<Name>Output`, when that form differs.
  const ownForm = (name: string) => (requests.has(name) ? 'input' : 'output');
  const nameIn = (name: string, io: 'input' | 'output') =>
    !differs.has(name) || ownForm(name) === io ? name : `${name}${io === 'input' ? 'Input' : 'Output'}`;
  const result: Record<string, JsonSchema> = {};
  const place = (name: string, io: 'input' | 'output') => {
    const placed = nameIn(name, io);
    if (placed in result) return;
    result[placed] = {};
    const to = (ref: string) => {
      place(ref, io);
      return uri(nameIn(ref, io));
    };
    result[placed] = {
      ...(mapRefs((io === 'input' ? input : output)[name], to) as JsonSchema),
      $id: uri(placed),
    };
  };
  for (const name of names) place(name, ownForm(name));
  for (const name of alsoAccepted) place(name, 'input');
  return result;
}

/**
 * The JSON Schemas of every entity, by name, and of the parts of requests the hub accepts in
 * another form than it sends (`AddressInput`…). Each refers to the others by `$ref`; `uri` says
 * how (default: `https://hubkit.dev/schema/v1/<Name>.json`).
 */
export function jsonSchemas(
  uri: (name: string) => string = (name) => `${JSON_SCHEMA_BASE}${name}.json`,
): Record<EntityName, JsonSchema> & Partial<Record<`${EntityName}${'Input' | 'Output'}`, JsonSchema>> {
  return exportSchemas(Object.entries(entities), requestEntities, uri, ['Reference']) as Record<
    EntityName,
    JsonSchema
  >;
}
