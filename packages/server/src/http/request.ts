/** Reading what a request sends: a JSON body within a size limit, and a query string. */
import { ProblemError } from '../domain/problem.ts';

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
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    throw new ProblemError(413, 'payload_too_large', `The body may be at most ${limit} bytes.`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = (request.body as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        throw new ProblemError(413, 'payload_too_large', `The body may be at most ${limit} bytes.`);
      }
      chunks.push(value);
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ProblemError(400, 'invalid_json', 'The body is not valid UTF-8.');
  }
}

export function parseJson(text: string): unknown {
  if (text.trim() === '')
    throw new ProblemError(400, 'invalid_json', 'The body is empty; send a JSON object.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // The parser's message quotes the body: say where, not what.
    throw new ProblemError(400, 'invalid_json', 'The body is not valid JSON.');
  }
}

/** The query string as an object; a parameter given twice is a mistake, not a list. */
export function queryObject(url: string): Record<string, string> {
  const params = new URL(url).searchParams;
  const out: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    if (values.length > 1) {
      throw new ProblemError(400, 'invalid_query', 'A query parameter was given more than once.', {
        errors: [{ path: `/${key}`, code: 'repeated', message: `Give ${key} once` }],
      });
    }
    out[key] = values[0] ?? '';
  }
  return out;
}
