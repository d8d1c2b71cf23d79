// Prints the minified and gzip size of each @hubkit/elements element loaded alone (its define
// entry, with everything it pulls in: lit, @lit/context, the SDK, the schema) and of all of them
// together, against the budget of 25 kB gzip per element alone; then lit, the SDK and the schema
// alone for context. These are the CDN files (packages/elements/dist/cdn), built the same way.
// Run: npm run bench -- elements-size
import { globSync } from 'node:fs';
import { basename, join } from 'node:path';
import { bundleSize, kib, printSizes } from './bundle-size.mjs';

const BUDGET = 25_000; // bytes gzip, per element loaded alone (issue 6)
const defineDir = join(import.meta.dirname, '..', 'packages', 'elements', 'src', 'define');
const names = globSync('*.ts', { cwd: defineDir })
  .filter((file) => !file.endsWith('.test.ts'))
  .map((file) => basename(file, '.ts'))
  .sort((a, b) => (a === 'all') - (b === 'all') || a.localeCompare(b));

console.log('@hubkit/elements browser bundles (rollup + esbuild minify, ES2022), one define entry each');
console.log(`budget: ${(BUDGET / 1000).toFixed(0)} kB (${kib(BUDGET)}) gzip per element loaded alone`);
console.log(
  `${'bundle'.padEnd(56)} ${'min'.padStart(10)} ${'gzip'.padStart(10)} ${'gzip B'.padStart(8)}  budget`,
);
for (const name of names) {
  const size = await bundleSize({ input: join(defineDir, `${name}.ts`) });
  const label =
    name === 'all' ? 'all elements together (define/all)' : `<hub-${name}> alone (define/${name})`;
  const verdict =
    name === 'all'
      ? '(no budget: sum of what is shared)'
      : size.gzip <= BUDGET
        ? `within (${((size.gzip / BUDGET) * 100).toFixed(0)}%)`
        : `OVER by ${kib(size.gzip - BUDGET)} (${((size.gzip / BUDGET) * 100).toFixed(0)}%)`;
  console.log(
    `${label.padEnd(56)} ${kib(size.min).padStart(10)} ${kib(size.gzip).padStart(10)} ${String(size.gzip).padStart(8)}  ${verdict}`,
  );
}

console.log('');
await printSizes('For context: what every element pulls in', {
  'lit alone (LitElement, html, css)': `
    import { LitElement, html, css } from 'lit';
    export { LitElement, html, css };`,
  'lit + @lit/context': `
    import { LitElement, html, css } from 'lit';
    import { createContext, provide, consume } from '@lit/context';
    export { LitElement, html, css, createContext, provide, consume };`,
  'SDK: createClient + createReferral': `
    import { createClient, createReferral } from '@hubkit/sdk';
    export const create = (apiKey, baseUrl, referral) => createReferral(createClient({ apiKey, baseUrl }), referral);`,
  'schema: validate(ReferralCreate) with en/cy messages': `
    import { ReferralCreate, validate } from '@hubkit/schema';
    export const check = (data, lang) => validate(ReferralCreate, data, { lang });`,
});
