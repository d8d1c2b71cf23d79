/**
 * Reading answers from a hub that may be newer than this SDK. The schema's entity schemas are
 * strict: the hub checks requests with them, and JSON Schema and OpenAPI are exported from them.
 * An answer is read with a tolerant twin of the same schema, derived here and nowhere else:
 *
 * - an object drops the fields this SDK does not know (its type says exactly what is there);
 * - a code (a string enum) may be any string: `ReferralStatus | (string & {})`, so a status the
 *   hub adds later is kept as sent, and code that switches on it needs a default branch;
 * - the checks (lengths, patterns, formats, refinements, cross-field rules) are left out: the
 *   hub already applied them, and may loosen them (a longer name) without breaking anyone.
 *
 * Types, the structure (which fields, which are optional or null, arrays, unions and their
 * literal discriminators) are still checked, so an answer that is not the contract at all is an
 * `InvalidResponseError`, not an `undefined` later. Requests are still checked strictly.
 */
import * as z from 'zod/mini';

type Shape = Readonly<Record<string, z.ZodMiniType>>;

/**
 * The tolerant twin of a schema, at the type level: what reading an answer with `tolerant(S)`
 * gives. Mirrors the run-time walk below.
 */
export type Tolerant<S> =
  S extends z.ZodMiniEnum<infer E>
    ? E[keyof E] extends string
      ? z.ZodMiniType<E[keyof E] | (string & {})>
      : S
    : S extends z.ZodMiniObject<infer Fields>
      ? z.ZodMiniObject<{ -readonly [K in keyof Fields]: Tolerant<Fields[K]> }>
      : S extends z.ZodMiniOptional<infer Inner>
        ? z.ZodMiniOptional<Tolerant<Inner>>
        : S extends z.ZodMiniNullable<infer Inner>
          ? z.ZodMiniNullable<Tolerant<Inner>>
          : S extends z.ZodMiniArray<infer Item>
            ? z.ZodMiniArray<Tolerant<Item>>
            : S extends z.ZodMiniUnion<infer Options>
              ? z.ZodMiniType<z.output<Tolerant<Options[number]>>>
              : S extends z.ZodMiniRecord<infer Key, infer Value>
                ? z.ZodMiniRecord<Key extends z.ZodMiniEnum ? z.ZodMiniString : Key, Tolerant<Value>>
                : S extends z.ZodMiniDefault<infer Inner>
                  ? z.ZodMiniDefault<Tolerant<Inner>>
                  : S extends z.ZodMiniReadonly<infer Inner>
                    ? z.ZodMiniReadonly<Tolerant<Inner>>
                    : S;

/** What reading an answer with the tolerant twin of `S` gives. */
export type Read<S> = z.output<Tolerant<S>>;

const twins = new WeakMap<z.core.$ZodType, z.core.$ZodType>();

/** The tolerant twin of `schema` (made once per schema, then reused). */
export function tolerant<S extends z.ZodMiniType>(schema: S): Tolerant<S> {
  return twin(schema) as Tolerant<S>;
}

/** Marks a schema written to read answers as its own twin: read as it is, checks kept. */
export function alreadyTolerant<S extends z.core.$ZodType>(schema: S): S {
  twins.set(schema, schema);
  return schema;
}

function twin(schema: z.core.$ZodType): z.core.$ZodType {
  const known = twins.get(schema);
  if (known) return known;
  const made = build(schema);
  twins.set(schema, made);
  return made;
}

function build(schema: z.core.$ZodType): z.core.$ZodType {
  const def = schema._zod.def;
  switch (def.type) {
    // Base types without their checks and formats: a uuid or a date-time is read as a string.
    case 'string':
      return z.string();
    case 'number':
      return z.number();
    case 'boolean':
      return z.boolean();
    case 'enum': {
      const values = Object.values((def as unknown as z.core.$ZodEnumDef).entries);
      return values.every((value) => typeof value === 'string') ? z.string() : schema;
    }
    case 'object': {
      const { shape, catchall } = def as unknown as z.core.$ZodObjectDef;
      const fields: Record<string, z.core.$ZodType> = {};
      for (const [key, value] of Object.entries(shape as Shape)) fields[key] = twin(value);
      const object = z.object(fields as Record<string, z.ZodMiniType>);
      // A strict object's catchall is `never`: an unknown field is dropped instead.
      if (!catchall || catchall._zod.def.type === 'never') return object;
      return z.catchall(object, twin(catchall) as z.ZodMiniType);
    }
    case 'optional':
      return z.optional(twin((def as unknown as z.core.$ZodOptionalDef).innerType) as z.ZodMiniType);
    case 'nullable':
      return z.nullable(twin((def as unknown as z.core.$ZodNullableDef).innerType) as z.ZodMiniType);
    case 'readonly':
      return z.readonly(twin((def as unknown as z.core.$ZodReadonlyDef).innerType) as z.ZodMiniType);
    case 'default': {
      const { innerType, defaultValue } = def as unknown as z.core.$ZodDefaultDef;
      return z._default(twin(innerType) as z.ZodMiniType, defaultValue);
    }
    case 'array':
      return z.array(twin((def as unknown as z.core.$ZodArrayDef).element) as z.ZodMiniType);
    case 'union': {
      const { options, discriminator } = def as unknown as z.core.$ZodUnionDef & { discriminator?: string };
      const read = options.map((option) => twin(option) as z.ZodMiniType);
      // The discriminators are literals and stay literals, so a discriminated union stays one.
      return discriminator === undefined
        ? z.union(read as [z.ZodMiniType, ...z.ZodMiniType[]])
        : z.discriminatedUnion(
            discriminator,
            read as unknown as [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]],
          );
    }
    case 'record': {
      const { keyType, valueType } = def as unknown as z.core.$ZodRecordDef;
      // Keys as strings: a record keyed by a codelist may gain a key when the codelist grows.
      const key = keyType._zod.def.type === 'enum' ? z.string() : keyType;
      return z.record(key, twin(valueType) as z.ZodMiniType);
    }
    case 'pipe': {
      const { in: input, out } = def as unknown as z.core.$ZodPipeDef;
      return z.pipe(twin(input) as z.ZodMiniType, out);
    }
    case 'lazy': {
      const { getter } = def as unknown as z.core.$ZodLazyDef;
      return z.lazy(() => twin(getter()) as z.ZodMiniType);
    }
    // Literals (discriminators, `apiVersion`) and anything else are read as the contract says.
    default:
      return schema;
  }
}
