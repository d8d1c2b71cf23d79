/**
 * JSON Schema (draft 2020-12) for every public entity, generated from the zod schemas, so
 * partners on any stack validate against the same contract. The built package also ships them
 * as files: `@hubkit/schema/json-schema/Referral.json`.
 *
 * Cross-field rules (a phone number for someone who asked to be phoned, an outcome that fits
 * its need) cannot be written in JSON Schema: validate with `@hubkit/schema` or the API for
 * those.
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
import { Address, ContactDetails } from './primitives.ts';
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
} as const satisfies Record<string, z.ZodMiniType>;
export type EntityName = keyof typeof entities;

export type JsonSchema = z.core.JSONSchema.BaseSchema;

/**
 * The JSON Schemas of every entity, by name. Each refers to the others by `$ref`; `uri` says
 * how (default: `https://hubkit.dev/schema/v1/<Name>.json`; the OpenAPI document uses
 * `#/components/schemas/<Name>`).
 */
export function jsonSchemas(
  uri: (name: string) => string = (name) => `${JSON_SCHEMA_BASE}${name}.json`,
): Record<EntityName, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [name, schema] of Object.entries(entities)) registry.add(schema, { id: name });
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-2020-12', uri, unrepresentable: 'any' });
  return schemas;
}
