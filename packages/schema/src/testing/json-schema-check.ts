/**
 * The exported JSON Schemas in Ajv 2020 (strict, with formats), as a partner on another stack
 * validates with them: for tests in any package (Ajv is a dev dependency of this one).
 */
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { JSON_SCHEMA_BASE, RULES_KEYWORD, jsonSchemas, type EntityName } from '../json-schema.ts';

/** Ajv 2020 (strict, with formats) holding every exported schema, by its `$id`. */
export function exportedSchemasAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  addFormats.default(ajv);
  // What JSON Schema cannot say is listed under this keyword; strict mode must be told of it.
  ajv.addKeyword({ keyword: RULES_KEYWORD, schemaType: 'array' });
  for (const schema of Object.values(jsonSchemas())) ajv.addSchema(schema);
  return ajv;
}

/** An exported schema's name: an entity's, or the accepted (`Input`) or answered (`Output`) form of one. */
export type ExportedSchemaName = EntityName | `${EntityName}${'Input' | 'Output'}`;

/** Checks data against an exported schema: valid, or the errors Ajv found. */
export function jsonSchemaCheck(): (
  name: ExportedSchemaName,
  data: unknown,
) => { valid: boolean; errors: ErrorObject[] } {
  const ajv = exportedSchemasAjv();
  return (name, data) => {
    const validate = ajv.getSchema(`${JSON_SCHEMA_BASE}${name}.json`);
    if (!validate) throw new Error(`No JSON Schema for ${name}`);
    const valid = validate(data) as boolean;
    return { valid, errors: validate.errors ?? [] };
  };
}
