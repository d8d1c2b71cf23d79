/**
 * HTTP as the reference hub speaks it, on the Fetch API (so the mock runs in browsers and Node):
 * request ids, JSON and problem responses, the headers every answer carries, JSON bodies within
 * a size limit, query strings, and cursors.
 */
import { CORRELATION_ID_HEADER, REQUEST_ID_HEADER, type Lang } from '@hubkit/schema';
import { problemBody, ProblemError } from '@hubkit/hub';
import { CursorError } from './problem.ts';

const CORRELATION_ID = /^[\x21-\x7e]{1,200}$/;

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

/** `req_` and 16 random characters, as the hub makes them. */
export function newRequestId(): string {
  return `req_${base64url(randomBytes(12))}`;
}

/** A JSON answer; problem+json from 400 up, and no body for 204. */
export function jsonResponse(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(status === 204 ? null : typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': `${type}; charset=utf-8`, ...headers },
  });
}

export function problemResponse(problem: ProblemError, lang: Lang, requestId: string): Response {
  const body = problemBody(problem.status, problem.code, lang, requestId, problem.message, problem.errors);
  return jsonResponse(body, problem.status, problem.headers);
}

/** What the hub adds to every answer: the request id, the caller's correlation id, no sniffing. */
export function finishHeaders(response: Response, request: Request, requestId: string): void {
  const headers = response.headers;
  headers.set(REQUEST_ID_HEADER, requestId);
  const correlation = request.headers.get(CORRELATION_ID_HEADER);
  if (correlation && CORRELATION_ID.test(correlation)) headers.set(CORRELATION_ID_HEADER, correlation);
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Referrer-Policy', 'no-referrer');
}

/** Reads the body as UTF-8 text, refusing more than `limit` bytes and anything but JSON. */
export async function readJsonText(request: Request, limit: number): Promise<string> {
  const type = request.headers.get('content-type') ?? '';
  const media = type.split(';')[0]?.trim().toLowerCase();
  if (media !== 'application/json' && !(media?.startsWith('application/') && media.endsWith('+json'))) {
    throw new ProblemError(
      415,
      'unsupported_media_type',
      'Send the body as JSON, with Content-Type: application/json.',
    );
  }
  const tooLarge = () =>
    new ProblemError(413, 'payload_too_large', `The body may be at most ${limit} bytes.`);
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > limit) throw tooLarge();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ProblemError(400, 'invalid_json', 'The body is not valid UTF-8.');
  }
}

/**
 * Opaque, tamper-evident cursors, as the hub gives them out: the sort keys of the last item of a
 * page, as base64url JSON after a random per-mock prefix, and remembered. The hub signs its
 * cursors with an HMAC; here, where reads are synchronous and Web Crypto is not, a cursor is good
 * only if this mock issued it, which a caller sees the same way: anything else is a 400.
 */
export class IssuedCursors {
  readonly #prefix = base64url(randomBytes(12));
  readonly #issued = new Map<string, (string | number)[]>();

  encode(keys: readonly (string | number)[]): string {
    const cursor = `${this.#prefix}.${base64url(new TextEncoder().encode(JSON.stringify(keys)))}`;
    // Re-inserted, so the oldest cursors are the ones forgotten when a long test makes many.
    this.#issued.delete(cursor);
    this.#issued.set(cursor, [...keys]);
    if (this.#issued.size > 100_000) this.#issued.delete(this.#issued.keys().next().value ?? '');
    return cursor;
  }

  decode(cursor: string, arity: number): (string | number)[] {
    const keys = this.#issued.get(cursor);
    if (keys?.length !== arity) throw new CursorError('The cursor is not one this hub gave out');
    return [...keys];
  }
}

/** Web origins as browsers send them: scheme, host and port, no path. */
export function normaliseOrigin(origin: string): string | null {
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}
