/**
 * Reading what a request to the hub sends, as the reference server and the mocks both must:
 * a JSON body, and a query string in which a parameter given twice is a mistake. Pure: the
 * caller hands over the body's text and the query's pairs (`new URL(url).searchParams`).
 */
import { ProblemError } from './problems.ts';

/** The body's JSON, or a 400 that says where the body is wrong but never quotes it. */
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
