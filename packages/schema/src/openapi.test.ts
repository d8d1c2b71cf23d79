import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import * as fixtures from './fixtures/index.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { routes } from './routes.ts';

type Json = Record<string, unknown>;
const doc = buildOpenApiDocument() as Json & {
  paths: Record<string, Record<string, Json>>;
  components: Json & { schemas: Record<string, Json> };
};

function refs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refs(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') found.push(inner);
      else refs(inner, found);
    }
  }
  return found;
}

function resolve(pointer: string): unknown {
  assert.ok(pointer.startsWith('#/'), `external $ref ${pointer}`);
  let at: unknown = doc;
  for (const part of pointer.slice(2).split('/'))
    at = (at as Json | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return at;
}

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(doc);
    assert.equal(result.valid, true, JSON.stringify(result.errors));
    assert.equal(doc.openapi, '3.1.0');
  });

  it('resolves every $ref inside the document', () => {
    const all = refs(doc);
    assert.ok(all.length > 100);
    for (const pointer of new Set(all)) assert.ok(resolve(pointer) !== undefined, `dangling ${pointer}`);
  });

  it('has one operation per route, with its method, keys, parameters and answers', () => {
    for (const [operationId, route] of Object.entries(routes)) {
      const operation = doc.paths[route.path]?.[route.method.toLowerCase()];
      assert.ok(operation, `${route.method} ${route.path}`);
      assert.equal(operation.operationId, operationId);
      assert.deepEqual(operation['x-hubkit-keys'], route.keys);
      assert.deepEqual(operation.security, route.keys.length ? [{ bearerAuth: [] }] : []);
      const responses = operation.responses as Json;
      assert.ok(responses[String(route.status)], `${operationId} answers ${route.status}`);
      assert.equal(Boolean(operation.requestBody), 'body' in route, `${operationId} body`);
      const parameterNames = (operation.parameters as Json[]).map(
        (p) => (p.name as string | undefined) ?? p.$ref,
      );
      for (const [, name] of route.path.matchAll(/\{(\w+)\}/g))
        assert.ok(parameterNames.includes(name), `${operationId} {${name}}`);
      assert.equal(
        parameterNames.includes('#/components/parameters/IdempotencyKey'),
        'idempotent' in route,
        `${operationId} Idempotency-Key`,
      );
      if ('body' in route) assert.ok(responses['422'], `${operationId} lists 422 for validation`);
    }
    const operations = Object.values(doc.paths).flatMap((p) => Object.keys(p));
    assert.equal(operations.length, Object.keys(routes).length);
  });

  it('lists 400 for query errors and 422 only where a body is checked, Retry-After where it is sent, and a default', () => {
    const responses = (name: keyof typeof routes) => {
      const route = routes[name];
      return doc.paths[route.path]?.[route.method.toLowerCase()]?.responses as Json;
    };
    for (const [operationId, route] of Object.entries(routes)) {
      const listed = responses(operationId as keyof typeof routes);
      if ('query' in route) assert.ok(listed['400'], `${operationId}: a bad query is 400`);
      // The hub checks queries with 400 invalid_query: a 422 on an operation without a body is never sent.
      assert.equal(Boolean(listed['422']), 'body' in route, `${operationId} lists 422 only for a body`);
      assert.ok(listed.default && listed['500'] && listed['503'], `${operationId}: 5xx answers documented`);
      assert.equal(Boolean(listed['429']), route.keys.length > 0, `${operationId} 429`);
    }
    const componentResponses = doc.components.responses as Record<string, Json>;
    for (const name of ['Conflict', 'RateLimited', 'Unavailable']) {
      assert.ok(
        (componentResponses[name]?.headers as Json | undefined)?.['Retry-After'],
        `${name} documents Retry-After`,
      );
    }
    assert.ok((componentResponses.Unauthorized?.headers as Json)['WWW-Authenticate']);
  });

  it('spells queries out as parameters, with the postcode search in a body, not the URL', () => {
    const list = doc.paths['/v1/referrals']?.get;
    assert.ok(list);
    const names = (list.parameters as Json[]).map((p) => p.name);
    assert.ok(
      names.includes('status') &&
        names.includes('need') &&
        names.includes('cursor') &&
        names.includes('limit'),
    );
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const operation of Object.values(operations)) {
        for (const parameter of operation.parameters as Json[]) {
          assert.notEqual(parameter.name, 'postcode', `${path} takes a postcode in the URL`);
        }
      }
    }
  });

  it('describes errors as problem details and answers with schemas that accept the fixtures', () => {
    const problem = (doc.components.responses as Record<string, Json>).Unprocessable;
    assert.ok(JSON.stringify(problem).includes('application/problem+json'));
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    ajv.addSchema({ $id: 'doc', components: doc.components });
    const check = (name: string, data: unknown) => {
      const validate = ajv.getSchema(`doc#/components/schemas/${name}`);
      assert.ok(validate, name);
      assert.ok(validate(data), `${name}: ${JSON.stringify(validate.errors)}`);
    };
    check('Referral', fixtures.closedTenantReferral);
    check('ReferralCreate', fixtures.immediateSafeguardingConcern);
    assert.equal(
      doc.components.schemas.CreateReferralBody,
      undefined,
      'entity bodies are referred to by their own name',
    );
    check('ListReferralsResponse', { data: [fixtures.closedTenantReferral], nextCursor: null });
    check('SearchServicesResponse', {
      data: [{ service: fixtures.homesAndMoneyHub, distanceKm: 1.2, nearestLocationId: null }],
      nextCursor: 'abc',
      distances: 'from_postcode',
    });
    check('Problem', {
      type: 'https://hubkit.dev/problems/validation_failed',
      title: 'Check the referral',
      status: 422,
      code: 'validation_failed',
      errors: [
        { path: '/needs', code: 'required', message: 'Select at least one thing they need help with' },
      ],
    });
  });
});
