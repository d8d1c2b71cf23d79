/**
 * @hubkit/hub: the domain of a hubkit hub, pure and framework-free. The record rules, reading
 * a request, problem details, directory search, the demo geography and the Open Referral UK
 * read endpoints; the reference server runs it on Hono and SQLite, the mocks on msw and memory,
 * so the two cannot answer differently.
 *
 * @packageDocumentation
 */
export * from './problems.ts';
export * from './request.ts';
export * from './records.ts';
export * from './geo.ts';
export * from './directory-search.ts';
export * from './oruk.ts';
