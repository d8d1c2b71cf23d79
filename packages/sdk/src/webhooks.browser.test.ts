/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { statusChangedEvent } from '@hubkit/schema/fixtures';
import { WebhookVerificationError, webhooks } from './webhooks.ts';

const SECRET = 'whsec_TestSecretForTheSdkWebhookTests01';
const T = 1_788_357_600;
const at = (seconds: number) => () => new Date(seconds * 1000);
const body = JSON.stringify(statusChangedEvent);

const HUB_BODY =
  '{"id":"9d45f0d4-c499-458b-b443-c33a6f1a5441","type":"referral.created","apiVersion":"v1","createdAt":"2026-09-02T08:12:00.050Z","data":{"referral":{"id":"edea930a-29bb-4e60-8e14-93489f65c0b7","reference":"HUB-6ZRK-EN","status":"submitted","priority":"urgent","needs":["housing","benefits","money_debt"]}}}';
const HUB_HEADER = 't=1788357600,v1=8e661bf2892738bd25afe23c0b3086de89132bd9d1fb0860eeb1ae557c781a42';

const hubHeader = () => webhooks.sign(body, SECRET, { timestamp: T });

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(WebhookVerificationError);
    return (error as WebhookVerificationError).reason;
  }
  throw new Error('the delivery was accepted');
}

describe('@hubkit/sdk webhooks in a browser', () => {
  it('runs on the browser’s Web Crypto, with no Node built-ins', () => {
    expect(typeof (globalThis as { process?: unknown }).process).to.equal('undefined');
    expect(typeof globalThis.crypto.subtle.sign).to.equal('function');
  });

  it('signs and verifies a delivery, string or bytes', async () => {
    const header = await hubHeader();
    expect(header).to.match(/^t=1788357600,v1=[0-9a-f]{64}$/);
    expect(await webhooks.verify(body, header, SECRET, { now: at(T) })).to.deep.equal(statusChangedEvent);
    const bytes = new TextEncoder().encode(body);
    expect(await webhooks.verify(bytes, header, SECRET, { now: at(T + 300) })).to.deep.equal(
      statusChangedEvent,
    );
  });

  it('verifies a delivery signed by the hub’s node:crypto signWebhook', async () => {
    // A test vector: the hub's signWebhook(SECRET, HUB_BODY, T), run once in Node.
    const event = await webhooks.verify(HUB_BODY, HUB_HEADER, SECRET, { now: at(T) });
    expect(event).to.deep.equal(JSON.parse(HUB_BODY));
    expect(event.type).to.equal('referral.created');
    expect(await webhooks.sign(HUB_BODY, SECRET, { timestamp: T })).to.equal(HUB_HEADER);
  });

  it('refuses a changed body, a wrong secret, a stale timestamp and a bad header', async () => {
    const header = await hubHeader();
    expect(await reasonOf(webhooks.verify(`${body} `, header, SECRET, { now: at(T) }))).to.equal(
      'no_matching_signature',
    );
    expect(await reasonOf(webhooks.verify(body, header, 'whsec_other', { now: at(T) }))).to.equal(
      'no_matching_signature',
    );
    expect(await reasonOf(webhooks.verify(body, header, SECRET, { now: at(T + 301) }))).to.equal(
      'timestamp_outside_tolerance',
    );
    expect(await reasonOf(webhooks.verify(body, 'v1=abc', SECRET, { now: at(T) }))).to.equal(
      'malformed_header',
    );
    expect(await reasonOf(webhooks.verify(body, null, SECRET, { now: at(T) }))).to.equal('missing_header');
  });
});
