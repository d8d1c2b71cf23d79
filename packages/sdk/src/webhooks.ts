/**
 * Checking the signature of a webhook delivery: `Hubkit-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "<t>.<raw body>" keyed with the endpoint's whsec_ secret>`. Web Crypto only,
 * so it runs in browsers, Node ≥ 22, Deno, Bun and edge runtimes alike.
 */
import { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TOLERANCE_SECONDS } from '@hubkit/schema';
import { WebhookEventReader } from './core/events.ts';
import { HubkitError } from './errors/hubkit-error.ts';
import type { UnknownWebhookEvent, WebhookEvent } from './types.ts';

/** Why a delivery was refused. */
export type WebhookVerificationReason =
  | 'missing_header'
  | 'malformed_header'
  | 'no_matching_signature'
  | 'timestamp_outside_tolerance'
  | 'invalid_payload';

// Fixed words: a message never carries the secret, the body or the signatures.
const messages: Readonly<Record<WebhookVerificationReason, string>> = {
  missing_header: `The ${WEBHOOK_SIGNATURE_HEADER} header is missing.`,
  malformed_header: `The ${WEBHOOK_SIGNATURE_HEADER} header is not t=<unix seconds>,v1=<hex signature>.`,
  no_matching_signature: `No v1 signature in the ${WEBHOOK_SIGNATURE_HEADER} header matches this body and secret.`,
  timestamp_outside_tolerance:
    'The signature’s timestamp is too far from now: the delivery may be a replay, or a clock is wrong.',
  invalid_payload:
    'The signed body is not a webhook event: not JSON, no event envelope, or a known type whose data is not its contract.',
};

/** A delivery that must not be trusted. `reason` says why; the message never holds the secret or the body. */
export class WebhookVerificationError extends HubkitError {
  override readonly name = 'WebhookVerificationError';
  readonly reason: WebhookVerificationReason;

  constructor(reason: WebhookVerificationReason) {
    super(messages[reason]);
    this.reason = reason;
  }
}

export interface VerifyWebhookOptions {
  /** How far (either way) the signature's time may be from now. Default 300 (five minutes). */
  toleranceSeconds?: number;
  /** The clock; for tests. */
  now?: () => Date;
}

export interface SignWebhookOptions {
  /** Unix seconds to sign at. Default: now. */
  timestamp?: number;
}

const HEX_SIGNATURE = /^[0-9a-f]{64}$/i;
const encoder = new TextEncoder();

function bytesOf(body: string | Uint8Array): Uint8Array {
  return typeof body === 'string' ? encoder.encode(body) : body;
}

/** `${t}.` followed by the body's bytes exactly as received: never decoded and re-encoded. */
function signedContent(timestamp: number, body: string | Uint8Array): Uint8Array<ArrayBuffer> {
  const prefix = encoder.encode(`${timestamp}.`);
  const rest = bytesOf(body);
  const content = new Uint8Array(prefix.length + rest.length);
  content.set(prefix, 0);
  content.set(rest, prefix.length);
  return content;
}

function assertSecret(secret: unknown): asserts secret is string {
  // Web Crypto refuses an empty HMAC key; say what is wrong instead of a DataError.
  if (typeof secret !== 'string' || secret === '') {
    throw new TypeError('The webhook secret must be a non-empty string (whsec_…).');
  }
}

/** HMAC-SHA256 of `content` keyed with the secret's UTF-8 bytes, as the hub signs. */
async function hmac(secret: string, content: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const key = await globalThis.crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', key, content));
}

function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

function fromHex(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/**
 * Whether `a` and `b` hold the same bytes, in time that depends only on their length. Our own
 * compare rather than `crypto.subtle.verify`: the Web Crypto spec does not require `verify` to
 * run in constant time, so a compare we control behaves the same in every runtime. Every byte
 * is visited, with no early exit, so the time says nothing about where the first difference is.
 */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

interface ParsedHeader {
  timestamp: number;
  signatures: Uint8Array[];
}

/**
 * `t=…,v1=…[,v1=…]`: one timestamp, any number of v1 signatures (while a secret is rotated the
 * hub may sign with both), and other schemes ignored so that a new one can be added later.
 */
function parseHeader(header: string): ParsedHeader {
  let timestamp: number | undefined;
  const signatures: Uint8Array[] = [];
  for (const part of header.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const equals = item.indexOf('=');
    if (equals <= 0) throw new WebhookVerificationError('malformed_header');
    const scheme = item.slice(0, equals).trim();
    const value = item.slice(equals + 1).trim();
    if (scheme === 't') {
      if (timestamp !== undefined || !/^\d{1,15}$/.test(value)) {
        throw new WebhookVerificationError('malformed_header');
      }
      timestamp = Number(value);
    } else if (scheme === 'v1') {
      if (!HEX_SIGNATURE.test(value)) throw new WebhookVerificationError('malformed_header');
      signatures.push(fromHex(value));
    }
  }
  if (timestamp === undefined) throw new WebhookVerificationError('malformed_header');
  return { timestamp, signatures };
}

function parseEvent(body: string | Uint8Array): WebhookEvent | UnknownWebhookEvent {
  let data: unknown;
  try {
    const text = typeof body === 'string' ? body : new TextDecoder('utf-8', { fatal: true }).decode(body);
    data = JSON.parse(text);
  } catch {
    throw new WebhookVerificationError('invalid_payload');
  }
  // Read as the events list is: a field or a code added later is no reason to refuse a signed
  // delivery, nor is an event type added later (it comes back as an UnknownWebhookEvent).
  const parsed = WebhookEventReader.safeParse(data);
  if (!parsed.success) throw new WebhookVerificationError('invalid_payload');
  return parsed.data;
}

/**
 * Checks a webhook delivery and returns its event.
 *
 * Pass the body exactly as it arrived (the string or bytes, before any JSON parsing: a body
 * parsed and serialised again no longer matches), the `Hubkit-Signature` header and the
 * endpoint's secret. Throws `WebhookVerificationError` when the signature does not match, the
 * timestamp is more than `toleranceSeconds` from now, or the body is not a webhook event.
 *
 * A hub newer than this SDK may send fields, codes and event types it does not know: fields are
 * dropped, codes kept as strings, and an event of a type it does not know is returned as an
 * `UnknownWebhookEvent` (its envelope and data as sent). `isKnownWebhookEvent(event)` tells them
 * apart, and narrows:
 *
 * ```ts
 * const event = await verifyWebhook(rawBody, request.headers.get('Hubkit-Signature'), secret);
 * if (!isKnownWebhookEvent(event)) return; // a type added after this SDK: acknowledge it
 * if (event.type === 'referral.status_changed') console.log(event.data.to);
 * ```
 */
export async function verifyWebhook(
  rawBody: string | Uint8Array,
  signatureHeader: string | null | undefined,
  secret: string,
  options: VerifyWebhookOptions = {},
): Promise<WebhookEvent | UnknownWebhookEvent> {
  assertSecret(secret);
  const tolerance = options.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS;
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    throw new RangeError(`toleranceSeconds must be a number of seconds from 0, not ${tolerance}`);
  }
  if (typeof (rawBody as unknown) !== 'string' && !(rawBody instanceof Uint8Array)) {
    throw new TypeError('Pass the raw body as received, as a string or a Uint8Array, not parsed JSON.');
  }
  if (signatureHeader === null || signatureHeader === undefined || signatureHeader.trim() === '') {
    throw new WebhookVerificationError('missing_header');
  }
  const { timestamp, signatures } = parseHeader(signatureHeader);

  // Authentic first, then fresh: a timestamp is only worth reading once it is known to be signed.
  const expected = await hmac(secret, signedContent(timestamp, rawBody));
  let matched = false;
  // Every candidate is compared, so the time taken does not say which of them matched.
  for (const signature of signatures) matched = constantTimeEqual(expected, signature) || matched;
  if (!matched) throw new WebhookVerificationError('no_matching_signature');

  const now = Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
  if (Math.abs(now - timestamp) > tolerance)
    throw new WebhookVerificationError('timestamp_outside_tolerance');

  return parseEvent(rawBody);
}

/**
 * The `Hubkit-Signature` header value the hub would send with `rawBody`: for partners' own
 * tests of their webhook endpoints. Signs at `options.timestamp` (unix seconds), or now.
 */
export async function signWebhook(
  rawBody: string | Uint8Array,
  secret: string,
  options: SignWebhookOptions = {},
): Promise<string> {
  assertSecret(secret);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new RangeError(`timestamp must be whole unix seconds, not ${timestamp}`);
  }
  const signature = toHex(await hmac(secret, signedContent(timestamp, rawBody)));
  return `t=${timestamp},v1=${signature}`;
}

/** Webhook signatures: `webhooks.verify(rawBody, header, secret)` and, for tests, `webhooks.sign(rawBody, secret)`. */
export const webhooks = { verify: verifyWebhook, sign: signWebhook } as const;
