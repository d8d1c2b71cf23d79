/**
 * A mock hub for browser tests: @hubkit/mocks' handlers on msw's network layer, intercepting
 * `fetch` in the page itself (no service worker). Requests to anything else fail the test.
 */
import { FetchInterceptor } from '@mswjs/interceptors/fetch';
import { defineNetwork, InterceptorSource } from 'msw/experimental';
import { createHubMock, type HubMock, type HubMockOptions } from '@hubkit/mocks';

export interface MockHubRun {
  hub: HubMock;
  /** Attributes for an element or provider that talks to this mock hub. */
  key: string;
  apiBase: string;
  stop(): Promise<void>;
}

let running: MockHubRun | undefined;

/** Starts a mock hub that allows this page's origin; only one runs at a time. */
export async function startMockHub(options: HubMockOptions = {}): Promise<MockHubRun> {
  await running?.stop();
  const hub = createHubMock({ origins: [location.origin], ...options });
  const network = defineNetwork({
    sources: [new InterceptorSource({ interceptors: [new FetchInterceptor()] })],
    handlers: hub.handlers,
    context: { quiet: true },
    onUnhandledFrame: 'error',
  });
  network.enable();
  const run: MockHubRun = {
    hub,
    key: hub.keys.publishable,
    apiBase: hub.baseUrl,
    stop() {
      network.disable();
      if (running === run) running = undefined;
      return Promise.resolve();
    },
  };
  running = run;
  return run;
}
