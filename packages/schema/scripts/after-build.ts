// Runs after rollup, on the built package (no `source` condition). Ships the contract as files: dist/json-schema/<Entity>.json, dist/openapi.json and dist/fhir/StructureDefinition-<extension>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemas } from '@hubkit/schema/json-schema';
import { buildOpenApiDocument } from '@hubkit/schema/openapi';
import { extensionStructureDefinitions, structureDefinitionFileName } from '@hubkit/schema/fhir';

const dist = join(import.meta.dirname, '..', 'dist');
mkdirSync(join(dist, 'json-schema'), { recursive: true });
const schemas = jsonSchemas();
for (const [name, schema] of Object.entries(schemas)) {
  writeFileSync(join(dist, 'json-schema', `${name}.json`), `${JSON.stringify(schema, null, 2)}\n`);
}
writeFileSync(join(dist, 'openapi.json'), `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
mkdirSync(join(dist, 'fhir'), { recursive: true });
for (const definition of extensionStructureDefinitions) {
  writeFileSync(
    join(dist, 'fhir', structureDefinitionFileName(definition)),
    `${JSON.stringify(definition, null, 2)}\n`,
  );
}
console.log(
  `@hubkit/schema: wrote ${Object.keys(schemas).length} JSON Schemas, openapi.json and ${extensionStructureDefinitions.length} FHIR StructureDefinitions`,
);
