/**
 * Reading what a request to the hub sends, as the reference server and the mocks both must:
 * a JSON body, and a query string in which a parameter given twice is a mistake. Pure: the
 * caller hands over the body's text and the query's pairs (`new URL(url).searchParams`).
 */
import { ProblemError } from './problems.ts';

/** Half of a UTF-16 surrogate pair on its own: with the `u` flag, a whole pair is one code point. */
const LONE_SURROGATE = /\p{Cs}/u;
/** `\uD800`–`\uDFFF` escaped in JSON text: the only way a body can carry a surrogate. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/**
 * Whether a string or key anywhere in a parsed JSON value holds a lone surrogate. A loop, not
 * recursion: JSON.parse takes nesting deep enough to overflow the stack.
 */
function holdsLoneSurrogate(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string') {
      if (LONE_SURROGATE.test(item)) return true;
    } else if (item !== null && typeof item === 'object') {
      for (const [key, inner] of Object.entries(item)) {
        if (LONE_SURROGATE.test(key)) return true;
        pending.push(inner);
      }
    }
  }
  return false;
}

/** The body's JSON, or a 400 that says where the body is wrong but never quotes it. */
export function parseJson(text: string): unknown {
  if (text.trim() === '')
    throw new ProblemError(400, 'invalid_json', 'The body is empty; send a JSON object.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    // The parser's message quotes the body: say where, not what.
    throw new ProblemError(400, 'invalid_json', 'The body is not valid JSON.');
  }
  // An escaped lone surrogate ("\ud800") is no character: UTF-8 cannot hold it, PostgreSQL's
  // jsonb refuses it, and I-JSON (RFC 7493) forbids it. Refused here, as a body that is not
  // UTF-8 is, it answers alike on every store, rather than a 500 on one.
  // Only an escape can make one (decoded UTF-8 holds none): most bodies are not walked at all.
  if (SURROGATE_ESCAPE.test(text) && holdsLoneSurrogate(parsed))
    throw new ProblemError(
      400,
      'invalid_json',
      'The body escapes half of a surrogate pair, which is no character.',
    );
  return parsed;
}

/** The query string as an object; a parameter given twice is a mistake, not a list. */
export function queryObject(params: Iterable<readonly [string, string]>): Record<string, string> {
  // No prototype: a parameter named __proto__ is just a parameter.
  const out = Object.create(null) as Record<string, string>;
  for (const [key, value] of params) {
    if (Object.hasOwn(out, key)) {
      throw new ProblemError(400, 'invalid_query', 'A query parameter was given more than once.', {
        errors: [{ path: `/${key}`, code: 'repeated', message: `Give ${key} once` }],
      });
    }
    out[key] = value;
  }
  return out;
}
