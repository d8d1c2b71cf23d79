/**
 * `npm run docs:reference`: writes the generated reference pages (docs/reference.ts) and sets
 * the integrity hash in the embed guide to that of the last build of the elements' CDN loader (which carries every chunk's).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  readSri,
  renderReference,
  root,
  securityGuide,
  sriGuides,
  withAccessMatrix,
  withCurrentSri,
} from './reference.ts';

for (const [path, text] of Object.entries(await renderReference())) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
  console.log(`wrote ${path}`);
}

{
  const path = join(root, securityGuide);
  const before = readFileSync(path, 'utf8');
  const after = await withAccessMatrix(before);
  if (after !== before) {
    writeFileSync(path, after);
    console.log(`wrote the access matrix into ${securityGuide}`);
  }
}

if (existsSync(join(root, 'packages/elements/dist/cdn/sri.json'))) {
  const sri = readSri();
  for (const path of sriGuides) {
    const before = readFileSync(join(root, path), 'utf8');
    const after = withCurrentSri(before, sri);
    if (after !== before) {
      writeFileSync(join(root, path), after);
      console.log(`updated the integrity hashes in ${path}`);
    }
  }
} else {
  console.log('no packages/elements/dist/cdn/sri.json: run npm run build to check the embed guide’s hashes');
}
