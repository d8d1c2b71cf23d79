/**
 * A partner's case-management system talking to a hubkit hub with @hubkit/sdk: record the
 * person's consent, make a referral with it, follow the referral as the hub moves it on, and
 * take the hub's signed webhooks on a small HTTP endpoint, checking each signature.
 *
 *   npm run example:node-referrals
 *
 * With HUBKIT_URL and HUBKIT_SECRET_KEY set (e.g. to the hub `npm start` runs and its demo
 * secret key) it talks to that hub; without them it starts the reference hub in this process,
 * in memory. It prints references, ids and statuses only: never a name or an address.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Hubkit,
  WebhookVerificationError,
  isKnownWebhookEvent,
  webhooks,
  type ConsentCreateParams,
  type ReferralCreateParams,
  type UnknownWebhookEvent,
  type WebhookEvent,
} from '@hubkit/sdk';
import { WEBHOOK_SIGNATURE_HEADER } from '@hubkit/schema';

const log = (line: string) => {
  process.stdout.write(`${line}\n`);
};

// --- Which hub, and whose keys ------------------------------------------------------------

interface Setup {
  baseUrl: string;
  /** The partner's key: records consent, makes and follows referrals. */
  partnerKey: string;
  /** The hub's own key: registers webhook endpoints and triages referrals (hub staff's work). */
  hubKey: string;
  stop: () => Promise<void>;
}

async function connect(): Promise<Setup> {
  const { HUBKIT_URL, HUBKIT_SECRET_KEY, HUBKIT_PARTNER_KEY } = process.env;
  if (HUBKIT_URL && HUBKIT_SECRET_KEY) {
    log(`Hub: ${HUBKIT_URL}`);
    return {
      baseUrl: HUBKIT_URL,
      // A hub-role secret key (such as `npm start`'s demo key) does both parts; a partner key
      // of its own (`hubkit-server keys create --secret --role referrer`) may be given too.
      partnerKey: HUBKIT_PARTNER_KEY ?? HUBKIT_SECRET_KEY,
      hubKey: HUBKIT_SECRET_KEY,
      stop: () => Promise.resolve(),
    };
  }
  // No hub given: the reference hub, here, in memory. Imported only now: a partner's own
  // system needs the SDK, not the server.
  const { startHub, makeKey, silentLogger } = await import('@hubkit/server');
  const running = await startHub({
    port: 0,
    db: ':memory:',
    demo: true,
    logger: silentLogger,
    // The hub refuses to deliver webhooks to loopback and private addresses (a webhook URL
    // must not let a partner make the hub call into its own network). This demo's receiver
    // is on this machine, so the guard is lifted for this in-process hub only; a real
    // endpoint is public HTTPS.
    webhooks: { allowPrivateNetworks: true, intervalMs: 100 },
  });
  if (!running.demoKeys) throw new Error('the demo hub made no keys');
  // A partner system's own key: it sees and follows only the referrals it made.
  const partner = makeKey({
    kind: 'secret',
    role: 'referrer',
    name: 'Example case-management system',
    now: running.hub.now(),
  });
  await running.hub.store.insertKey(partner.record);
  log(`Hub: the reference hub in memory at ${running.url}`);
  return {
    baseUrl: running.url,
    partnerKey: partner.key,
    hubKey: running.demoKeys.secretKey,
    stop: () => running.close(),
  };
}

// --- The webhook receiver -----------------------------------------------------------------

interface Receiver {
  url: string;
  /** Resolves once a verified event matches. */
  waitFor: (match: (event: WebhookEvent) => boolean, what: string) => Promise<WebhookEvent>;
  /** The first delivery as it arrived, to show a tampered copy being refused. */
  firstDelivery: () => { body: string; signature: string } | undefined;
  close: () => Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function startReceiver(getSecret: () => string): Promise<Receiver> {
  const verified: WebhookEvent[] = [];
  const waiting: { match: (event: WebhookEvent) => boolean; resolve: (event: WebhookEvent) => void }[] = [];
  let first: { body: string; signature: string } | undefined;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'POST' || request.url !== '/hubkit/webhooks') {
      response.writeHead(404).end();
      return;
    }
    // The raw body, exactly as it came: a body parsed and serialised again no longer matches
    // its signature.
    const body = await readBody(request);
    const signature = request.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()];
    try {
      const event = await webhooks.verify(
        body,
        typeof signature === 'string' ? signature : null,
        getSecret(),
      );
      first ??= { body, signature: signature as string };
      log(`  webhook ${event.type} verified: ${describe(event)}`);
      // A type added to the hub after this SDK: acknowledged, and nothing more to do with it.
      if (!isKnownWebhookEvent(event)) {
        response.writeHead(204).end();
        return;
      }
      verified.push(event);
      for (const waiter of [...waiting]) {
        if (waiter.match(event)) {
          waiting.splice(waiting.indexOf(waiter), 1);
          waiter.resolve(event);
        }
      }
      response.writeHead(204).end();
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      // Refused: not from the hub, altered on the way, or replayed.
      log(`  webhook refused (${error.reason})`);
      response.writeHead(400).end();
    }
  };
  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    // Where the hub can reach this receiver: this machine for a local hub, or the public HTTPS
    // address of a tunnel to it (WEBHOOK_URL) for a hub elsewhere.
    url: process.env.WEBHOOK_URL ?? `http://127.0.0.1:${port}/hubkit/webhooks`,
    waitFor: (match, what) => {
      const seen = verified.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve };
        waiting.push(waiter);
        setTimeout(() => {
          reject(new Error(`no verified webhook for ${what} within 30 s`));
        }, 30_000).unref();
      });
    },
    firstDelivery: () => first,
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

/** What an event says, by reference and status only: events carry no personal data. */
function describe(event: WebhookEvent | UnknownWebhookEvent): string {
  if (!isKnownWebhookEvent(event)) return `${event.type}, an event this SDK does not know yet`;
  switch (event.type) {
    case 'referral.created':
      return `${event.data.referral.reference} created (${event.data.referral.status})`;
    case 'referral.status_changed':
      return `${event.data.referral.reference} ${event.data.from ?? 'new'} → ${event.data.to} (by ${event.data.by})`;
    case 'referral.outcome_recorded':
      return `${event.data.referral.reference} outcome ${event.data.outcome.code}`;
    case 'consent.withdrawn':
      return `consent ${event.data.consentId} withdrawn`;
  }
}

// --- The referral (fictional: the person, practice and numbers are invented) ---------------

const consent: ConsentCreateParams = {
  givenBy: { type: 'resident', name: 'Tomasz Nowak' },
  givenAt: new Date().toISOString(),
  method: 'in_person',
  recordedBy: { name: 'Jordan Ellis', role: 'Social prescribing link worker' },
  privacyNotice: {
    version: '2026-04',
    textHash: 'sha256-2er7CPA6wdwLc5sZq4+kWAUcgbGWDBb06vqm/E//mKs=',
    url: 'https://hub.example.org/privacy',
  },
  controllers: [{ name: 'Community Hub (fictional council)', role: 'controller' }],
  purposes: [
    { purpose: 'hub_triage', granted: true },
    { purpose: 'share_with_services', granted: true },
    { purpose: 'contact', granted: true },
  ],
  lawfulBasis: 'public_task',
  specialCategoryCondition: 'substantial_public_interest',
  confidentialityBasis: 'explicit_consent',
};

const referral = (consentId: string): ReferralCreateParams => ({
  resident: {
    name: { given: 'Tomasz', family: 'Nowak' },
    dateOfBirth: '1952-11-08',
    contact: { phone: '+442079460321', methods: ['phone'], times: ['morning'], safeToLeaveMessage: true },
    address: { line1: '9 Harlesden Gardens', town: 'London', postcode: 'NW10 4HG' },
    language: { preferred: 'pl', interpreterNeeded: false },
  },
  referrer: {
    type: 'gp_practice',
    name: 'Jordan Ellis',
    role: 'Social prescribing link worker',
    organisation: { name: 'Harlesden Road Medical Centre (fictional)', odsCode: 'E84999' },
    contact: { email: 'jordan.ellis@example.com' },
    residentAware: true,
    residentAgreed: true,
  },
  needs: [
    {
      code: 'loneliness_isolation',
      urgency: 'routine',
      details: 'Widowed last year and rarely goes out. Interested in a walking group or a lunch club.',
    },
  ],
  safeguarding: { concern: false, immediateDanger: false },
  // Our own case number, so that the hub's events can be matched to our record.
  source: { channel: 'api', partnerReference: 'SP-2026-118' },
  consentId,
});

// --- The run ------------------------------------------------------------------------------

const setup = await connect();
let secret = '';
const receiver = await startReceiver(() => secret);
const partner = new Hubkit({ apiKey: setup.partnerKey, baseUrl: setup.baseUrl });
const hub = new Hubkit({ apiKey: setup.hubKey, baseUrl: setup.baseUrl });
let endpointId: string | undefined;

try {
  // 1. Where the hub sends events. The signing secret is in this answer only: keep it safe.
  const endpoint = await hub.webhookEndpoints.create({
    url: receiver.url,
    events: ['referral.created', 'referral.status_changed'],
    description: 'Example case-management system',
  });
  endpointId = endpoint.id;
  secret = endpoint.secret;
  log(`Webhook endpoint ${endpoint.id} registered`);

  // 2. Consent first: the referral carries the consent record's id.
  const recorded = await partner.consents.create(consent);
  log(`Consent ${recorded.id} recorded (${recorded.status})`);

  // 3. The referral. Created with an Idempotency-Key, so a retry never makes a second one.
  const made = await partner.referrals.create(referral(recorded.id));
  log(`Referral ${made.reference} created: ${made.status}`);
  await receiver.waitFor(
    (e) => e.type === 'referral.created' && e.data.referral.id === made.id,
    'referral.created',
  );

  // 4. The hub's triage team moves it on (their key, their role).
  for (const to of ['triage', 'accepted'] as const) {
    await hub.referrals.transition(made.id, { to });
    await receiver.waitFor(
      (e) => e.type === 'referral.status_changed' && e.data.referral.id === made.id && e.data.to === to,
      `the move to ${to}`,
    );
  }

  // 5. Following it from our side: its status now, and everything that has happened to it.
  const now = await partner.referrals.retrieve(made.id);
  log(`Referral ${now.reference} is now: ${now.status}`);
  const history: string[] = [];
  for await (const event of partner.referrals.events(made.id)) history.push(describe(event));
  log(`History of ${now.reference}:`);
  for (const line of history) log(`  ${line}`);

  // 6. A delivery altered on its way is refused: the same signature, one status changed.
  const first = receiver.firstDelivery();
  if (!first) throw new Error('no delivery to tamper with');
  const tampered = first.body.replace(/"status":"submitted"/, '"status":"accepted"');
  if (tampered === first.body) throw new Error('the first delivery did not say submitted');
  try {
    await webhooks.verify(tampered, first.signature, secret);
    throw new Error('a tampered webhook was accepted');
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    log(`Tampered webhook rejected by webhooks.verify: ${error.reason}`);
  }
  const answer = await fetch(receiver.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [WEBHOOK_SIGNATURE_HEADER]: first.signature },
    body: tampered,
  });
  log(`Tampered webhook sent to the endpoint: HTTP ${answer.status}`);
  if (answer.status !== 400) throw new Error('the endpoint took a tampered webhook');
  log('Done.');
} finally {
  // Nothing more to send to a receiver that is going away.
  if (endpointId) await hub.webhookEndpoints.delete(endpointId);
  await receiver.close();
  await setup.stop();
}
