/**
 * @hubkit/mocks: msw request handlers that behave like a hubkit hub, in memory, with switches
 * for failures; and fixture factories for every entity of the contract. For tests, Storybook and
 * partners' own test suites.
 *
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { createHubMock, make } from '@hubkit/mocks';
 *
 * const hub = createHubMock();
 * const server = setupServer(...hub.handlers);
 * hub.faults.add({ kind: 'status', status: 429, retryAfter: 2, route: 'createReferral', times: 1 });
 * ```
 *
 * @packageDocumentation
 */
export {
  createHubMock,
  DEFAULT_BASE_URL,
  type HubMock,
  type HubMockOptions,
  type HubMockSeed,
  type HubMockState,
  type MockKeys,
} from './hub-mock.ts';
export {
  DEFAULT_DASHBOARD_KEY,
  DEFAULT_DASHBOARD_ORIGIN,
  DEFAULT_PARTNER_KEY,
  DEFAULT_PUBLISHABLE_KEY,
  DEFAULT_SECRET_KEY,
  DEFAULT_STAFF_ORIGIN,
  type MockKey,
  type MockKeyKind,
  type MockKeyOptions,
  type MockKeyRole,
} from './keys.ts';
export type {
  ActiveFault,
  Fault,
  Faults,
  LostFault,
  MalformedFault,
  NetworkFault,
  StatusFault,
  TimeoutFault,
} from './faults.ts';
export type { ProofOfWorkOptions } from './proof-of-work.ts';
export * as make from './factories.ts';
export { deepMerge, type DeepPartial } from './merge.ts';
