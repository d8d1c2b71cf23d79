import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import * as fixtures from './fixtures/index.ts';
import { JSON_SCHEMA_BASE, entities, jsonSchemas, type EntityName } from './json-schema.ts';

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  addFormats.default(ajv);
  for (const schema of Object.values(jsonSchemas())) ajv.addSchema(schema);
  return (name: EntityName, data: unknown) => {
    const validate = ajv.getSchema(`${JSON_SCHEMA_BASE}${name}.json`);
    assert.ok(validate, `no schema for ${name}`);
    const valid = validate(data);
    return { valid, errors: validate.errors ?? [] };
  };
}

describe('JSON Schema export', () => {
  const check = validator();

  it('has one draft 2020-12 schema, with its own $id, for every entity', () => {
    const schemas = jsonSchemas();
    assert.deepEqual(Object.keys(schemas).sort(), Object.keys(entities).sort());
    for (const [name, schema] of Object.entries(schemas)) {
      assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema', name);
      assert.equal(schema.$id, `${JSON_SCHEMA_BASE}${name}.json`);
    }
  });

  it('compiles every schema with ajv in strict mode (so every $ref resolves)', () => {
    for (const name of Object.keys(entities) as EntityName[]) {
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
