import * as z from 'zod/mini';
import {
  ACTOR_ROLE_CODES,
  FREQUENCY_CODES,
  NEED_CODES,
  OUTCOME_CODES,
  type NeedCode,
  type OutcomeCode,
} from './codes.ts';
import { checked, code, dateTime, longText, money, text } from './primitives.ts';

/**
 * Which needs each outcome can be recorded against. Outcomes not listed here
 * (advice given, referred on, no longer needed, declined, unable to contact) fit every need.
 */
export const outcomeNeeds: Partial<Readonly<Record<OutcomeCode, readonly NeedCode[]>>> = {
  tenancy_sustained: ['housing'],
  eviction_prevented: ['housing'],
  rehoused: ['housing', 'domestic_abuse'],
  income_maximised: ['money_debt', 'benefits', 'work_skills', 'fuel_energy', 'caring'],
  debt_managed: ['money_debt', 'fuel_energy', 'housing'],
  food_secured: ['food', 'practical_support'],
  fuel_support: ['fuel_energy', 'money_debt'],
  practical_help_arranged: ['practical_support', 'food', 'physical_health', 'caring'],
  connected_to_community: ['loneliness_isolation', 'wellbeing_mental_health', 'caring', 'other'],
  wellbeing_improved: ['wellbeing_mental_health', 'loneliness_isolation', 'physical_health', 'caring'],
  health_support_in_place: ['physical_health', 'wellbeing_mental_health'],
  family_support_in_place: ['family_parenting', 'caring', 'domestic_abuse'],
  carer_support_in_place: ['caring'],
  safety_plan_in_place: ['domestic_abuse', 'community_safety', 'family_parenting'],
  into_work: ['work_skills', 'money_debt', 'benefits'],
  into_training: ['work_skills', 'digital_inclusion'],
  digital_skills_gained: ['digital_inclusion', 'work_skills'],
  device_or_data_provided: ['digital_inclusion'],
  immigration_status_resolved: ['immigration'],
  legal_problem_resolved: ['legal_advice', 'housing', 'money_debt', 'domestic_abuse'],
  recovery_support_in_place: ['addiction', 'wellbeing_mental_health'],
  travel_arranged: ['transport', 'physical_health', 'practical_support'],
};

/** True when `outcome` can be recorded against `need`. */
export function outcomeFitsNeed(outcome: OutcomeCode, need: NeedCode): boolean {
  const needs = outcomeNeeds[outcome];
  return needs === undefined || needs.includes(need);
}

/** The outcomes that can be recorded against `need`, in codelist order. */
export function outcomesForNeed(need: NeedCode): OutcomeCode[] {
  return OUTCOME_CODES.filter((outcome) => outcomeFitsNeed(outcome, need));
}

/** An amount of money and how often: `{ amount: 8640, currency: 'GBP', frequency: 'weekly' }` is £86.40 a week. */
export const MoneyAmount = z.strictObject({
  /** In pence, the currency's smallest unit, as a whole number: 8640 is £86.40. */
  amount: money,
  currency: z.literal('GBP'),
  frequency: code(FREQUENCY_CODES),
});
export type MoneyAmount = z.infer<typeof MoneyAmount>;

const outcomeFields = {
  need: code(NEED_CODES),
  code: code(OUTCOME_CODES),
  /** For money outcomes: income gained or debt managed, and how often. */
  amount: z.optional(MoneyAmount),
  notes: z.optional(longText(2000)),
};

interface OutcomeShape {
  need: NeedCode;
  code: OutcomeCode;
  amount?: MoneyAmount | undefined;
}
// Named checks, passed one by one: spreading an array into `checked` would make bundlers keep it.
const fitsNeedCheck = z.refine<OutcomeShape>((o) => outcomeFitsNeed(o.code, o.need), {
  path: ['code'],
  params: { key: 'outcome_does_not_fit_need' },
});
const amountCheck = z.refine<OutcomeShape>((o) => o.code !== 'income_maximised' || o.amount !== undefined, {
  path: ['amount'],
  params: { key: 'amount_required' },
});

/** What a service sends when work on a need ends. */
export const OutcomeCreate = checked(z.strictObject(outcomeFields), fitsNeedCheck, amountCheck);
export type OutcomeCreate = z.infer<typeof OutcomeCreate>;

/** An outcome as recorded: what was achieved for one need, when and by whom. */
export const Outcome = checked(
  z.strictObject({
    ...outcomeFields,
    recordedAt: dateTime,
    recordedBy: z.strictObject({ role: code(ACTOR_ROLE_CODES), organisation: z.optional(text(160)) }),
  }),
  fitsNeedCheck,
  amountCheck,
);
export type Outcome = z.infer<typeof Outcome>;
