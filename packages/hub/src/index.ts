/**
 * @hubkit/hub: the domain of a hubkit hub, pure and framework-free: the `Hub` service over the
 * `Store` interface, the record rules, the route handlers as plain functions, page cursors,
 * problem details, reading a request, directory search, the demo geography and the Open
 * Referral UK read endpoints. The reference server runs it on Hono and SQLite, the mocks on msw
 * and memory, so the two cannot answer differently.
 *
 * @packageDocumentation
 */
export * from './problems.ts';
export * from './access.ts';
export * from './sessions.ts';
export * from './request.ts';
export * from './records.ts';
export * from './reports.ts';
export * from './working-days.ts';
export * from './geo.ts';
export * from './directory-search.ts';
export * from './oruk.ts';
export * from './cursors.ts';
export * from './store.ts';
export * from './hub.ts';
export * from './handlers/index.ts';
export * from './dispatch.ts';
export * from './memory-store.ts';
export * from './proof-of-work.ts';
export { base64url, newId, randomBytes, webHmac } from './web.ts';
