/**
 * Reading a request's body: JSON, as UTF-8 text. (Its size is limited before it is read, by
 * Hono's body-limit; parsing it, and the query string, is the schema's `parseJson` and `queryObject`.)
 */
import { ProblemError } from '@hubkit/hub';

/** Refuses anything but JSON (`application/json`, `application/*+json`) with 415. */
export function requireJson(request: Request): void {
  const type = request.headers.get('content-type') ?? '';
  const media = type.split(';')[0]?.trim().toLowerCase();
  if (media !== 'application/json' && !(media?.startsWith('application/') && media.endsWith('+json'))) {
    throw new ProblemError(
      415,
      'unsupported_media_type',
      'Send the body as JSON, with Content-Type: application/json.',
    );
  }
}

/** The body as UTF-8 text; 400 when it is not. */
export async function readUtf8(request: Request): Promise<string> {
  const bytes = new Uint8Array(await request.arrayBuffer());
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ProblemError(400, 'invalid_json', 'The body is not valid UTF-8.');
  }
}
