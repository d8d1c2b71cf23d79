// Prints the minified and gzip size of browser bundles that use @hubkit/sdk.
// Run: npm run bench -- sdk-size
import { printSizes } from './bundle-size.mjs';

await printSizes('@hubkit/sdk browser bundles (rollup + esbuild minify, ES2022)', {
  'ky alone (the HTTP floor)': `
    import ky from 'ky';
    export const get = (url) => ky(url).json();`,
  'Hubkit client: create a referral': `
    import { Hubkit } from '@hubkit/sdk';
    export const create = (apiKey, baseUrl, referral) => new Hubkit({ apiKey, baseUrl }).referrals.create(referral);`,
  'Hubkit client: search services': `
    import { Hubkit } from '@hubkit/sdk';
    export const search = (apiKey, baseUrl, q) => new Hubkit({ apiKey, baseUrl }).services.search(q);`,
  'functions: create a referral (createClient + createReferral)': `
    import { createClient, createReferral } from '@hubkit/sdk';
    export const create = (apiKey, baseUrl, referral) => createReferral(createClient({ apiKey, baseUrl }), referral);`,
  'functions: record consent (createClient + createConsent)': `
    import { createClient, createConsent } from '@hubkit/sdk';
    export const consent = (apiKey, baseUrl, c) => createConsent(createClient({ apiKey, baseUrl }), c);`,
  'functions: search services (createClient + searchServices)': `
    import { createClient, searchServices } from '@hubkit/sdk';
    export const search = (apiKey, baseUrl, q) => searchServices(createClient({ apiKey, baseUrl }), q);`,
  'webhooks.verify alone': `
    import { verifyWebhook } from '@hubkit/sdk';
    export const verify = (body, header, secret) => verifyWebhook(body, header, secret);`,
  'createDirectoryReader alone (any ORUK publisher)': `
    import { createDirectoryReader } from '@hubkit/sdk';
    export const read = (url) => createDirectoryReader(url).search({ postcode: 'N7 6QX' }).first(10);`,
  'everything in @hubkit/sdk (import *)': `
    import * as sdk from '@hubkit/sdk';
    export default sdk;`,
});
