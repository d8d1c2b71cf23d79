/**
 * Reading a request's body: UTF-8 JSON text within a size limit, cut off as soon as it is too
 * large. (Parsing it, and the query string, is the schema's `parseJson` and `queryObject`.)
 */
import { ProblemError } from '@hubkit/hub';

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
