import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import * as fixtures from './fixtures/index.ts';
import {
  JSON_SCHEMA_BASE,
  RULES_KEYWORD,
  entities,
  jsonSchemas,
  requestEntities,
  type EntityName,
  type HubkitRule,
  type JsonSchema,
} from './json-schema.ts';
import { validate } from './messages.ts';
import { jsonSchemaCheck, type ExportedSchemaName } from './testing/json-schema-check.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { Reference } from './reference.ts';
import { ReferralCreate } from './referral.ts';

/** A fixture's type, its literals widened and writable, to change a field of a copy. */
type Writable<T> = T extends string
  ? string
  : T extends readonly (infer U)[]
    ? Writable<U>[]
    : { -readonly [K in keyof T]: Writable<T[K]> };
type Name = ExportedSchemaName;

describe('JSON Schema export', () => {
  const check = jsonSchemaCheck();

  it('has one draft 2020-12 schema, with its own $id, for every entity, and an accepted form of the parts of requests', () => {
    const schemas = jsonSchemas();
    const names = Object.keys(schemas);
    assert.deepEqual(names.filter((name) => name in entities).sort(), Object.keys(entities).sort());
    for (const name of names.filter((name) => !(name in entities)))
      assert.ok(/^\w+(Input|Output)$/.test(name) && name.replace(/(Input|Output)$/, '') in entities, name);
    assert.ok(names.includes('AddressInput') && names.includes('ReferenceInput'));
    for (const [name, schema] of Object.entries(schemas)) {
      assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema', name);
      assert.equal(schema.$id, `${JSON_SCHEMA_BASE}${name}.json`);
    }
  });

  it('compiles every schema with ajv in strict mode (so every $ref resolves)', () => {
    for (const name of Object.keys(jsonSchemas()) as Name[]) {
      assert.doesNotThrow(() => check(name, {}), name);
    }
  });

  it('accepts every fixture', () => {
    const cases: [EntityName, unknown][] = [
      ...Object.values(fixtures.referralJourneys).map((r): [EntityName, unknown] => ['ReferralCreate', r]),
      ...[
        fixtures.consentOnline,
        fixtures.consentByPhone,
        fixtures.consentByRepresentative,
        fixtures.consentWithSafeguardingOverride,
      ].map((c): [EntityName, unknown] => ['ConsentCreate', c]),
      ['Consent', fixtures.withdrawnConsent],
      ['Referral', fixtures.closedTenantReferral],
      ['Assessment', fixtures.tenantAssessment],
      ...fixtures.services.map((s): [EntityName, unknown] => ['Service', s]),
      ['WebhookEvent', fixtures.statusChangedEvent],
      ['WebhookEvent', fixtures.referralCreatedEvent],
      ['Resident', fixtures.tenantAtRiskOfEviction.resident],
    ];
    for (const [name, data] of cases) {
      const { valid, errors } = check(name, data);
      assert.ok(valid, `${name}: ${JSON.stringify(errors)}`);
    }
  });

  it('refuses invalid documents, naming where', () => {
    const referral = structuredClone(fixtures.councillorDebtAndFood) as Record<string, unknown>;
    const cases: { name: EntityName; data: unknown; at: string }[] = [
      { name: 'ReferralCreate', data: { ...referral, needs: [] }, at: '/needs' },
      { name: 'ReferralCreate', data: { ...referral, nickname: 'Marc' }, at: '' },
      {
        name: 'Resident',
        data: {
          ...fixtures.councillorDebtAndFood.resident,
          address: { ...fixtures.councillorDebtAndFood.resident.address, postcode: 'N1 1CA' },
        },
        at: '/address/postcode',
      },
      {
        name: 'Resident',
        data: { ...fixtures.councillorDebtAndFood.resident, dateOfBirth: '1968-02-30' },
        at: '/dateOfBirth',
      },
      { name: 'Need', data: { code: 'money', urgency: 'soon' }, at: '/code' },
      {
        name: 'Referral',
        data: { ...fixtures.closedTenantReferral, reference: 'HUB-6ZRK' },
        at: '/reference',
      },
      { name: 'Consent', data: { ...fixtures.withdrawnConsent, status: 'paused' }, at: '/status' },
      { name: 'Service', data: { ...fixtures.homesAndMoneyHub, status: 'open' }, at: '/status' },
      { name: 'WebhookEvent', data: { ...fixtures.statusChangedEvent, type: 'referral.deleted' }, at: '' },
      {
        name: 'Outcome',
        data: {
          ...fixtures.closedTenantReferral.outcomes[1],
          amount: { amount: 8640, currency: 'EUR', frequency: 'weekly' },
        },
        at: '/amount/currency',
      },
    ];
    for (const { name, data, at } of cases) {
      const { valid, errors } = check(name, data);
      assert.equal(valid, false, `${name} should refuse ${JSON.stringify(data).slice(0, 80)}`);
      assert.ok(
        errors.some((e) => e.instancePath === at),
        `${name}: expected an error at "${at}", got ${errors.map((e) => e.instancePath).join(', ')}`,
      );
    }
  });
});

/** Every string schema in `schema`, with where it is. */
function* strings(schema: unknown, at = ''): Generator<[string, JsonSchema]> {
  if (Array.isArray(schema)) {
    for (const [i, item] of schema.entries()) yield* strings(item, `${at}/${i}`);
  } else if (schema !== null && typeof schema === 'object') {
    const node = schema as JsonSchema;
    if (node.type === 'string') yield [at, node];
    for (const [key, value] of Object.entries(node)) yield* strings(value, `${at}/${key}`);
  }
}

describe('JSON Schema agrees with the API (issue 13)', () => {
  const check = jsonSchemaCheck();
  const schemas = jsonSchemas();
  const referral = () =>
    structuredClone(fixtures.councillorDebtAndFood) as Writable<typeof fixtures.councillorDebtAndFood>;

  it('2: refuses required text that is only white space, in every form, as the API does', () => {
    let textFields = 0;
    const ajv = new Ajv2020({ strict: false });
    for (const [name, schema] of Object.entries(schemas)) {
      for (const [at, node] of strings(schema)) {
        // Text fields: a pattern and no format (cursors and keys are not text people write).
        if (node.enum || node.const !== undefined || node.format || !node.pattern) continue;
        const alone = ajv.compile({ ...node });
        if (!alone('Text')) continue;
        textFields += 1;
        for (const blank of ['', ' ', '   ', '\t', ' \n ', '\u00a0', '\u3000'])
          assert.equal(alone(blank), false, `${name}${at} accepts ${JSON.stringify(blank)}`);
      }
    }
    assert.ok(textFields > 100, `${textFields} text fields`);

    const blank = referral();
    blank.resident.name.family = '   ';
    blank.resident.address.line1 = '\t ';
    assert.equal(validate(ReferralCreate, blank).success, false);
    const { valid, errors } = check('ReferralCreate', blank);
    assert.equal(valid, false);
    const at = errors.map((e) => e.instancePath);
    assert.ok(at.includes('/resident/name/family') && at.includes('/resident/address/line1'), at.join(', '));
  });

  it('2: takes text with white space around it in requests, and only trimmed text in what comes back', () => {
    const padded = referral();
    padded.resident.name.given = '\tMarcus ';
    assert.equal(validate(ReferralCreate, padded).success, true);
    assert.equal(check('ReferralCreate', padded).valid, true);
    assert.equal(check('PersonName', { given: ' Marcus', family: 'Bell' }).valid, false);
    assert.equal(check('PersonName', { given: 'Marcus Ó', family: 'Bell' }).valid, true);
    // Trimmed first: white space around the most text a field takes does not count against it.
    const long = `  ${'a'.repeat(100)}  `;
    assert.equal(check('PersonNameInput', { given: long, family: 'Bell' }).valid, true);
    assert.equal(check('PersonNameInput', { given: `${long}a`, family: 'Bell' }).valid, false);
  });

  it('3: takes http(s) URLs only, with a host, and agrees with the API about spaces', () => {
    const service = (url: string) => ({ ...fixtures.homesAndMoneyHub, url });
    const cases: [string, boolean][] = [
      ['https://example.org/advice', true],
      ['http://example.org', true],
      ['HTTPS://EXAMPLE.ORG/A%20B?q=1#top', true],
      ['https://example.org:8443/a', true],
      ['ftp://example.org/file', false],
      ['mailto:advice@example.org', false],
      ['https://', false],
      ['https:example.org', false],
      ['https://example.org/a b', false],
      ['https:///path', false],
      ['https://exa mple.org', false],
      ['https://example.org/café', false],
      ['https://example.org:99999', false],
      ['javascript:alert(1)', false],
    ];
    for (const [url, ok] of cases) {
      assert.equal(check('Service', service(url)).valid, ok, `JSON Schema, ${url}`);
      assert.equal(validate(entities.Service, service(url)).success, ok, `zod, ${url}`);
    }
    const property = schemas.Service.properties?.url as JsonSchema;
    assert.equal(property.format, 'uri');
    assert.ok(String(property.pattern).startsWith('^[Hh][Tt][Tt][Pp][Ss]?:'), String(property.pattern));
  });

  it('4: says no item twice wherever the API does', () => {
    const contact = schemas.ContactPreferences.properties as Record<string, JsonSchema>;
    const service = schemas.Service.properties as Record<string, JsonSchema>;
    const hours = schemas.OpeningTimes.properties as Record<string, JsonSchema>;
    const endpoint = schemas.WebhookEndpointCreate.properties as Record<string, JsonSchema>;
    for (const [where, list] of Object.entries({
      methods: contact.methods,
      times: contact.times,
      byDay: hours.byDay,
      needs: service.needs,
      languages: service.languages,
      deliveryMethods: service.deliveryMethods,
      events: endpoint.events,
    }))
      assert.equal(list?.uniqueItems, true, where);
    const twice = referral();
    twice.resident.contact.methods = ['phone', 'phone'];
    assert.equal(validate(ReferralCreate, twice).success, false);
    assert.ok(check('ReferralCreate', twice).errors.some((e) => e.keyword === 'uniqueItems'));
    const service2 = { ...fixtures.homesAndMoneyHub, languages: ['en', 'cy', 'en'] };
    assert.equal(check('Service', service2).valid, false);
    assert.equal(validate(entities.Service, service2).success, false);
  });

  it('5: publishes what the hub accepts in requests, and the normalised form it sends back', () => {
    const typed = referral();
    typed.resident.address.postcode = 'n7 6qx';
    typed.resident.contact.phone = '07700 900123';
    (typed.resident as Record<string, unknown>).nhsNumber = '943 476 5919';
    typed.resident.name.given = '\tMarcus';
    const parsed = validate(ReferralCreate, typed);
    assert.ok(parsed.success);
    const request = check('ReferralCreate', typed);
    assert.ok(request.valid, JSON.stringify(request.errors));
    assert.equal(parsed.data.resident.address?.postcode, 'N7 6QX');
    assert.equal(parsed.data.resident.contact.phone, '+447700900123');
    assert.equal(parsed.data.resident.nhsNumber, '9434765919');

    // What comes back is normalised, and its schema says so.
    const stored = fixtures.closedTenantReferral;
    assert.ok(check('Referral', stored).valid);
    const typedBack = structuredClone(stored) as Record<string, unknown> & typeof stored;
    (typedBack.resident.address as Record<string, unknown>).postcode = 'n7 6qx';
    assert.equal(check('Referral', typedBack).valid, false);
    assert.equal(check('Resident', typed.resident).valid, false);
    assert.equal(check('ResidentInput', typed.resident).valid, true);

    // A reference as a person types it.
    assert.equal(validate(Reference, 'hub-6zrk-en').success, true);
    assert.equal(check('ReferenceInput', 'hub-6zrk-en').valid, true);
    assert.equal(check('ReferenceInput', ' 6ZRK EN ').valid, true);
    assert.equal(check('Reference', 'hub-6zrk-en').valid, false);
    assert.equal(check('Reference', 'HUB-6ZRK-EN').valid, true);

    // Both forms say, in words, what is accepted and what comes back.
    const postcode = (schemas.AddressInput?.properties as Record<string, JsonSchema>).postcode;
    assert.match(String(postcode?.description), /N7 6QX/);
    assert.match(
      String((schemas.Address.properties as Record<string, JsonSchema>).postcode?.description),
      /upper-case/,
    );
  });

  it('5: the OpenAPI document takes requests in the accepted form and answers in the normalised one', () => {
    const doc = buildOpenApiDocument() as {
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, JsonSchema> };
    };
    const create = doc.paths['/v1/referrals']?.post;
    assert.match(JSON.stringify(create?.requestBody), /#\/components\/schemas\/ReferralCreate"/);
    const body = doc.components.schemas.ReferralCreate?.properties as Record<string, JsonSchema>;
    assert.equal(body.resident?.$ref, '#/components/schemas/ResidentInput');
    const answer = doc.components.schemas.Referral?.properties as Record<string, JsonSchema>;
    assert.equal(answer.resident?.$ref, '#/components/schemas/Resident');
  });

  it('6: lists what JSON Schema cannot say, by the code of the error and where, and ajv strict takes the keyword', () => {
    const rules = (schema: JsonSchema | undefined) =>
      ((schema as Record<string, unknown> | undefined)?.[RULES_KEYWORD] ?? []) as HubkitRule[];
    const prop = (name: Name, field: string) =>
      (schemas[name]?.properties as Record<string, JsonSchema> | undefined)?.[field];
    const codes = (schema: JsonSchema | undefined) => rules(schema).map((r) => `${r.path ?? ''} ${r.code}`);
    assert.deepEqual(codes(prop('Resident', 'nhsNumber')), [' nhs_number_check']);
    assert.deepEqual(codes(prop('Resident', 'dateOfBirth')), [' date_in_future', ' date_too_early']);
    assert.deepEqual(codes(schemas.Reference), [' reference_check']);
    assert.ok(codes(schemas.Resident).includes('/contact/phone phone_needed_for_method'));
    assert.ok(codes(schemas.Outcome).some((c) => c.endsWith(' outcome_does_not_fit_need')));
    for (const schema of Object.values(schemas))
      for (const rule of [...strings(schema)].flatMap(([, node]) => rules(node)).concat(rules(schema))) {
        assert.ok(rule.description.length > 10 && rule.description !== rule.code, rule.code);
      }
    // A strict validator that is not told of the keyword refuses the schemas: the docs say to register it.
    const plain = new Ajv2020({ strict: true });
    addFormats.default(plain);
    assert.throws(() => plain.compile(schemas.Reference), /unknown keyword/);
  });

  it('lists every request entity as one', () => {
    assert.deepEqual([...requestEntities].sort(), [
      'AssessmentCreate',
      'AssessmentDraft',
      'ConsentCreate',
      'ConsentWithdrawal',
      'OutcomeCreate',
      'ReferralCreate',
      'ServiceSearch',
      'SessionCreate',
      'TransitionRequest',
      'WebhookEndpointCreate',
    ]);
  });
});
