/**
 * The API for stories, answered in the page by @hubkit/mocks through msw (no service worker, no
 * server). Each story render gets a hub of its own at an address of its own, so faults and records
 * of one story never reach another, even when a docs page shows several at once.
 */
import { FetchInterceptor } from '@mswjs/interceptors/fetch';
import { defineNetwork, InterceptorSource } from 'msw/experimental';
import { createHubMock, type Fault, type HubMock, type HubMockOptions } from '@hubkit/mocks';
import type { Loader, StoryContext } from '@storybook/web-components-vite';

/** `parameters.hub`: how a story's mock hub behaves from the start. */
export interface HubParameters extends Omit<HubMockOptions, 'baseUrl'> {
  /** Failures switched on before the story renders (e.g. a timeout, to hold a loading state). */
  faults?: Fault[];
}

const live = new Set<HubMock>();
let counter = 0;

// One network for the page; its handlers are those of every hub alive. Requests elsewhere
// (Storybook's own files) go through untouched.
const network = defineNetwork({
  sources: [new InterceptorSource({ interceptors: [new FetchInterceptor()] })],
  handlers: [],
  context: { quiet: true },
  onUnhandledFrame: 'bypass',
});
network.enable();

function refresh(): void {
  network.resetHandlers(...[...live].flatMap((hub) => hub.handlers));
}

/** Makes the story's hub: `context.loaded.hub`. */
export const mockHubLoader: Loader = (context) => {
  const { faults = [], ...options } = (context.parameters.hub ?? {}) as HubParameters;
  counter += 1;
  const hub = createHubMock({ ...options, baseUrl: `https://hub-${counter}.example.org` });
  for (const fault of faults) hub.faults.add(fault);
  live.add(hub);
  refresh();
  return { hub };
};

/** Forgets the story's hub when the story is torn down (a `beforeEach` cleanup). */
export function forgetMockHub(context: StoryContext): () => void {
  return () => {
    const hub = (context.loaded as { hub?: HubMock }).hub;
    if (!hub) return;
    live.delete(hub);
    refresh();
  };
}

/** The story's hub, made by the loader. */
export function hubOf(context: { loaded: Record<string, unknown> }): HubMock {
  const hub = context.loaded.hub as HubMock | undefined;
  if (!hub) throw new Error('No mock hub: is mockHubLoader in .storybook/preview.ts?');
  return hub;
}
