/**
 * Webhook signatures: round trips, the hub's own signatures (from its signing function and from
 * a real delivery over loopback HTTP), every reason a delivery is refused, the tolerance's
 * edges, and rotation.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TOLERANCE_SECONDS } from '@hubkit/schema';
import { councillorDebtAndFood, referralCreatedEvent, statusChangedEvent } from '@hubkit/schema/fixtures';
import { signWebhook as serverSign, silentLogger, startHub } from '@hubkit/server';
import { isKnownWebhookEvent } from './core/events.ts';
import { HubkitError } from './errors/hubkit-error.ts';
import {
  WebhookVerificationError,
  signWebhook,
  verifyWebhook,
  webhooks,
  type WebhookVerificationReason,
} from './webhooks.ts';

const SECRET = 'whsec_TestSecretForTheSdkWebhookTests01';
const OTHER_SECRET = 'whsec_AnotherSecretForRotationTests0002';
/** 2026-09-02T14:00:00Z. */
const T = 1_788_357_600;
const at = (seconds: number) => () => new Date(seconds * 1000);

const statusBody = JSON.stringify(statusChangedEvent);
const createdBody = JSON.stringify(referralCreatedEvent);

/** The reason `promise` was refused with, after checking the error's class and message. */
async function refusal(
  promise: Promise<unknown>,
  secrets: readonly string[] = [SECRET],
  body = statusBody,
): Promise<WebhookVerificationReason> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof WebhookVerificationError, `a WebhookVerificationError, not ${String(error)}`);
    assert.ok(error instanceof HubkitError, 'one of the SDK’s errors');
    assert.equal(error.name, 'WebhookVerificationError');
    for (const secret of secrets) assert.ok(!error.message.includes(secret), 'no secret in the message');
    if (body !== '') assert.ok(!error.message.includes(body), 'no body in the message');
    assert.ok(!error.message.includes('HUB-6ZRK-EN'), 'nothing from the body in the message');
    return error.reason;
  }
  assert.fail('the delivery was accepted');
}

describe('webhooks.verify and webhooks.sign', () => {
  it('round-trips a status change event', async () => {
    const header = await signWebhook(statusBody, SECRET, { timestamp: T });
    assert.match(header, /^t=1788357600,v1=[0-9a-f]{64}$/);
    const event = await verifyWebhook(statusBody, header, SECRET, { now: at(T) });
    assert.deepEqual(event, statusChangedEvent);
    assert.equal(event.type, 'referral.status_changed');
  });

  describe('from a hub newer than the SDK', () => {
    const verify = async (event: unknown) => {
      const body = JSON.stringify(event);
      return verifyWebhook(body, await signWebhook(body, SECRET, { timestamp: T }), SECRET, { now: at(T) });
    };

    it('verifies an event with a field it does not know, dropping the field', async () => {
      const event = await verify({
        ...statusChangedEvent,
        deliveryAttempt: 2,
        data: {
          ...statusChangedEvent.data,
          note: 'new',
          referral: { ...statusChangedEvent.data.referral, team: 'x' },
        },
      });
      assert.deepEqual(event, statusChangedEvent);
    });

    it('verifies an event with a status, a role and a need it does not know, kept as sent', async () => {
      const changed = await verify({
        ...statusChangedEvent,
        data: { ...statusChangedEvent.data, to: 'escalated', by: 'duty_team' },
      });
      assert.ok(isKnownWebhookEvent(changed) && changed.type === 'referral.status_changed');
      assert.equal(changed.data.to, 'escalated');
      assert.equal(changed.data.by, 'duty_team');
      const created = await verify({
        ...referralCreatedEvent,
        data: {
          referral: { ...referralCreatedEvent.data.referral, needs: ['housing', 'digital_access'] },
        },
      });
      assert.ok(isKnownWebhookEvent(created) && created.type === 'referral.created');
      assert.deepEqual(created.data.referral.needs, ['housing', 'digital_access']);
    });

    it('verifies an event of a type it does not know, returned as sent and told apart', async () => {
      const sent = {
        id: statusChangedEvent.id,
        type: 'referral.escalated',
        apiVersion: 'v1',
        createdAt: statusChangedEvent.createdAt,
        data: { referral: statusChangedEvent.data.referral, level: 2 },
      };
      const event = await verify(sent);
      assert.deepEqual(event, sent);
      assert.equal(isKnownWebhookEvent(event), false);
      assert.equal(isKnownWebhookEvent(await verify(statusChangedEvent)), true);
    });
  });

  it('round-trips a referral created event through the webhooks object', async () => {
    assert.equal(webhooks.verify, verifyWebhook);
    assert.equal(webhooks.sign, signWebhook);
    const header = await webhooks.sign(createdBody, SECRET, { timestamp: T });
    const event = await webhooks.verify(createdBody, header, SECRET, { now: at(T) });
    if (!isKnownWebhookEvent(event) || event.type !== 'referral.created')
      assert.fail(`a referral.created event, not ${event.type}`);
    assert.deepEqual(event.data.referral.needs, ['housing', 'benefits', 'money_debt']);
    assert.deepEqual(event, referralCreatedEvent);
  });

  it('signs at the current time when no timestamp is given', async () => {
    const before = Math.floor(Date.now() / 1000);
    const header = await signWebhook(statusBody, SECRET);
    const after = Math.floor(Date.now() / 1000);
    const t = Number(/^t=(\d+),/.exec(header)?.[1]);
    assert.ok(t >= before && t <= after, `${t} is now`);
    assert.deepEqual(await verifyWebhook(statusBody, header, SECRET), statusChangedEvent);
  });

  it('verifies what the hub’s own signWebhook signs, and signs exactly as it does', async () => {
    for (const body of [statusBody, createdBody]) {
      const header = serverSign(SECRET, body, T);
      assert.equal(await signWebhook(body, SECRET, { timestamp: T }), header);
      assert.deepEqual(await verifyWebhook(body, header, SECRET, { now: at(T + 10) }), JSON.parse(body));
    }
    // Text beyond ASCII is signed as UTF-8 on both sides.
    const welsh = JSON.stringify({ note: 'Croeso i’r hyb: ŵ ŷ 🏠' });
    assert.equal(await signWebhook(welsh, SECRET, { timestamp: T }), serverSign(SECRET, welsh, T));
  });

  it('keeps the browser test’s vector honest: it is what the hub signs', () => {
    // webhooks.browser.test.ts checks a browser accepts exactly this header for this body.
    assert.equal(
      serverSign(SECRET, createdBody, T),
      't=1788357600,v1=8e661bf2892738bd25afe23c0b3086de89132bd9d1fb0860eeb1ae557c781a42',
    );
  });

  it('accepts the body as bytes (a Uint8Array), as a server framework may give it', async () => {
    const bytes = new TextEncoder().encode(createdBody);
    const header = serverSign(SECRET, createdBody, T);
    assert.deepEqual(await verifyWebhook(bytes, header, SECRET, { now: at(T) }), referralCreatedEvent);
    // Signing bytes and signing the same text give the same header.
    assert.equal(await signWebhook(bytes, SECRET, { timestamp: T }), header);
    // A view into a bigger buffer counts only its own bytes.
    const padded = new Uint8Array(bytes.length + 8);
    padded.set(bytes, 4);
    const view = padded.subarray(4, 4 + bytes.length);
    assert.deepEqual(await verifyWebhook(view, header, SECRET, { now: at(T) }), referralCreatedEvent);
  });

  it('verifies a real delivery from a running hub, byte for byte as it arrived', async () => {
    const received: { headers: IncomingHttpHeaders; body: Uint8Array }[] = [];
    const receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: new Uint8Array(Buffer.concat(chunks)) });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hub = await startHub({
      port: 0,
      db: ':memory:',
      demo: true,
      logger: silentLogger,
      webhooks: { allowPrivateNetworks: true, intervalMs: 20 },
    });
    try {
      const key = hub.demoKeys?.secretKey ?? assert.fail('the demo hub has a secret key');
      const call = async (path: string, body: object) => {
        const response = await fetch(`${hub.url}${path}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        const answer = (await response.json()) as { id?: string; secret?: string };
        assert.equal(response.status, 201, JSON.stringify(answer));
        return answer;
      };
      const { port } = receiver.address() as AddressInfo;
      const endpoint = await call('/v1/webhook-endpoints', {
        url: `http://127.0.0.1:${port}/webhooks`,
        events: ['referral.created'],
      });
      const secret = endpoint.secret ?? assert.fail('the new endpoint’s secret');
      assert.match(secret, /^whsec_/);
      const referral = await call('/v1/referrals', councillorDebtAndFood);

      const deadline = Date.now() + 5000;
      while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const [delivery] = received;
      assert.ok(delivery, 'the hub delivered the event');
      const header = delivery.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()];
      assert.equal(typeof header, 'string');

      const event = await verifyWebhook(delivery.body, header as string, secret);
      if (!isKnownWebhookEvent(event) || event.type !== 'referral.created')
        assert.fail(`a referral.created event, not ${event.type}`);
      assert.equal(event.data.referral.id, referral.id);
      // The same delivery with another endpoint's secret is refused.
      assert.equal(
        await refusal(
          verifyWebhook(delivery.body, header as string, OTHER_SECRET),
          [secret, OTHER_SECRET],
          '',
        ),
        'no_matching_signature',
      );
    } finally {
      await hub.close();
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => {
        receiver.close(() => {
          resolve();
        });
      });
    }
  });

  describe('refuses', () => {
    const signed = (body = statusBody, t = T, secret = SECRET) => serverSign(secret, body, t);

    it('a missing header: missing_header', async () => {
      for (const header of [undefined, null, '', '   ']) {
        assert.equal(
          await refusal(verifyWebhook(statusBody, header, SECRET, { now: at(T) })),
          'missing_header',
          JSON.stringify(header),
        );
      }
    });

    it('a header that is not t=…,v1=…: malformed_header', async () => {
      const v1 = /v1=([0-9a-f]{64})/.exec(signed())?.[1] ?? assert.fail('a v1 signature');
      for (const header of [
        'garbage',
        `v1=${v1}`,
        `t=soon,v1=${v1}`,
        `t=-5,v1=${v1}`,
        `t=1.5,v1=${v1}`,
        `t=${T},t=${T},v1=${v1}`,
        `t=${T},v1=${v1.slice(1)}`,
        `t=${T},v1=${v1}zz`,
        `t=${T},v1=`,
        `t=${T},=${v1}`,
        `t=${T};v1=${v1}`,
      ]) {
        assert.equal(
          await refusal(verifyWebhook(statusBody, header, SECRET, { now: at(T) })),
          'malformed_header',
          header,
        );
      }
    });

    it('a signature made with another secret, for another time, or of another scheme only: no_matching_signature', async () => {
      const v1 = /v1=([0-9a-f]{64})/.exec(signed())?.[1] ?? assert.fail('a v1 signature');
      for (const header of [
        signed(statusBody, T, OTHER_SECRET),
        `t=${T + 1},v1=${v1}`,
        `t=${T},v0=${v1}`,
        `t=${T}`,
        signed(createdBody),
      ]) {
        assert.equal(
          await refusal(verifyWebhook(statusBody, header, SECRET, { now: at(T) }), [SECRET, OTHER_SECRET]),
          'no_matching_signature',
          header,
        );
      }
    });

    it('a body changed by one byte: no_matching_signature', async () => {
      const header = signed();
      const changed = statusBody.replace('"to":"assigned"', '"to":"assignee"');
      assert.equal(changed.length, statusBody.length);
      assert.notEqual(changed, statusBody);
      assert.equal(
        await refusal(verifyWebhook(changed, header, SECRET, { now: at(T) })),
        'no_matching_signature',
      );
      const bytes = new TextEncoder().encode(statusBody);
      bytes[bytes.length - 2] = (bytes[bytes.length - 2] ?? 0) ^ 0x01;
      assert.equal(
        await refusal(verifyWebhook(bytes, header, SECRET, { now: at(T) })),
        'no_matching_signature',
      );
      // One byte more (a trailing newline) is a different body too.
      assert.equal(
        await refusal(verifyWebhook(`${statusBody}\n`, header, SECRET, { now: at(T) })),
        'no_matching_signature',
      );
    });

    it('a body parsed and serialised again with other whitespace: no_matching_signature', async () => {
      const header = signed();
      const reserialised = JSON.stringify(JSON.parse(statusBody), null, 2);
      assert.deepEqual(JSON.parse(reserialised), JSON.parse(statusBody), 'the same event');
      assert.equal(
        await refusal(verifyWebhook(reserialised, header, SECRET, { now: at(T) }), [SECRET], reserialised),
        'no_matching_signature',
      );
    });

    it('a signed body that is not a webhook event: invalid_payload', async () => {
      const bodies = [
        'not json at all',
        '',
        JSON.stringify({ ...referralCreatedEvent, data: { referral: { id: 'nope' } } }),
        // A known type whose data is not its contract is not passed off as an unknown type.
        JSON.stringify({ ...statusChangedEvent, data: { ...statusChangedEvent.data, to: 7 } }),
        JSON.stringify({ ...statusChangedEvent, type: 42 }),
        JSON.stringify({ id: statusChangedEvent.id, type: 'referral.escalated' }),
        '[]',
      ];
      for (const body of bodies) {
        assert.equal(
          await refusal(verifyWebhook(body, signed(body), SECRET, { now: at(T) }), [SECRET], body),
          'invalid_payload',
          body,
        );
      }
      // Bytes that are not UTF-8, correctly signed.
      const bytes = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
      const header = await signWebhook(bytes, SECRET, { timestamp: T });
      assert.equal(await refusal(verifyWebhook(bytes, header, SECRET, { now: at(T) })), 'invalid_payload');
    });

    it('a timestamp more than five minutes from now, either way: timestamp_outside_tolerance', async () => {
      assert.equal(WEBHOOK_TOLERANCE_SECONDS, 300);
      const header = signed();
      // Exactly at the edge is accepted, in the past and in the future (a fast clock).
      assert.deepEqual(
        await verifyWebhook(statusBody, header, SECRET, { now: at(T + 300) }),
        statusChangedEvent,
      );
      assert.deepEqual(
        await verifyWebhook(statusBody, header, SECRET, { now: at(T - 300) }),
        statusChangedEvent,
      );
      // Part of a second past the edge is still that second.
      const justAfter = () => new Date((T + 300) * 1000 + 999);
      assert.deepEqual(
        await verifyWebhook(statusBody, header, SECRET, { now: justAfter }),
        statusChangedEvent,
      );
      // One second past it is refused.
      for (const now of [T + 301, T - 301, T + 86_400]) {
        assert.equal(
          await refusal(verifyWebhook(statusBody, header, SECRET, { now: at(now) })),
          'timestamp_outside_tolerance',
          String(now - T),
        );
      }
    });

    it('a timestamp outside a tolerance of the receiver’s choosing', async () => {
      const header = signed();
      const options = (now: number) => ({ now: at(now), toleranceSeconds: 10 });
      assert.deepEqual(await verifyWebhook(statusBody, header, SECRET, options(T + 10)), statusChangedEvent);
      assert.equal(
        await refusal(verifyWebhook(statusBody, header, SECRET, options(T + 11))),
        'timestamp_outside_tolerance',
      );
      assert.deepEqual(
        await verifyWebhook(statusBody, header, SECRET, { now: at(T), toleranceSeconds: 0 }),
        statusChangedEvent,
      );
      await assert.rejects(verifyWebhook(statusBody, header, SECRET, { toleranceSeconds: -1 }), RangeError);
      await assert.rejects(
        verifyWebhook(statusBody, header, SECRET, { toleranceSeconds: Number.NaN }),
        RangeError,
      );
    });

    it('an old timestamp only once the signature is known to be good', async () => {
      // Unsigned and stale: the signature is what is wrong.
      assert.equal(
        await refusal(
          verifyWebhook(statusBody, signed(statusBody, T, OTHER_SECRET), SECRET, { now: at(T + 3600) }),
          [SECRET, OTHER_SECRET],
        ),
        'no_matching_signature',
      );
    });

    it('an empty secret and a body that was already parsed, as mistakes', async () => {
      await assert.rejects(verifyWebhook(statusBody, signed(), ''), TypeError);
      await assert.rejects(signWebhook(statusBody, ''), TypeError);
      await assert.rejects(
        verifyWebhook(statusChangedEvent as unknown as string, signed(), SECRET, { now: at(T) }),
        TypeError,
      );
      await assert.rejects(signWebhook(statusBody, SECRET, { timestamp: 1.5 }), RangeError);
    });
  });

  describe('secret rotation', () => {
    it('accepts a header with several v1 signatures when any matches, in any order', async () => {
      const oldSignature = serverSign(OTHER_SECRET, statusBody, T).split(',')[1] ?? '';
      const newSignature = serverSign(SECRET, statusBody, T).split(',')[1] ?? '';
      for (const header of [
        `t=${T},${oldSignature},${newSignature}`,
        `t=${T},${newSignature},${oldSignature}`,
        `${oldSignature}, t=${T}, ${newSignature}`,
      ]) {
        assert.deepEqual(await verifyWebhook(statusBody, header, SECRET, { now: at(T) }), statusChangedEvent);
        assert.deepEqual(
          await verifyWebhook(statusBody, header, OTHER_SECRET, { now: at(T) }),
          statusChangedEvent,
        );
      }
      // Neither secret is a third one.
      assert.equal(
        await refusal(
          verifyWebhook(statusBody, `t=${T},${oldSignature},${newSignature}`, 'whsec_third', { now: at(T) }),
          [SECRET, OTHER_SECRET, 'whsec_third'],
        ),
        'no_matching_signature',
      );
    });

    it('ignores signatures of schemes it does not know', async () => {
      const v1 = serverSign(SECRET, statusBody, T).split(',')[1] ?? '';
      const header = `t=${T},v0=deadbeef,${v1},v2=${'ab'.repeat(48)},x-future=anything`;
      assert.deepEqual(await verifyWebhook(statusBody, header, SECRET, { now: at(T) }), statusChangedEvent);
    });
  });
});
