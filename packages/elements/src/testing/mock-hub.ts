/**
 * A mock hub for browser tests: @hubkit/mocks' handlers on msw's network layer, intercepting
 * `fetch` in the page itself (no service worker). Requests to anything else fail the test.
 */
import { FetchInterceptor } from '@mswjs/interceptors/fetch';
import { getResponse, http } from 'msw';
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

/**
 * A hub newer than the elements: each JSON answer passed through `rewrite` (with the request's
 * path), as a hub that has added fields and codes would send it.
 */
export type Rewrite = (body: unknown, path: string) => unknown;

/** Starts a mock hub that allows this page's origin; only one runs at a time. */
export async function startMockHub(options: HubMockOptions = {}, rewrite?: Rewrite): Promise<MockHubRun> {
  await running?.stop();
  const hub = createHubMock({ origins: [location.origin], ...options });
  const newer = rewrite
    ? [
        http.all(`${hub.baseUrl}/*`, async ({ request }) => {
          const answer = await getResponse(hub.handlers, request);
          if (!answer?.headers.get('content-type')?.includes('json')) return answer;
          const headers = new Headers(answer.headers);
          headers.delete('content-length');
          const body = rewrite(await answer.json(), new URL(request.url).pathname);
          return new Response(JSON.stringify(body), { status: answer.status, headers });
        }),
      ]
    : hub.handlers;
  const network = defineNetwork({
    sources: [new InterceptorSource({ interceptors: [new FetchInterceptor()] })],
    handlers: newer,
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
