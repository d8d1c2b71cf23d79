/**
 * Webhook events: the typed envelope of everything the hub sends to a partner's endpoint.
 * Events are thin: ids, reference, status and codes, never names or contact details, so a
 * webhook log holds no personal data; the partner fetches the referral with its secret key.
 */
import * as z from 'zod/mini';
import {
  ACTOR_ROLE_CODES,
  NEED_CODES,
  OUTCOME_CODES,
  PRIORITY_CODES,
  REFERRAL_STATUS_CODES,
} from './codes.ts';
import { code, dateTime, id } from './primitives.ts';
import { Reference } from './reference.ts';

/** The header that carries the signature: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const WEBHOOK_SIGNATURE_HEADER = 'Hubkit-Signature';
/** Signatures are over `${t}.${rawBody}`; a receiver should refuse timestamps older than this. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export const webhookEventTypes = [
  'referral.created',
  'referral.status_changed',
  'referral.outcome_recorded',
  'consent.withdrawn',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

const ReferralRef = z.strictObject({ id, reference: Reference });

const envelope = <T extends WebhookEventType, D extends z.ZodMiniType>(type: T, data: D) =>
  z.strictObject({
    id,
    type: z.literal(type),
    apiVersion: z.literal('v1'),
    createdAt: dateTime,
    data,
  });

export const ReferralCreatedEvent = envelope(
  'referral.created',
  z.strictObject({
    referral: z.strictObject({
      id,
      reference: Reference,
      status: code(REFERRAL_STATUS_CODES),
      priority: code(PRIORITY_CODES),
      needs: z.array(code(NEED_CODES)),
    }),
  }),
);

export const ReferralStatusChangedEvent = envelope(
  'referral.status_changed',
  z.strictObject({
    referral: ReferralRef,
    from: z.nullable(code(REFERRAL_STATUS_CODES)),
    to: code(REFERRAL_STATUS_CODES),
    by: code(ACTOR_ROLE_CODES),
    at: dateTime,
  }),
);

export const ReferralOutcomeRecordedEvent = envelope(
  'referral.outcome_recorded',
  z.strictObject({
    referral: ReferralRef,
    outcome: z.strictObject({ need: code(NEED_CODES), code: code(OUTCOME_CODES), recordedAt: dateTime }),
  }),
);

export const ConsentWithdrawnEvent = envelope(
  'consent.withdrawn',
  z.strictObject({
    consentId: id,
    referralIds: z.array(id),
    withdrawnAt: dateTime,
  }),
);

export const WebhookEvent = z.discriminatedUnion('type', [
  ReferralCreatedEvent,
  ReferralStatusChangedEvent,
  ReferralOutcomeRecordedEvent,
  ConsentWithdrawnEvent,
]);
export type WebhookEvent = z.infer<typeof WebhookEvent>;
export type WebhookEventOf<T extends WebhookEventType> = Extract<WebhookEvent, { type: T }>;
