/**
 * Type-level tests of the SDK's public types, checked by `tsc -b` in the test command: every
 * line below must compile, and every `@ts-expect-error` must really be an error.
 */
import type * as schema from '@hubkit/schema';
import { NEED_CODES, type ReferralStatus, type WebhookEventType } from '@hubkit/schema';
import { consentOnline, councillorDebtAndFood } from '@hubkit/schema/fixtures';
import type { APIPromise } from './index.ts';
import {
  APIError,
  APIUserAbortError,
  Hubkit,
  isKnownCode,
  isKnownWebhookEvent,
  RateLimitError,
  ValidationError,
  createDirectoryReader,
  webhooks,
  type DirectoryPage,
  type Page,
  type PagePromise,
  type Logger,
  type Referral,
  type SearchPage,
  type ReferralConsentParams,
  type ReferralCreateParams,
  type Service,
  type ServiceSearchResult,
  type UnknownWebhookEvent,
  type WebhookEvent,
} from './index.ts';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_proof?: T): void {}

declare const hub: Hubkit;

// Answers are the schema's types as read from a hub that may be newer: a single call is an
// APIPromise (a Promise of the data, with withResponse() and asResponse()).
expectType<Equals<ReturnType<Hubkit['referrals']['create']>, APIPromise<Referral>>>();
expectType<Equals<Awaited<ReturnType<Hubkit['referrals']['create']>>, Referral>>();
const created: Promise<Referral> = hub.referrals.create(councillorDebtAndFood);
void created;
async function raw(): Promise<void> {
  const { data, response } = await hub.referrals.retrieve('id').withResponse();
  expectType<Equals<typeof data, Referral>>();
  expectType<Equals<typeof response, Response>>();
  expectType<Equals<Awaited<ReturnType<APIPromise<Referral>['asResponse']>>, Response>>();
}
void raw;
expectType<Equals<Awaited<ReturnType<Hubkit['referrals']['retrieve']>>, Referral>>();
expectType<Equals<ReturnType<Hubkit['referrals']['list']>, PagePromise<Referral>>>();
expectType<Equals<Awaited<ReturnType<Hubkit['referrals']['list']>>, Page<Referral>>>();
expectType<
  Equals<ReturnType<Hubkit['referrals']['events']>, PagePromise<WebhookEvent | UnknownWebhookEvent>>
>();
expectType<Equals<ReturnType<Hubkit['services']['search']>, PagePromise<ServiceSearchResult, SearchPage>>>();
// A search page says whether its order is by distance; a newer hub may say something new.
expectType<
  Equals<
    Awaited<ReturnType<Hubkit['services']['search']>>['distances'],
    'from_postcode' | 'no_postcode' | 'postcode_not_found' | (string & {})
  >
>();
expectType<Equals<Awaited<ReturnType<Hubkit['services']['retrieve']>>, Service>>();
expectType<Equals<Awaited<ReturnType<Hubkit['webhookEndpoints']['create']>>['secret'], string>>();

// The same fields as the schema's; a code may be one this SDK does not know yet, kept as a string.
expectType<Equals<keyof Referral, keyof schema.Referral>>();
expectType<Equals<Referral['status'], ReferralStatus | (string & {})>>();
expectType<Equals<Referral['history'][number]['from'], ReferralStatus | (string & {}) | null>>();
expectType<Equals<Referral['consentId'], string | null>>();
expectType<Equals<Referral['notes'], string | undefined>>();
expectType<Equals<Service['status'], schema.Service['status'] | (string & {})>>();
// What the hub could send today reads as an answer: the schema's types fit the answers'.
const stored: Referral = {} as schema.Referral;
void stored;
// @ts-expect-error: an answer may hold a status this SDK does not know, so it is not a schema Referral.
const strict: schema.Referral = {} as Referral;
void strict;

// A fixture is a valid create; the fields people get wrong are caught at compile time.
const valid: ReferralCreateParams = councillorDebtAndFood;
void hub.referrals.create(valid);
// The consent can travel with the referral; it names no referral of its own.
const consent: ReferralConsentParams = consentOnline;
void hub.referrals.create({ ...councillorDebtAndFood, consent });
// @ts-expect-error: the referral it is for is the one being made.
void hub.referrals.create({ ...councillorDebtAndFood, consent: { ...consentOnline, referralId: 'id' } });
// @ts-expect-error: a referral needs its needs.
void hub.referrals.create({
  resident: councillorDebtAndFood.resident,
  referrer: councillorDebtAndFood.referrer,
  safeguarding: councillorDebtAndFood.safeguarding,
});
// @ts-expect-error: needs are codes from the codelist.
void hub.referrals.create({ ...councillorDebtAndFood, needs: [{ code: 'money', urgency: 'soon' }] });
// @ts-expect-error: there is no such status.
void hub.referrals.transition('id', { to: 'finished' });
// @ts-expect-error: list filters are typed too.
void hub.referrals.list({ status: 'open' });
void hub.referrals.list({ status: 'accepted', need: 'food', limit: 10 });

// Transition targets are the lifecycle's statuses.
type To = Parameters<Hubkit['referrals']['transition']>[1]['to'];
expectType<Equals<To, ReferralStatus>>();

// Iterating a list gives items; its pages give pages.
async function iterate(): Promise<void> {
  for await (const referral of hub.referrals.list()) expectType<Equals<typeof referral, Referral>>();
  for await (const page of hub.referrals.list().pages()) expectType<Equals<typeof page, Page<Referral>>>();
}
void iterate;

// Errors narrow with instanceof and carry what a caller needs.
function handle(error: unknown): string {
  if (error instanceof APIUserAbortError) return 'stopped by the caller';
  if (error instanceof APIError) expectType<Equals<typeof error.headers, Headers | undefined>>();
  if (error instanceof ValidationError) return error.errors.map((e) => `${e.path}: ${e.message}`).join('\n');
  if (error instanceof RateLimitError) return String(error.retryAfterSeconds ?? 0);
  if (error instanceof APIError) return `${error.status} ${error.code ?? ''} ${error.requestId ?? ''}`;
  return 'unknown';
}
void handle;

// Options are checked.
// @ts-expect-error: maxRetries is a number.
void new Hubkit({ apiKey: 'sk_x', baseUrl: 'https://hub.example.org', maxRetries: 'two' });
// @ts-expect-error: baseUrl is required.
void new Hubkit({ apiKey: 'pk_x' });
// A logger is anything with console's methods; the level is one of five.
const logger: Logger = console;
void new Hubkit({ apiKey: 'sk_x', baseUrl: 'https://hub.example.org', logger, logLevel: 'debug' });
// @ts-expect-error: there is no such level.
void new Hubkit({ apiKey: 'sk_x', baseUrl: 'https://hub.example.org', logLevel: 'verbose' });

// A verified webhook is a known event, narrowed by its type, or one of a type added later.
async function receive(raw: string, header: string | null): Promise<void> {
  const event = await webhooks.verify(raw, header, 'whsec_x');
  expectType<Equals<typeof event, WebhookEvent | UnknownWebhookEvent>>();
  expectType<Equals<typeof event.type, string>>();
  if (!isKnownWebhookEvent(event)) {
    expectType<Equals<typeof event, UnknownWebhookEvent>>();
    expectType<Equals<typeof event.data, Record<string, unknown>>>();
    return;
  }
  expectType<Equals<typeof event.type, WebhookEventType>>();
  if (event.type === 'referral.status_changed') {
    expectType<Equals<typeof event.data.to, ReferralStatus | (string & {})>>();
  }
  // @ts-expect-error: the body must be the raw string or bytes, not parsed JSON.
  await webhooks.verify(JSON.parse(raw) as object, header, 'whsec_x');
}
void receive;

// Any ORUK publisher reads into the schema's services.
async function readDirectory(): Promise<void> {
  const reader = createDirectoryReader('https://council.example.gov.uk/oruk');
  const nearby = await reader.search({ postcode: 'N7 6QX', proximityKm: 2, need: 'food' }).first(5);
  expectType<Equals<typeof nearby, schema.Service[]>>();
  // What it reads fits where the hub's answers go.
  const shown: Service[] = nearby;
  void shown;
  for await (const page of reader.search().pages()) expectType<Equals<typeof page, DirectoryPage>>();
  // @ts-expect-error: needs are codes from the codelist.
  void reader.search({ need: 'groceries' });
}
void readDirectory;

// A list's first page can be read with its Response too.
async function firstPage(): Promise<void> {
  const { data, response } = await hub.referrals.list().withResponse();
  expectType<Equals<typeof data, Page<Referral>>>();
  expectType<Equals<typeof response, Response>>();
}
void firstPage;

// A code read from the hub narrows to the known ones before it is sent back.
async function sendBack(referral: Referral): Promise<void> {
  const [need] = referral.needs;
  if (!need) return;
  // @ts-expect-error: a need code this SDK does not know cannot be sent.
  await hub.referrals.recordOutcome(referral.id, { need: need.code, code: 'advice_given' });
  if (isKnownCode(NEED_CODES, need.code)) {
    await hub.referrals.recordOutcome(referral.id, { need: need.code, code: 'advice_given' });
  }
}
void sendBack;
