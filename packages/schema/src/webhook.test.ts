import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as z from 'zod/mini';
import { referralCreatedEvent, statusChangedEvent } from './fixtures/stored.ts';
import { REMOVE, changed, errorsOf, parsed } from './testing/edit.ts';
import {
  ConsentWithdrawnEvent,
  ReferralCreatedEvent,
  ReferralOutcomeRecordedEvent,
  ReferralStatusChangedEvent,
  WebhookEvent,
  webhookEventTypes,
} from './webhook.ts';

const outcomeEvent = {
  id: 'a7f9b4de-2c1e-4f6b-9d0a-3b5c7e9f1a2b',
  type: 'referral.outcome_recorded',
  apiVersion: 'v1',
  createdAt: '2026-10-28T12:00:00.200Z',
  data: {
    referral: { id: 'edea930a-29bb-4e60-8e14-93489f65c0b7', reference: 'HUB-6ZRK-EN' },
    outcome: { need: 'housing', code: 'eviction_prevented', recordedAt: '2026-10-28T12:00:00.000Z' },
  },
};
const withdrawnEvent = {
  id: 'c3d2e1f0-1a2b-4c3d-8e4f-5a6b7c8d9e0f',
  type: 'consent.withdrawn',
  apiVersion: 'v1',
  createdAt: '2026-11-20T15:30:01.000Z',
  data: {
    consentId: '6b84f66a-dd1a-4fea-a209-5b78e8672639',
    referralIds: ['1966ea40-f35b-4f59-aa74-f739a54ab58c'],
    withdrawnAt: '2026-11-20T15:30:00Z',
  },
};

describe('WebhookEvent', () => {
  const events = [referralCreatedEvent, statusChangedEvent, outcomeEvent, withdrawnEvent];

  it('has one event of each type', () => {
    assert.deepEqual(
      events.map((e) => e.type),
      [...webhookEventTypes],
    );
    for (const event of events) assert.deepEqual(parsed(WebhookEvent, event), event);
  });

  it('tells the events apart by their type', () => {
    const schemas = [
      ReferralCreatedEvent,
      ReferralStatusChangedEvent,
      ReferralOutcomeRecordedEvent,
      ConsentWithdrawnEvent,
    ];
    events.forEach((event, i) => {
      schemas.forEach((schema, j) => {
        assert.equal(schema.safeParse(event).success, i === j, `${event.type} as ${j}`);
      });
    });
    // The data of one type under the name of another is refused.
    assert.equal(WebhookEvent.safeParse({ ...statusChangedEvent, type: 'referral.created' }).success, false);
    assert.equal(
      WebhookEvent.safeParse({ ...withdrawnEvent, type: 'referral.outcome_recorded' }).success,
      false,
    );
  });

  it('refuses unknown types, other API versions and missing parts', () => {
    assert.equal(WebhookEvent.safeParse({ ...statusChangedEvent, type: 'referral.deleted' }).success, false);
    assert.equal(WebhookEvent.safeParse({ ...statusChangedEvent, apiVersion: 'v2' }).success, false);
    for (const field of ['id', 'type', 'apiVersion', 'createdAt', 'data']) {
      assert.equal(
        WebhookEvent.safeParse(changed(statusChangedEvent, [[field], REMOVE])).success,
        false,
        field,
      );
    }
  });

  it('checks the codes and the reference inside', () => {
    assert.deepEqual(
      errorsOf(ReferralStatusChangedEvent, changed(statusChangedEvent, [['data', 'to'], 'done'])),
      ['/data/to invalid_option'],
    );
    assert.deepEqual(
      errorsOf(
        ReferralStatusChangedEvent,
        changed(statusChangedEvent, [['data', 'referral', 'reference'], 'HUB-6ZRK-EM']),
      ),
      ['/data/referral/reference reference_check'],
    );
    assert.deepEqual(
      errorsOf(ReferralOutcomeRecordedEvent, changed(outcomeEvent, [['data', 'outcome', 'code'], 'won'])),
      ['/data/outcome/code invalid_option'],
    );
  });

  it('refuses unknown fields in the envelope and the data', () => {
    assert.deepEqual(errorsOf(ReferralStatusChangedEvent, { ...statusChangedEvent, attempt: 1 }), [
      '/attempt unknown_field',
    ]);
    assert.deepEqual(
      errorsOf(ReferralStatusChangedEvent, changed(statusChangedEvent, [['data', 'reason'], 'x'])),
      ['/data/reason unknown_field'],
    );
    assert.deepEqual(
      errorsOf(ReferralCreatedEvent, changed(referralCreatedEvent, [['data', 'referral', 'resident'], {}])),
      ['/data/referral/resident unknown_field'],
    );
  });

  it('carries no names, contact details or free text, so webhook logs hold no personal data', () => {
    const personal =
      /name|given|family|email|phone|address|postcode|birth|nhs|details|notes|reason|contact|resident$/i;
    const keys = new Set<string>();
    const walk = (schema: z.ZodMiniType) => {
      const def = schema._zod.def as unknown as Record<string, unknown>;
      const visit = (value: unknown) => {
        if (typeof value === 'object' && value !== null && '_zod' in value) walk(value as z.ZodMiniType);
      };
      if (def.type === 'object') {
        for (const [key, value] of Object.entries(def.shape as Record<string, unknown>)) {
          keys.add(key);
          visit(value);
        }
      }
      for (const field of ['innerType', 'element']) visit(def[field]);
      if (Array.isArray(def.options)) def.options.forEach(visit);
    };
    walk(WebhookEvent);
    assert.ok(keys.has('reference') && keys.has('consentId'), 'the walk reached the data');
    for (const key of keys) assert.doesNotMatch(key, personal, key);
  });
});
