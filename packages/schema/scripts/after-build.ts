// Runs after rollup, on the built package (no `source` condition). Ships the contract as files: dist/json-schema/<Entity>.json and dist/openapi.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemas } from '@hubkit/schema/json-schema';
import { buildOpenApiDocument } from '@hubkit/schema/openapi';

const dist = join(import.meta.dirname, '..', 'dist');
mkdirSync(join(dist, 'json-schema'), { recursive: true });
const schemas = jsonSchemas();
for (const [name, schema] of Object.entries(schemas)) {
  writeFileSync(join(dist, 'json-schema', `${name}.json`), `${JSON.stringify(schema, null, 2)}\n`);
}
writeFileSync(join(dist, 'openapi.json'), `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
console.log(`@hubkit/schema: wrote ${Object.keys(schemas).length} JSON Schemas and openapi.json`);
