/**
 * HTTP as the reference hub speaks it, on the Fetch API (so the mock runs in browsers and Node):
 * request ids, JSON and problem responses, the headers every answer carries, JSON bodies within
 * a size limit, and web origins.
 */
import { CORRELATION_ID_HEADER, REQUEST_ID_HEADER, type Lang } from '@hubkit/schema';
import { base64url, problemBody, ProblemError, randomBytes } from '@hubkit/hub';

const CORRELATION_ID = /^[\x21-\x7e]{1,200}$/;

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
