/**
 * The OpenAPI 3.1 document of the hub's v1 API, built from the route table and the same zod
 * schemas the server validates with. The built package also ships it as `openapi.json`; the
 * reference server serves it at `GET /v1/openapi.json`.
 */
import type * as z from 'zod/mini';
import {
  IDEMPOTENCY_KEY_HEADER,
  PROOF_HEADER,
  IDEMPOTENT_REPLAY_HEADER,
  REQUEST_ID_HEADER,
  CORRELATION_ID_HEADER,
} from './api.ts';
import { entities, exportSchemas, requestEntities } from './json-schema.ts';
import { routes, type Route, type RouteName } from './routes.ts';

type Json = Record<string, unknown>;

export interface OpenApiOptions {
  /** The hub's base URL, for `servers` (default: the reference server on localhost). */
  serverUrl?: string;
  /** The version of the document (default: the API version, 1.0.0). */
  version?: string;
}

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function componentSchemas(): { schemas: Record<string, Json>; names: Map<z.ZodMiniType, string> } {
  const named: [string, z.ZodMiniType][] = [];
  const names = new Map<z.ZodMiniType, string>();
  // Bodies and queries are described as the hub accepts them, responses as it sends them.
  const requests = new Set<string>([...requestEntities]);
  const add = (schema: z.ZodMiniType, name: string, request = false) => {
    if (request) requests.add(names.get(schema) ?? name);
    if (names.has(schema)) return;
    names.set(schema, name);
    named.push([name, schema]);
  };
  for (const [name, schema] of Object.entries(entities)) add(schema, name);
  for (const [operation, route] of Object.entries(routes) as [RouteName, Route][]) {
    if (route.query) add(route.query, `${pascal(operation)}Query`, true);
    if (route.body) add(route.body, `${pascal(operation)}Body`, true);
    if (route.response) add(route.response, `${pascal(operation)}Response`);
  }
  const schemas = exportSchemas(named, requests, (id) => `#/components/schemas/${id}`);
  const cleaned: Record<string, Json> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    // Components live inside the document: no $id or $schema of their own.
    const { $id: _id, $schema: _schema, ...rest } = schema as Json;
    cleaned[name] = rest;
  }
  return { schemas: cleaned, names };
}

/** Headers on every answer: the request id always, the caller's correlation id when it sent one. */
const everyAnswerHeaders = (): Json => ({
  [REQUEST_ID_HEADER]: { $ref: '#/components/headers/RequestId' },
  [CORRELATION_ID_HEADER]: { $ref: '#/components/headers/CorrelationId' },
});

const problemResponse = (description: string, headers: Json = {}) => ({
  description,
  headers: {
    ...everyAnswerHeaders(),
    // A refusal is the answer to an idempotent request too: a replay of it says so.
    [IDEMPOTENT_REPLAY_HEADER]: { $ref: '#/components/headers/IdempotentReplayed' },
    ...headers,
  },
  content: { 'application/problem+json': { schema: ref('Problem') } },
});

/** Builds the OpenAPI 3.1 document of the v1 API. */
export function buildOpenApiDocument(options: OpenApiOptions = {}): Json {
  const { schemas, names } = componentSchemas();
  const paths: Record<string, Record<string, Json>> = {};
  const queryNames: string[] = [];

  for (const [operation, route] of Object.entries(routes) as [RouteName, Route][]) {
    const parameters: Json[] = [];
    for (const [, param] of route.path.matchAll(/\{(\w+)\}/g)) {
      parameters.push({
        name: param,
        in: 'path',
        required: true,
        schema: param === 'version' ? { type: 'integer', minimum: 1 } : { type: 'string', format: 'uuid' },
      });
    }
    if (route.query) {
      const name = names.get(route.query) ?? '';
      queryNames.push(name);
      const query = schemas[name] ?? {};
      const required = new Set((query.required as string[] | undefined) ?? []);
      for (const [param, schema] of Object.entries(
        (query.properties as Record<string, Json> | undefined) ?? {},
      )) {
        parameters.push({ name: param, in: 'query', required: required.has(param), schema });
      }
    }
    if (route.idempotent) parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
    if (route.proof) parameters.push({ $ref: '#/components/parameters/Proof' });
    parameters.push(
      { $ref: '#/components/parameters/CorrelationId' },
      { $ref: '#/components/parameters/AcceptLanguage' },
    );

    const successHeaders: Json = everyAnswerHeaders();
    if (route.idempotent)
      successHeaders[IDEMPOTENT_REPLAY_HEADER] = { $ref: '#/components/headers/IdempotentReplayed' };
    const success: Json = { description: route.summary, headers: successHeaders };
    if (route.response)
      success.content = { 'application/json': { schema: ref(names.get(route.response) ?? '') } };
    else if (route.status !== 204) success.content = { 'application/json': { schema: { type: 'object' } } };

    // Every status the hub can answer for this operation, and no other (the answers the contract
    // suite sees are checked against this list).
    const responses: Json = { [String(route.status)]: success };
    // Query errors (and a body that is not JSON, or a malformed Idempotency-Key) are 400;
    // a well-formed body that breaks the rules is 422.
    if (route.query || route.body || route.idempotent)
      responses['400'] = { $ref: '#/components/responses/BadRequest' };
    if (route.keys.length > 0) responses['401'] = { $ref: '#/components/responses/Unauthorized' };
    // Under /v1 a secret key sent from a browser is refused even where no key is needed.
    if (route.keys.length > 0 || route.path.startsWith('/v1/'))
      responses['403'] = { $ref: '#/components/responses/Forbidden' };
    if (route.path.includes('{')) responses['404'] = { $ref: '#/components/responses/NotFound' };
    if (route.idempotent) responses['409'] = { $ref: '#/components/responses/Conflict' };
    if (route.body) {
      responses['413'] = { $ref: '#/components/responses/PayloadTooLarge' };
      responses['415'] = { $ref: '#/components/responses/UnsupportedMediaType' };
      responses['422'] = { $ref: '#/components/responses/Unprocessable' };
    }
    responses['421'] = { $ref: '#/components/responses/MisdirectedRequest' };
    if (route.keys.length > 0) responses['429'] = { $ref: '#/components/responses/RateLimited' };
    responses['500'] = { $ref: '#/components/responses/InternalError' };
    responses['503'] = { $ref: '#/components/responses/Unavailable' };
    responses.default = { $ref: '#/components/responses/Problem' };

    const operationObject: Json = {
      operationId: operation,
      summary: route.summary,
      tags: [route.tag],
      security: route.keys.length > 0 ? [{ bearerAuth: [] }] : [],
      'x-hubkit-keys': route.keys,
      parameters,
      responses,
    };
    if (route.body) {
      operationObject.requestBody = {
        required: true,
        content: { 'application/json': { schema: ref(names.get(route.body) ?? '') } },
      };
    }
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operationObject;
  }
  // Queries are spelled out as parameters above; they need no schema of their own.
  for (const name of queryNames) Reflect.deleteProperty(schemas, name);

  return {
    openapi: '3.1.0',
    info: {
      title: 'hubkit hub API',
      version: options.version ?? '1.0.0',
      summary: 'Referrals, consent, single assessments and the service directory of a community hub.',
      description:
        'Errors are RFC 9457 problem details with a stable `code`. Lists are pages with a `nextCursor`. Creates take an `Idempotency-Key`. Publishable keys (`pk_…`) may make referrals and consents and read the directory, from their registered origins; secret keys (`sk_…`) may do everything and never belong in a browser. A referring partner’s secret key mints staff tokens (`st_…`, `POST /v1/sessions`) that read only its own referrals, for minutes, from one of its registered origins.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: options.serverUrl ?? 'http://localhost:8787' }],
    tags: [
      'Referrals',
      'Consents',
      'Assessments',
      'Directory',
      'Reports',
      'Webhooks',
      'Audit',
      'Sessions',
      'Meta',
    ].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A publishable (`pk_…`) or secret (`sk_…`) key, or a staff token (`st_…`, from `POST /v1/sessions`), as `Authorization: Bearer <key>`.',
        },
      },
      parameters: {
        IdempotencyKey: {
          name: IDEMPOTENCY_KEY_HEADER,
          in: 'header',
          required: false,
          description:
            'Makes the request safe to retry: a repeat with the same key and body returns the first answer; the same key with another body is 422; while the first is still in progress, 409. Keys are kept for at least 24 hours.',
          schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
        },
        Proof: {
          name: PROOF_HEADER,
          in: 'header',
          required: false,
          description:
            'A solved challenge from `GET /v1/challenges` (base64 of the JSON `{ challenge, solution }`), required of publishable keys when the hub has proof of work switched on; else 403 `proof_of_work_required` or `proof_of_work_invalid`. Each challenge is good for one write, until it expires.',
          schema: { type: 'string', maxLength: 4096 },
        },
        CorrelationId: {
          name: CORRELATION_ID_HEADER,
          in: 'header',
          required: false,
          description: 'Your own id for the request; echoed back.',
          schema: { type: 'string', maxLength: 200 },
        },
        AcceptLanguage: {
          name: 'Accept-Language',
          in: 'header',
          required: false,
          description: 'The language of error messages: `en` (default) or `cy` (Welsh).',
          schema: { type: 'string' },
        },
      },
      headers: {
        RequestId: {
          description: 'The id of this request, for support and the audit trail. On every answer.',
          required: true,
          schema: { type: 'string' },
        },
        CorrelationId: {
          description: 'Your `X-Correlation-Id`, echoed back when you sent one.',
          schema: { type: 'string', maxLength: 200 },
        },
        IdempotentReplayed: {
          description:
            '`true` when this is the stored answer to an earlier request with the same Idempotency-Key (a refusal is stored and replayed too).',
          schema: { type: 'string', enum: ['true'] },
        },
        RetryAfter: {
          description: 'Seconds to wait before trying again.',
          schema: { type: 'integer', minimum: 0 },
        },
        WwwAuthenticate: {
          description: 'How to authenticate: `Bearer realm="hubkit"`.',
          required: true,
          schema: { type: 'string' },
        },
      },
      responses: {
        BadRequest: problemResponse(
          'The query is malformed (`invalid_query`, every failing parameter listed in `errors`; a cursor not from a previous page), the body is not JSON (`invalid_json`), or the Idempotency-Key is not 1 to 255 visible ASCII characters (`idempotency_key_invalid`).',
        ),
        Unauthorized: problemResponse(
          'No key, or a key the hub does not know (`unauthorized`), or a staff token that has expired (`token_expired`: mint a new one).',
          {
            'WWW-Authenticate': { $ref: '#/components/headers/WwwAuthenticate' },
          },
        ),
        Forbidden: problemResponse(
          'The key may not do this (`forbidden`, or a role that may not make this change), the request came from an origin it is not registered for (`origin_not_allowed`), a secret key was sent from a browser (`secret_key_in_browser`), or the hub wants a solved proof-of-work challenge (`proof_of_work_required`, `proof_of_work_invalid`).',
        ),
        NotFound: problemResponse(
          'Nothing with that id, an id that is not a UUID (or a version that is not a positive whole number), or nothing this key may see (`not_found`).',
        ),
        Conflict: problemResponse(
          'A request with this Idempotency-Key is still in progress (`idempotency_request_in_flight`, with `Retry-After`), or the change conflicts with the record’s state (`conflict`).',
          { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } },
        ),
        PayloadTooLarge: problemResponse('The body is larger than the hub accepts (`payload_too_large`).'),
        UnsupportedMediaType: problemResponse(
          'The body must be `application/json` (`unsupported_media_type`).',
        ),
        Unprocessable: problemResponse(
          'The body is well formed but breaks the rules: every failing field is listed in `errors` (`validation_failed`), or the Idempotency-Key was used with another body (`idempotency_key_reused`). Query errors are 400, not 422.',
        ),
        MisdirectedRequest: problemResponse(
          'The request named a host this hub does not answer for (`unknown_host`): use its own address.',
        ),
        RateLimited: problemResponse(
          'Too many requests from this key, or without a valid key from this address (`rate_limited`); wait as `Retry-After` says.',
          { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } },
        ),
        InternalError: problemResponse(
          'The hub could not finish the request (`internal_error`); it is logged. Try again (with the same Idempotency-Key for a create).',
        ),
        Unavailable: problemResponse(
          'The hub took too long to answer (`request_timeout`); try again after `Retry-After`, with the same Idempotency-Key for a create.',
          { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } },
        ),
        Problem: problemResponse(
          'Any other error, as problem details: for example a request the hub could not read (`bad_request`, `headers_too_large`), or an answer from a proxy in front of the hub.',
        ),
      },
    },
  };
}
