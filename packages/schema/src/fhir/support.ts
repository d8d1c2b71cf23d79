/** Small helpers shared by the mappings: building and reading codings, extensions and references. */
import type * as z from 'zod/mini';
import type {
  CodeableConcept,
  Coding,
  ContactPoint,
  Extension,
  ExtractResource,
  Reference,
  ResourceType,
} from '@medplum/fhirtypes';
import { labelOf, type Codelist } from '../codelists.ts';
import { validate } from '../messages.ts';
import { codeSystemUrl } from './constants.ts';
import { FhirMappingError } from './errors.ts';

/** Fixtures are deeply readonly (`as const`): the mappings accept them as they are. */
export type DeepReadonly<T> = T extends readonly (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** `{ key: value }`, or nothing when there is no value: FHIR has no `null` and no empty arrays. */
export function optional<K extends string, V>(key: K, value: V | null | undefined): Partial<Record<K, V>> {
  return value === undefined || value === null ? {} : ({ [key]: value } as Partial<Record<K, V>>);
}

/** `{ key: items }`, or nothing when there are no items. */
export function nonEmpty<K extends string, V>(key: K, items: readonly V[]): Partial<Record<K, V[]>> {
  return items.length === 0 ? {} : ({ [key]: [...items] } as Partial<Record<K, V[]>>);
}

/** A copy without `undefined` properties, so a record read back deep-equals the one written. */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, withoutUndefined(v)]),
    );
  }
  return value;
}

/**
 * Checks what was read from a resource with the hubkit schema, so a mapping never returns a
 * record the rest of hubkit would reject.
 */
export function parseAs<S extends z.ZodMiniType>(schema: S, candidate: unknown, what: string): z.infer<S> {
  const result = validate(schema, withoutUndefined(candidate));
  if (result.success) return result.data;
  const details = result.errors.map((e) => `${e.path || '/'}: ${e.message}`).join('; ');
  throw new FhirMappingError(`${what} does not make a valid hubkit record: ${details}`, {
    errors: result.errors,
  });
}

export function fail(location: string, message: string): never {
  throw new FhirMappingError(`${location}: ${message}`, { location });
}

/** Resources arrive as JSON from other systems: check the type before reading. */
export function expectResourceType(resource: { resourceType: string }, expected: string): void {
  if ((resource.resourceType as unknown) !== expected) {
    fail(expected, `expected a ${expected} resource, got ${resource.resourceType}`);
  }
}

export function required<T>(value: T | null | undefined, location: string, what: string): T {
  if (value === undefined || value === null) fail(location, `${what} is missing`);
  return value;
}

// Codes ----------------------------------------------------------------------------------

export function isCode<C extends string>(list: Codelist<C>, code: unknown): code is C {
  return (list.codes as readonly unknown[]).includes(code);
}

/** A Coding from a hubkit codelist, with its English label as display. */
export function codingOf<C extends string>(list: Codelist<C>, code: C): Coding {
  return { system: codeSystemUrl(list.name), code, display: labelOf(list, code) };
}

export function conceptOf<C extends string>(list: Codelist<C>, code: C): CodeableConcept {
  return { coding: [codingOf(list, code)] };
}

/** The hubkit code a Coding carries; an error when it is from another system or not in the list. */
export function codeOf<C extends string>(list: Codelist<C>, coding: Coding, location: string): C {
  const system = codeSystemUrl(list.name);
  if (coding.system !== system) {
    fail(location, `expected a code from ${system}, got one from ${coding.system ?? 'no system'}`);
  }
  if (!isCode(list, coding.code)) {
    fail(location, `'${String(coding.code)}' is not a code in ${system} (${list.codes.join(', ')})`);
  }
  return coding.code;
}

/** The hubkit code among a concept's codings (other systems' codings are ignored). */
export function codeIn<C extends string>(
  list: Codelist<C>,
  concept: CodeableConcept | undefined,
  location: string,
): C | undefined {
  const coding = concept?.coding?.find((c) => c.system === codeSystemUrl(list.name));
  return coding ? codeOf(list, coding, location) : undefined;
}

// References -----------------------------------------------------------------------------

export function referenceTo<K extends ResourceType>(
  type: K,
  id: string,
  display?: string,
): Reference<ExtractResource<K>> {
  return { reference: `${type}/${id}`, ...optional('display', display) };
}

/** A reference to a resource contained in the same resource. */
export function local<K extends ResourceType>(_type: K, id: string): Reference<ExtractResource<K>> {
  return { reference: `#${id}` };
}

/** The id in a `Type/id` reference, or undefined when the reference is to something else. */
export function idFrom(reference: Reference | undefined, type: string): string | undefined {
  const value = reference?.reference;
  return value?.startsWith(`${type}/`) ? value.slice(type.length + 1) : undefined;
}

// Contact details ------------------------------------------------------------------------

export function telecomOf(
  contact: { readonly phone?: string | undefined; readonly email?: string | undefined } | undefined,
): ContactPoint[] {
  return [
    ...(contact?.phone === undefined ? [] : [{ system: 'phone' as const, value: contact.phone }]),
    ...(contact?.email === undefined ? [] : [{ system: 'email' as const, value: contact.email }]),
  ];
}

/** The phone number (a `phone` or `sms` contact point) and email address, most preferred first. */
export function contactFrom(telecom: readonly ContactPoint[] | undefined): {
  phone?: string;
  email?: string;
} {
  const ranked = [...(telecom ?? [])].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  const phone = ranked.find((t) => t.system === 'phone' || t.system === 'sms')?.value;
  const email = ranked.find((t) => t.system === 'email')?.value;
  return { ...optional('phone', phone), ...optional('email', email) };
}

// Extensions -----------------------------------------------------------------------------

/** Builders: each gives the extension in a list, or an empty list when there is no value. */
export const ext = {
  string: (url: string, value: string | undefined): Extension[] =>
    value === undefined ? [] : [{ url, valueString: value }],
  boolean: (url: string, value: boolean | undefined): Extension[] =>
    value === undefined ? [] : [{ url, valueBoolean: value }],
  dateTime: (url: string, value: string | null | undefined): Extension[] =>
    value === undefined || value === null ? [] : [{ url, valueDateTime: value }],
  positiveInt: (url: string, value: number): Extension[] => [{ url, valuePositiveInt: value }],
  code: (url: string, value: string | undefined): Extension[] =>
    value === undefined ? [] : [{ url, valueCode: value }],
  coding: <C extends string>(url: string, list: Codelist<C>, value: C | null | undefined): Extension[] =>
    value === undefined || value === null ? [] : [{ url, valueCoding: codingOf(list, value) }],
  reference: (url: string, value: Reference | undefined): Extension[] =>
    value === undefined ? [] : [{ url, valueReference: value }],
  /** A complex extension; none at all when it would have no parts. */
  complex: (url: string, parts: readonly Extension[]): Extension[] =>
    parts.length === 0 ? [] : [{ url, extension: [...parts] }],
};

/** Reads the extensions of one element, with errors that say where. */
export class ExtensionReader {
  readonly #extensions: readonly Extension[];
  readonly #location: string;

  constructor(extensions: readonly Extension[] | undefined, location: string) {
    this.#extensions = extensions ?? [];
    this.#location = location;
  }

  #at(url: string): string {
    return `${this.#location}.extension('${url}')`;
  }

  all(url: string): Extension[] {
    return this.#extensions.filter((e) => e.url === url);
  }

  one(url: string): Extension | undefined {
    const found = this.all(url);
    if (found.length > 1) fail(this.#at(url), 'appears more than once');
    return found[0];
  }

  has(url: string): boolean {
    return this.all(url).length > 0;
  }

  #value<T>(url: string, kind: string, read: (e: Extension) => T | undefined): T | undefined {
    const found = this.one(url);
    if (!found) return undefined;
    const value = read(found);
    if (value === undefined) fail(this.#at(url), `expected a ${kind} value`);
    return value;
  }

  string(url: string): string | undefined {
    return this.#value(url, 'valueString', (e) => e.valueString);
  }

  boolean(url: string): boolean | undefined {
    return this.#value(url, 'valueBoolean', (e) => e.valueBoolean);
  }

  dateTime(url: string): string | undefined {
    return this.#value(url, 'valueDateTime', (e) => e.valueDateTime);
  }

  positiveInt(url: string): number | undefined {
    return this.#value(url, 'valuePositiveInt', (e) => e.valuePositiveInt);
  }

  code(url: string): string | undefined {
    return this.#value(url, 'valueCode', (e) => e.valueCode);
  }

  reference(url: string): Reference | undefined {
    return this.#value(url, 'valueReference', (e) => e.valueReference);
  }

  coded<C extends string>(url: string, list: Codelist<C>): C | undefined {
    const coding = this.#value(url, 'valueCoding', (e) => e.valueCoding);
    return coding ? codeOf(list, coding, this.#at(url)) : undefined;
  }

  /** Every value of a repeating coded extension, in order. */
  codedAll<C extends string>(url: string, list: Codelist<C>): C[] {
    return this.all(url).map((e) => {
      if (!e.valueCoding) fail(this.#at(url), 'expected a valueCoding value');
      return codeOf(list, e.valueCoding, this.#at(url));
    });
  }

  /** The parts of a complex extension. */
  complex(url: string): ExtensionReader | undefined {
    const found = this.one(url);
    return found ? new ExtensionReader(found.extension, this.#at(url)) : undefined;
  }

  /** Every occurrence of a repeating complex extension, in order. */
  complexAll(url: string): ExtensionReader[] {
    return this.all(url).map((e, i) => new ExtensionReader(e.extension, `${this.#at(url)}[${i}]`));
  }
}
