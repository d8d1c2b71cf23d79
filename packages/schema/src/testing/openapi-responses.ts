/**
 * Checks answers against the hub's OpenAPI document, so the document cannot drift from what the
 * hub (or the mock) really answers: the operation is found by method and path template, the
 * status must be listed for it (`default` covers only 5xx), the content type must be the one
 * documented (problem+json for errors), every header beyond plain HTTP ones must be documented
 * (and the required ones present, with values their schemas accept), and the body must match
 * the documented schema, checked with Ajv 2020 over the document's components.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { buildOpenApiDocument } from '../openapi.ts';

type Json = Record<string, any>;

/** Headers any HTTP answer may carry that an API document does not list. */
const PLAIN_HEADERS = new Set([
  'content-type',
  'content-length',
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'vary',
  'cache-control',
  'x-content-type-options',
  'referrer-policy',
  'access-control-allow-origin',
  'access-control-expose-headers',
]);

export interface CheckedAnswer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

interface Operation {
  id: string;
  method: string;
  pattern: RegExp;
  responses: Record<string, Json>;
}

export interface OpenApiResponses {
  /** Checks one answer; returns what is wrong with it (empty when it matches the document). */
  readonly check: (method: string, url: string, answer: CheckedAnswer) => string[];
  /** Every mismatch seen so far, each naming the request, the operation and the status. */
  readonly mismatches: string[];
  /** How many answers were checked against an operation, and which operation/status pairs. */
  readonly checked: number;
  readonly seen: Set<string>;
  /** Answers to addresses the document has no operation for (ORUK, unknown paths, other methods). */
  readonly outside: number;
}

export function openApiResponses(document: Json = buildOpenApiDocument()): OpenApiResponses {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const base = 'hubkit-openapi';
  ajv.addSchema({ $id: base, components: document.components });

  const resolve = (value: Json): Json => {
    let at: Json = value;
    while (typeof at.$ref === 'string') {
      const pointer = at.$ref.slice(2).split('/');
      at = pointer.reduce<Json>((node, part) => node[part.replace(/~1/g, '/').replace(/~0/g, '~')], document);
    }
    return at;
  };

  const validators = new Map<Json, ValidateFunction>();
  const validatorFor = (schema: Json): ValidateFunction => {
    let validate = validators.get(schema);
    if (!validate) {
      // Inline schemas refer to the components as `#/components/...` of the document.
      const rebased = JSON.parse(
        JSON.stringify(schema).replaceAll('"#/components/', `"${base}#/components/`),
      );
      validate = ajv.compile(rebased as Json);
      validators.set(schema, validate);
    }
    return validate;
  };

  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths as Record<string, Json>)) {
    const pattern = new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`);
    for (const [method, operation] of Object.entries(item)) {
      operations.push({
        id: operation.operationId as string,
        method: method.toUpperCase(),
        pattern,
        responses: operation.responses as Record<string, Json>,
      });
    }
  }

  const mismatches: string[] = [];
  const seen = new Set<string>();
  let checked = 0;
  let outside = 0;

  function check(method: string, url: string, answer: CheckedAnswer): string[] {
    const path = new URL(url, 'http://hub.invalid').pathname;
    // A HEAD is answered as the GET without its body.
    const asMethod = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
    const operation = operations.find((o) => o.method === asMethod && o.pattern.test(path));
    if (!operation) {
      outside += 1;
      return [];
    }
    checked += 1;
    const found: string[] = [];
    const where = `${operation.id} ${answer.status} (${method} ${path})`;
    seen.add(`${operation.id} ${answer.status}`);
    const listed =
      operation.responses[String(answer.status)] ??
      (answer.status >= 500 ? operation.responses.default : undefined);
    if (!listed) {
      found.push(`${where}: status ${answer.status} is not documented for ${operation.id}`);
    } else {
      const response = resolve(listed);
      const headers = (response.headers ?? {}) as Record<string, Json>;
      const documented = new Map(
        Object.entries(headers).map(([name, h]) => [name.toLowerCase(), resolve(h)]),
      );
      answer.headers.forEach((value, name) => {
        const header = documented.get(name.toLowerCase());
        if (!header) {
          if (!PLAIN_HEADERS.has(name.toLowerCase()))
            found.push(`${where}: header ${name} is sent but not documented`);
          return;
        }
        const schema = header.schema as Json | undefined;
        if (!schema) return;
        const typed = schema.type === 'integer' && /^\d+$/.test(value) ? Number(value) : value;
        const validate = validatorFor(schema);
        if (!validate(typed)) found.push(`${where}: header ${name}: ${value} does not match its schema`);
      });
      for (const [name, header] of documented) {
        if (header.required && !answer.headers.has(name))
          found.push(`${where}: required header ${name} is missing`);
      }
      const content = response.content as Record<string, Json> | undefined;
      const type = (answer.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
      const bodyless = method.toUpperCase() === 'HEAD' || answer.status === 204;
      if (!content) {
        if (answer.text !== '') found.push(`${where}: a body is sent but none is documented`);
      } else if (!bodyless) {
        const media = content[type];
        if (!media) {
          found.push(
            `${where}: content type ${type || '(none)'} is not documented (${Object.keys(content).join(', ')})`,
          );
        } else if (media.schema) {
          const validate = validatorFor(media.schema as Json);
          if (!validate(answer.body)) {
            found.push(
              `${where}: the body does not match: ${ajv.errorsText(validate.errors, { dataVar: 'body' })}`,
            );
          }
        }
      }
      if (answer.status >= 400 && type !== 'application/problem+json')
        found.push(`${where}: an error is sent as ${type || '(none)'}, not application/problem+json`);
    }
    mismatches.push(...found);
    return found;
  }

  return {
    check,
    mismatches,
    seen,
    get checked() {
      return checked;
    },
    get outside() {
      return outside;
    },
  };
}
