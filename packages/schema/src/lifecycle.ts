/**
 * The referral lifecycle: statuses, the transitions allowed between them and who may make
 * each, as data, and pure functions over that data. The reference server, the SDK and the
 * components all ask these functions, so a transition is allowed everywhere or nowhere.
 */
import type { ActorRole, NeedCode, Priority, ReferralStatus } from './codes.ts';

export interface TransitionRule {
  readonly from: ReferralStatus;
  readonly to: ReferralStatus;
  /** Who may make it. */
  readonly by: readonly ActorRole[];
  /** A reason must be given (declining, returning, withdrawing). */
  readonly reasonRequired?: boolean;
  /** The service the referral goes to must be named. */
  readonly serviceRequired?: boolean;
  /** Every need must have an outcome before the referral closes. */
  readonly outcomesRequired?: boolean;
}

export const transitions: readonly TransitionRule[] = [
  { from: 'draft', to: 'submitted', by: ['referrer', 'hub'] },
  { from: 'draft', to: 'withdrawn', by: ['referrer', 'hub'] },
  { from: 'submitted', to: 'triage', by: ['hub', 'system'] },
  { from: 'submitted', to: 'withdrawn', by: ['referrer', 'hub'], reasonRequired: true },
  { from: 'triage', to: 'accepted', by: ['hub'] },
  { from: 'triage', to: 'declined', by: ['hub'], reasonRequired: true },
  { from: 'triage', to: 'returned', by: ['hub'], reasonRequired: true },
  { from: 'triage', to: 'withdrawn', by: ['referrer', 'hub'], reasonRequired: true },
  { from: 'accepted', to: 'assigned', by: ['hub'], serviceRequired: true },
  { from: 'accepted', to: 'in_progress', by: ['hub'] },
  { from: 'accepted', to: 'withdrawn', by: ['referrer', 'hub'], reasonRequired: true },
  { from: 'assigned', to: 'in_progress', by: ['provider', 'hub'] },
  { from: 'assigned', to: 'returned', by: ['provider', 'hub'], reasonRequired: true },
  { from: 'assigned', to: 'withdrawn', by: ['referrer', 'hub'], reasonRequired: true },
  { from: 'in_progress', to: 'closed', by: ['provider', 'hub'], outcomesRequired: true },
  { from: 'in_progress', to: 'returned', by: ['provider', 'hub'], reasonRequired: true },
  { from: 'in_progress', to: 'withdrawn', by: ['referrer', 'hub'], reasonRequired: true },
  { from: 'returned', to: 'submitted', by: ['referrer'] },
  { from: 'returned', to: 'triage', by: ['hub'] },
  { from: 'returned', to: 'withdrawn', by: ['referrer', 'hub'], reasonRequired: true },
];

/** Statuses a referral never leaves. */
export const terminalStatuses = [
  'declined',
  'closed',
  'withdrawn',
] as const satisfies readonly ReferralStatus[];

export function isTerminal(status: ReferralStatus): boolean {
  return (terminalStatuses as readonly ReferralStatus[]).includes(status);
}

export function findTransition(from: ReferralStatus, to: ReferralStatus): TransitionRule | undefined {
  return transitions.find((t) => t.from === from && t.to === to);
}

/** The statuses a referral in `from` may move to; only those `role` may make, if given. */
export function nextStatuses(from: ReferralStatus, role?: ActorRole): ReferralStatus[] {
  return transitions
    .filter((t) => t.from === from && (role === undefined || t.by.includes(role)))
    .map((t) => t.to);
}

export type TransitionErrorCode =
  | 'transition_not_allowed'
  | 'role_not_allowed'
  | 'reason_required'
  | 'service_required'
  | 'outcomes_required';

/** A transition the lifecycle does not allow; `code` says why. */
export class TransitionError extends Error {
  override readonly name = 'TransitionError';
  readonly code: TransitionErrorCode;
  readonly from: ReferralStatus;
  readonly to: ReferralStatus;
  constructor(code: TransitionErrorCode, from: ReferralStatus, to: ReferralStatus, message: string) {
    super(message);
    this.code = code;
    this.from = from;
    this.to = to;
  }
}

export interface TransitionContext {
  reason?: string | undefined;
  serviceId?: string | undefined;
  /** The referral's needs, and the needs that have an outcome recorded. */
  needs?: readonly NeedCode[];
  outcomeNeeds?: readonly NeedCode[];
}

/**
 * Throws a {@link TransitionError} unless `role` may move a referral from `from` to `to` with
 * what `context` gives; returns the rule that allows it.
 */
export function assertTransition(
  from: ReferralStatus,
  to: ReferralStatus,
  role: ActorRole,
  context: TransitionContext = {},
): TransitionRule {
  const rule = findTransition(from, to);
  if (!rule) {
    const allowed = nextStatuses(from);
    throw new TransitionError(
      'transition_not_allowed',
      from,
      to,
      `A referral that is ${from} cannot become ${to}; it can become ${allowed.length ? allowed.join(', ') : 'nothing else'}.`,
    );
  }
  if (!rule.by.includes(role)) {
    throw new TransitionError(
      'role_not_allowed',
      from,
      to,
      `Only ${rule.by.join(' or ')} may move a referral from ${from} to ${to}.`,
    );
  }
  if (rule.reasonRequired && !context.reason?.trim()) {
    throw new TransitionError(
      'reason_required',
      from,
      to,
      `Give a reason to move a referral from ${from} to ${to}.`,
    );
  }
  if (rule.serviceRequired && !context.serviceId) {
    throw new TransitionError('service_required', from, to, 'Name the service the referral is assigned to.');
  }
  if (rule.outcomesRequired) {
    // Without the needs nothing shows that each has an outcome: refuse rather than assume.
    const missing = context.needs?.filter((need) => !context.outcomeNeeds?.includes(need));
    if (!missing || missing.length > 0) {
      throw new TransitionError(
        'outcomes_required',
        from,
        to,
        missing
          ? `Record an outcome for every need before closing: ${missing.join(', ')}.`
          : 'Give the referral’s needs and the needs with an outcome to close it.',
      );
    }
  }
  return rule;
}

export function canTransition(
  from: ReferralStatus,
  to: ReferralStatus,
  role: ActorRole,
  context?: TransitionContext,
): boolean {
  try {
    assertTransition(from, to, role, context);
    return true;
  } catch (error) {
    if (error instanceof TransitionError) return false;
    throw error;
  }
}

/** What the lifecycle needs to know to prioritise a new referral. */
export interface PriorityInput {
  safeguarding: { concern: boolean; immediateDanger: boolean };
  needs: readonly { urgency: string }[];
}

/**
 * Immediate danger makes a referral an emergency; any other safeguarding concern or an urgent
 * need makes it urgent; everything else is routine.
 */
export function priorityOf(referral: PriorityInput): Priority {
  if (referral.safeguarding.immediateDanger) return 'emergency';
  if (referral.safeguarding.concern || referral.needs.some((n) => n.urgency === 'urgent')) return 'urgent';
  return 'routine';
}

/** How long triage may take for each priority, in hours. */
export const triageWithinHours: Readonly<Record<Priority, number>> = {
  emergency: 1,
  urgent: 24,
  routine: 120,
};

/** When triage is due for a referral submitted at `submittedAt` with `priority`. */
export function triageDueBy(priority: Priority, submittedAt: string): string {
  return new Date(Date.parse(submittedAt) + triageWithinHours[priority] * 3_600_000).toISOString();
}
