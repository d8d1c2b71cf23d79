import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { problemCodes } from './api.ts';
import { actorRoleCodes, referralStatusCodes, type ActorRole, type ReferralStatus } from './codelists.ts';
import { immediateSafeguardingConcern, councillorDebtAndFood } from './fixtures/referrals.ts';
import {
  TransitionError,
  assertTransition,
  canTransition,
  findTransition,
  isTerminal,
  nextStatuses,
  priorityOf,
  terminalStatuses,
  transitions,
  triageDueBy,
  type TransitionContext,
  type TransitionErrorCode,
} from './lifecycle.ts';

const STATUSES = [
  'draft',
  'submitted',
  'triage',
  'accepted',
  'declined',
  'assigned',
  'in_progress',
  'closed',
  'withdrawn',
  'returned',
] as const satisfies readonly ReferralStatus[];
const ROLES = ['referrer', 'hub', 'provider', 'system'] as const satisfies readonly ActorRole[];

interface Expected {
  by: readonly ActorRole[];
  reason?: true;
  service?: true;
  outcomes?: true;
}

/**
 * The lifecycle, written out here on its own. Every pair of statuses not listed is refused.
 * A referrer may withdraw at any point before the end, and must say why once the hub has it;
 * only the hub triages, accepts, declines or sends it to a service; the provider it was sent
 * to takes it on, hands it back or closes it with outcomes; the system only starts triage.
 */
const EXPECTED: Readonly<Record<ReferralStatus, Partial<Record<ReferralStatus, Expected>>>> = {
  draft: {
    submitted: { by: ['referrer', 'hub'] },
    withdrawn: { by: ['referrer', 'hub'] },
  },
  submitted: {
    triage: { by: ['hub', 'system'] },
    withdrawn: { by: ['referrer', 'hub'], reason: true },
  },
  triage: {
    accepted: { by: ['hub'] },
    declined: { by: ['hub'], reason: true },
    returned: { by: ['hub'], reason: true },
    withdrawn: { by: ['referrer', 'hub'], reason: true },
  },
  accepted: {
    assigned: { by: ['hub'], service: true },
    in_progress: { by: ['hub'] },
    withdrawn: { by: ['referrer', 'hub'], reason: true },
  },
  assigned: {
    in_progress: { by: ['provider', 'hub'] },
    returned: { by: ['provider', 'hub'], reason: true },
    withdrawn: { by: ['referrer', 'hub'], reason: true },
  },
  in_progress: {
    closed: { by: ['provider', 'hub'], outcomes: true },
    returned: { by: ['provider', 'hub'], reason: true },
    withdrawn: { by: ['referrer', 'hub'], reason: true },
  },
  returned: {
    submitted: { by: ['referrer'] },
    triage: { by: ['hub'] },
    withdrawn: { by: ['referrer', 'hub'], reason: true },
  },
  declined: {},
  closed: {},
  withdrawn: {},
};

/** Everything any transition could ask for. */
const FULL: TransitionContext = {
  reason: 'The person asked us to stop.',
  serviceId: '3e546a1c-cabc-43b7-a3e1-dcce1a0824c2',
  needs: ['food', 'housing'],
  outcomeNeeds: ['housing', 'food'],
};

function errorCode(run: () => unknown): TransitionErrorCode | 'none' {
  try {
    run();
    return 'none';
  } catch (error) {
    assert.ok(error instanceof TransitionError, String(error));
    return error.code;
  }
}

describe('statuses and roles', () => {
  it('are the ten statuses and four roles of the lifecycle', () => {
    assert.deepEqual([...referralStatusCodes.codes].sort(), [...STATUSES].sort());
    assert.deepEqual([...actorRoleCodes.codes].sort(), [...ROLES].sort());
  });

  it('has no rule twice and no rule outside the table', () => {
    const keys = transitions.map((t) => `${t.from}→${t.to}`);
    assert.equal(new Set(keys).size, keys.length);
    const expectedCount = Object.values(EXPECTED).reduce((n, tos) => n + Object.keys(tos).length, 0);
    assert.equal(transitions.length, expectedCount);
  });
});

describe('every ordered pair of statuses, for every role', () => {
  for (const from of STATUSES) {
    it(`from ${from}`, () => {
      for (const to of STATUSES) {
        const expected = EXPECTED[from][to];
        const rule = findTransition(from, to);
        assert.equal(rule !== undefined, expected !== undefined, `${from} → ${to} exists`);
        if (rule && expected) {
          assert.deepEqual([...rule.by].sort(), [...expected.by].sort(), `${from} → ${to} by`);
          assert.equal(rule.reasonRequired === true, expected.reason === true, `${from} → ${to} reason`);
          assert.equal(rule.serviceRequired === true, expected.service === true, `${from} → ${to} service`);
          assert.equal(
            rule.outcomesRequired === true,
            expected.outcomes === true,
            `${from} → ${to} outcomes`,
          );
        }
        for (const role of ROLES) {
          const allowed = expected?.by.includes(role) ?? false;
          const label = `${role}: ${from} → ${to}`;
          assert.equal(canTransition(from, to, role, FULL), allowed, label);
          const code = errorCode(() => assertTransition(from, to, role, FULL));
          if (!expected) assert.equal(code, 'transition_not_allowed', label);
          else assert.equal(code, allowed ? 'none' : 'role_not_allowed', label);
          if (allowed) assert.equal(assertTransition(from, to, role, FULL), rule);
        }
      }
    });
  }
});

describe('nextStatuses', () => {
  it('lists the statuses each status can become, for anyone and for each role', () => {
    for (const from of STATUSES) {
      const tos = Object.entries(EXPECTED[from]) as [ReferralStatus, Expected][];
      assert.deepEqual(nextStatuses(from).sort(), tos.map(([to]) => to).sort(), from);
      for (const role of ROLES) {
        const expected = tos.filter(([, e]) => e.by.includes(role)).map(([to]) => to);
        assert.deepEqual(nextStatuses(from, role).sort(), expected.sort(), `${from} by ${role}`);
      }
    }
  });
});

describe('terminal statuses and reachability', () => {
  it('declined, closed and withdrawn are terminal and have no way out', () => {
    assert.deepEqual([...terminalStatuses].sort(), ['closed', 'declined', 'withdrawn']);
    for (const status of STATUSES) {
      const terminal = ['declined', 'closed', 'withdrawn'].includes(status);
      assert.equal(isTerminal(status), terminal, status);
      assert.equal(nextStatuses(status).length === 0, terminal, status);
      if (terminal) {
        for (const to of STATUSES)
          for (const role of ROLES) assert.equal(canTransition(status, to, role, FULL), false);
      }
    }
  });

  const reachable = (start: ReferralStatus, next: (s: ReferralStatus) => readonly ReferralStatus[]) => {
    const seen = new Set<ReferralStatus>([start]);
    const queue: ReferralStatus[] = [start];
    for (let status = queue.shift(); status !== undefined; status = queue.shift()) {
      for (const to of next(status)) {
        if (!seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
    return seen;
  };

  it('reaches every status from draft', () => {
    assert.deepEqual([...reachable('draft', (s) => nextStatuses(s))].sort(), [...STATUSES].sort());
  });

  it('lets every referral that is not finished reach an end', () => {
    for (const status of STATUSES) {
      const ends = [...reachable(status, (s) => nextStatuses(s))].filter(isTerminal);
      assert.ok(ends.length > 0, status);
    }
  });

  it('lets a referral be withdrawn from every status that is not an end', () => {
    for (const status of STATUSES) {
      assert.equal(nextStatuses(status, 'referrer').includes('withdrawn'), !isTerminal(status), status);
    }
  });
});

describe('what a transition needs', () => {
  const withReason = transitions.filter((t) => t.reasonRequired);

  it('needs a reason, not just spaces, to decline, return or withdraw a referral the hub has', () => {
    assert.ok(withReason.length >= 10);
    for (const { from, to, by } of withReason) {
      const role = by[0] ?? 'hub';
      assert.equal(
        errorCode(() => assertTransition(from, to, role)),
        'reason_required',
        `${from} → ${to}`,
      );
      assert.equal(
        errorCode(() => assertTransition(from, to, role, { reason: '  \n ' })),
        'reason_required',
      );
      assert.equal(
        errorCode(() => assertTransition(from, to, role, { reason: 'Moved away' })),
        'none',
      );
    }
  });

  it('needs no reason for the rest', () => {
    for (const { from, to, by, serviceRequired, outcomesRequired } of transitions) {
      if (EXPECTED[from][to]?.reason || serviceRequired || outcomesRequired) continue;
      assert.equal(
        errorCode(() => assertTransition(from, to, by[0] ?? 'hub')),
        'none',
        `${from} → ${to}`,
      );
    }
  });

  it('needs the service to assign a referral to', () => {
    assert.equal(
      errorCode(() => assertTransition('accepted', 'assigned', 'hub')),
      'service_required',
    );
    assert.equal(
      errorCode(() => assertTransition('accepted', 'assigned', 'hub', { serviceId: '' })),
      'service_required',
    );
    assert.equal(
      errorCode(() => assertTransition('accepted', 'assigned', 'hub', { serviceId: FULL.serviceId })),
      'none',
    );
  });

  it('needs an outcome for every need to close a referral', () => {
    const close = (context?: TransitionContext) => () =>
      assertTransition('in_progress', 'closed', 'provider', context);
    assert.equal(errorCode(close({ needs: ['food', 'housing'], outcomeNeeds: ['food', 'housing'] })), 'none');
    assert.equal(
      errorCode(close({ needs: ['food', 'housing'], outcomeNeeds: ['housing', 'food', 'other'] })),
      'none',
    );
    assert.equal(
      errorCode(close({ needs: ['food', 'housing'], outcomeNeeds: ['food'] })),
      'outcomes_required',
    );
    assert.equal(errorCode(close({ needs: ['food', 'housing'] })), 'outcomes_required');
    assert.throws(close({ needs: ['food', 'housing'], outcomeNeeds: ['food'] }), /housing/);
    // Not saying what the needs are must not let a referral close without its outcomes.
    assert.equal(errorCode(close()), 'outcomes_required');
    assert.equal(errorCode(close({ outcomeNeeds: ['food'] })), 'outcomes_required');
    assert.equal(canTransition('in_progress', 'closed', 'provider'), false);
  });

  it('checks who may make a transition before what it needs', () => {
    assert.equal(
      errorCode(() => assertTransition('triage', 'declined', 'referrer')),
      'role_not_allowed',
    );
    assert.equal(
      errorCode(() => assertTransition('accepted', 'assigned', 'provider')),
      'role_not_allowed',
    );
    assert.equal(
      errorCode(() => assertTransition('in_progress', 'closed', 'referrer')),
      'role_not_allowed',
    );
  });
});

describe('TransitionError', () => {
  it('is an Error that says what was tried and why it failed', () => {
    try {
      assertTransition('draft', 'closed', 'hub', FULL);
      assert.fail('draft → closed was allowed');
    } catch (error) {
      assert.ok(error instanceof TransitionError);
      assert.ok(error instanceof Error);
      assert.equal(error.name, 'TransitionError');
      assert.equal(error.code, 'transition_not_allowed');
      assert.equal(error.from, 'draft');
      assert.equal(error.to, 'closed');
      assert.match(error.message, /submitted/);
      assert.match(error.message, /withdrawn/);
    }
    assert.throws(() => assertTransition('closed', 'triage', 'hub'), /nothing else/);
    assert.throws(
      () => assertTransition('triage', 'accepted', 'provider'),
      (e: unknown) => {
        assert.ok(e instanceof TransitionError);
        assert.equal(e.code, 'role_not_allowed');
        assert.match(e.message, /hub/);
        return true;
      },
    );
  });

  it('has codes the API can answer with', () => {
    const codes: TransitionErrorCode[] = [
      'transition_not_allowed',
      'role_not_allowed',
      'reason_required',
      'service_required',
      'outcomes_required',
    ];
    for (const code of codes) assert.ok((problemCodes as readonly string[]).includes(code), code);
  });
});

describe('priority and triage', () => {
  const quiet = { safeguarding: { concern: false, immediateDanger: false }, needs: [{ urgency: 'routine' }] };

  it('makes immediate danger an emergency, whatever else is true', () => {
    assert.equal(priorityOf(immediateSafeguardingConcern), 'emergency');
    assert.equal(
      priorityOf({ ...quiet, safeguarding: { concern: true, immediateDanger: true } }),
      'emergency',
    );
    // Danger is an emergency even if the concern box was not ticked.
    assert.equal(
      priorityOf({ ...quiet, safeguarding: { concern: false, immediateDanger: true } }),
      'emergency',
    );
  });

  it('makes a safeguarding concern or an urgent need urgent, and the rest routine', () => {
    assert.equal(priorityOf({ ...quiet, safeguarding: { concern: true, immediateDanger: false } }), 'urgent');
    assert.equal(priorityOf({ ...quiet, needs: [{ urgency: 'soon' }, { urgency: 'urgent' }] }), 'urgent');
    assert.equal(priorityOf(councillorDebtAndFood), 'urgent');
    assert.equal(priorityOf({ ...quiet, needs: [{ urgency: 'soon' }, { urgency: 'routine' }] }), 'routine');
    assert.equal(priorityOf(quiet), 'routine');
  });

  it('sets triage due within the hour for an emergency, sooner for higher priorities', () => {
    const at = '2026-11-04T10:52:00.000Z';
    assert.equal(triageDueBy('emergency', at), '2026-11-04T11:52:00.000Z');
    assert.equal(triageDueBy('urgent', at), '2026-11-05T10:52:00.000Z');
    const due = (p: 'emergency' | 'urgent' | 'routine') => Date.parse(triageDueBy(p, at));
    assert.ok(due('emergency') < due('urgent') && due('urgent') < due('routine'));
    assert.equal(triageDueBy('urgent', '2026-11-04T10:52:00+01:00'), '2026-11-05T09:52:00.000Z');
  });
});
