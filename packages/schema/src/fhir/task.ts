/**
 * A referral's workflow as an R4 Task: its status, the exact hubkit status in
 * `businessStatus`, its history and its outcomes. The Task's focus is the referral's
 * ServiceRequest (`referralToServiceRequest`).
 */
import type { CodeableConcept, Task, TaskOutput } from '@medplum/fhirtypes';
import {
  actorRoleCodes,
  frequencyCodes,
  labelOf,
  needCodes,
  outcomeCodes,
  referralStatusCodes,
  referrerTypeCodes,
  type ReferralStatus,
} from '../codelists.ts';
import { penceToPounds, poundsToPence } from '../money.ts';
import type { Outcome } from '../outcome.ts';
import type { Referral, StatusChange } from '../referral.ts';
import { deterministicId } from '../oruk/ids.ts';
import { EXTENSIONS, IDENTIFIER_SYSTEMS, TASK_FULFIL } from './constants.ts';
import { priorityToFhir } from './priority.ts';
import {
  ExtensionReader,
  codeIn,
  codeOf,
  conceptOf,
  expectResourceType,
  ext,
  fail,
  nonEmpty,
  optional,
  referenceTo,
  type DeepReadonly,
} from './support.ts';

/**
 * Task.status for each referral status. One to one, so a Task without a businessStatus still
 * reads back; `returned` (for more information) is work paused, `assigned` is ready for the
 * service to start.
 */
export const taskStatusFor: Readonly<Record<ReferralStatus, Task['status']>> = {
  draft: 'draft',
  submitted: 'requested',
  triage: 'received',
  accepted: 'accepted',
  declined: 'rejected',
  assigned: 'ready',
  in_progress: 'in-progress',
  returned: 'on-hold',
  closed: 'completed',
  withdrawn: 'cancelled',
};

/**
 * The Task's own id: a UUID derived from the referral id (the ServiceRequest keeps the referral
 * id itself), the same for the same referral every time. Two resources with one id would give
 * one `urn:uuid:` fullUrl twice in a transaction Bundle, which servers reject. The referral id
 * stays on the Task as its referral-id identifier.
 */
export function taskIdOf(referralId: string): string {
  return deterministicId('fhir', 'Task', referralId);
}

function statusChangeOf(change: DeepReadonly<StatusChange>) {
  return ext.complex(EXTENSIONS.statusChange, [
    ...ext.coding('from', referralStatusCodes, change.from),
    ...ext.coding('to', referralStatusCodes, change.to),
    ...ext.dateTime('at', change.at),
    ...ext.coding('byRole', actorRoleCodes, change.by.role),
    ...ext.string('byKeyId', change.by.keyId),
    ...ext.string('byOrganisation', change.by.organisation),
    ...ext.string('reason', change.reason),
  ]);
}

function outputOf(outcome: DeepReadonly<Outcome>): TaskOutput {
  return {
    extension: ext.complex(EXTENSIONS.outcomeDetails, [
      ...(outcome.amount === undefined
        ? []
        : [
            {
              url: 'amount',
              // FHIR's Money.value is decimal pounds; hubkit's amount is whole pence.
              valueMoney: { value: penceToPounds(outcome.amount.amount), currency: outcome.amount.currency },
            },
            ...ext.coding('frequency', frequencyCodes, outcome.amount.frequency),
          ]),
      ...ext.string('notes', outcome.notes),
      ...ext.dateTime('recordedAt', outcome.recordedAt),
      ...ext.coding('recordedByRole', actorRoleCodes, outcome.recordedBy.role),
      ...ext.string('recordedByOrganisation', outcome.recordedBy.organisation),
    ]),
    // Read as "Housing: eviction prevented".
    type: conceptOf(needCodes, outcome.need),
    valueCodeableConcept: conceptOf(outcomeCodes, outcome.code),
  };
}

/**
 * Task.requester: the referrer. A self-referral is the Patient; anyone else is contained in the
 * ServiceRequest (which a Task cannot point into), so here they are named only.
 */
function requesterOf(referral: DeepReadonly<Referral>): NonNullable<Task['requester']> {
  const { referrer } = referral;
  if (referrer.type === 'self') return referenceTo('Patient', referral.residentId);
  const kind = labelOf(referrerTypeCodes, referrer.type);
  return { display: referrer.name === undefined ? kind : `${referrer.name} (${kind})` };
}

/**
 * Task.reasonCode (one concept, where a referral may have several needs): the need, coded, when
 * there is one; the needs in words when there are more (each is coded on the ServiceRequest).
 */
function reasonOf(referral: DeepReadonly<Referral>): CodeableConcept | undefined {
  const [first, ...others] = referral.needs;
  if (first === undefined) return undefined;
  if (others.length === 0)
    return { ...conceptOf(needCodes, first.code), text: labelOf(needCodes, first.code) };
  return { text: referral.needs.map((need) => labelOf(needCodes, need.code)).join('; ') };
}

/**
 * The referral's workflow as an R4 Task. Its history is a repeating `status-change`
 * extension (a FHIR server would also keep Task versions or Provenance; hubkit's history is
 * the record of who moved it and why), its outcomes are `Task.output`s.
 */
export function referralToTask(referral: DeepReadonly<Referral>): Task {
  const reason = referral.history.findLast((c) => c.to === referral.status)?.reason;
  const service = referral.assignedService;
  return {
    resourceType: 'Task',
    id: taskIdOf(referral.id),
    ...nonEmpty('extension', referral.history.flatMap(statusChangeOf)),
    identifier: [
      { system: IDENTIFIER_SYSTEMS.referralId, value: referral.id },
      { system: IDENTIFIER_SYSTEMS.referralReference, value: referral.reference },
    ],
    status: taskStatusFor[referral.status],
    ...(reason === undefined ? {} : { statusReason: { text: reason } }),
    businessStatus: conceptOf(referralStatusCodes, referral.status),
    intent: 'order',
    priority: priorityToFhir[referral.priority],
    code: { coding: [TASK_FULFIL] },
    focus: referenceTo('ServiceRequest', referral.id),
    for: referenceTo('Patient', referral.residentId),
    authoredOn: referral.createdAt,
    requester: requesterOf(referral),
    ...optional('reasonCode', reasonOf(referral)),
    lastModified: referral.updatedAt,
    ...(service === null
      ? {}
      : { owner: referenceTo('HealthcareService', service.serviceId, service.serviceName) }),
    ...(referral.triageDueBy === null ? {} : { restriction: { period: { end: referral.triageDueBy } } }),
    ...nonEmpty('output', referral.outcomes.map(outputOf)),
  };
}

/**
 * The referral status a Task stands for: its businessStatus when it has one of ours (which
 * must agree with Task.status), otherwise its Task.status.
 */
export function taskToReferralStatus(task: Task): ReferralStatus {
  expectResourceType(task, 'Task');
  const business = codeIn(referralStatusCodes, task.businessStatus, 'Task.businessStatus');
  if (business !== undefined) {
    if (taskStatusFor[business] !== task.status) {
      fail(
        'Task.status',
        `'${task.status}' disagrees with businessStatus '${business}', which needs '${taskStatusFor[business]}'`,
      );
    }
    return business;
  }
  if (task.businessStatus?.coding?.length) {
    fail(
      'Task.businessStatus',
      `has no code from ${referralStatusCodes.name} codes: cannot tell the referral status`,
    );
  }
  const status = referralStatusCodes.codes.find((s) => taskStatusFor[s] === task.status);
  return status ?? fail('Task.status', `'${task.status}' has no referral status (it is not a hubkit task)`);
}

/** Decimal pounds from FHIR as whole pence, exactly; anything finer than a penny is refused. */
function penceFrom(pounds: number, location: string): number {
  return (
    poundsToPence(pounds) ??
    fail(location, `${String(pounds)} is not an amount in pounds and whole pence (like 1.15)`)
  );
}

/** What a Task holds of a referral: history, outcomes, times. */
export function referralWorkflowFrom(task: Task) {
  const extensions = new ExtensionReader(task.extension, 'Task');
  const history = extensions.complexAll(EXTENSIONS.statusChange).map((change) => ({
    from: change.coded('from', referralStatusCodes) ?? null,
    to: change.coded('to', referralStatusCodes),
    at: change.dateTime('at'),
    by: {
      role: change.coded('byRole', actorRoleCodes),
      keyId: change.string('byKeyId'),
      organisation: change.string('byOrganisation'),
    },
    reason: change.string('reason'),
  }));
  const outcomes = (task.output ?? []).map((output, i) => {
    const at = `Task.output[${i}]`;
    const details = new ExtensionReader(output.extension, at).complex(EXTENSIONS.outcomeDetails);
    const money = details?.one('amount')?.valueMoney;
    const outcome = output.valueCodeableConcept?.coding?.[0];
    return {
      need: codeIn(needCodes, output.type, `${at}.type`),
      code: outcome && codeOf(outcomeCodes, outcome, `${at}.valueCodeableConcept`),
      amount: money && {
        amount:
          money.value === undefined
            ? undefined
            : penceFrom(
                money.value,
                `${at}.extension('${EXTENSIONS.outcomeDetails}').extension('amount').valueMoney.value`,
              ),
        currency: money.currency,
        frequency: details.coded('frequency', frequencyCodes),
      },
      notes: details?.string('notes'),
      recordedAt: details?.dateTime('recordedAt'),
      recordedBy: {
        role: details?.coded('recordedByRole', actorRoleCodes),
        organisation: details?.string('recordedByOrganisation'),
      },
    };
  });
  return {
    status: taskToReferralStatus(task),
    createdAt: task.authoredOn,
    updatedAt: task.lastModified,
    triageDueBy: task.restriction?.period?.end ?? null,
    history,
    outcomes,
  };
}
