// Prints the minified and gzip size of browser bundles that use @hubkit/schema.
// Run: npm run bench -- schema-size
import { printSizes } from './bundle-size.mjs';

await printSizes('@hubkit/schema browser bundles (rollup + esbuild minify, ES2022)', {
  'validate a referral (ReferralCreate + validate, en/cy messages)': `
    import { ReferralCreate, validate } from '@hubkit/schema';
    export const check = (data, lang) => validate(ReferralCreate, data, { lang });`,
  'parse a referral only (ReferralCreate.safeParse, no messages)': `
    import { ReferralCreate } from '@hubkit/schema';
    export const check = (data) => ReferralCreate.safeParse(data).success;`,
  'validate a consent record (ConsentCreate + validate)': `
    import { ConsentCreate, validate } from '@hubkit/schema';
    export const check = (data, lang) => validate(ConsentCreate, data, { lang });`,
  'codelists only (needs with en/cy labels)': `
    import { needCodes, labelOf } from '@hubkit/schema';
    export const label = (code, lang) => labelOf(needCodes, code, lang);`,
  'lifecycle only (nextStatuses, assertTransition)': `
    import { nextStatuses, assertTransition } from '@hubkit/schema';
    export { nextStatuses, assertTransition };`,
  'zod/mini alone: one object with a string (the floor)': `
    import * as z from 'zod/mini';
    export const s = z.object({ a: z.string() });`,
  'everything in @hubkit/schema (import *)': `
    import * as schema from '@hubkit/schema';
    export default schema;`,
});
