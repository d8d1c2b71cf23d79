import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { HubServiceFinder } from '@hubkit/elements';
import { hubOf, type HubParameters } from './support/mock-hub.ts';
import { appears, choose, click, element, eventually, fill, has, inside, textOf } from './support/play.ts';
import { darkTheme, forcedColours, narrowMobile } from './support/variants.ts';

interface FinderArgs {
  lang: string;
  theme: 'light' | 'dark';
  needs: string;
  need: string;
  'page-size': number;
  'radius-km'?: number;
  /** Reads the mock hub's Open Referral UK feed (`directory-url`) instead of its own API. */
  oruk: boolean;
  /** Not set up: no key and no hub address. */
  unconfigured: boolean;
  /** The page's direction. */
  dir: 'ltr' | 'rtl';
}

const meta: Meta<FinderArgs> = {
  title: 'Elements/Service finder',
  component: 'hub-service-finder',
  args: {
    lang: 'en',
    theme: 'light',
    needs: '',
    need: '',
    'page-size': 10,
    oruk: false,
    unconfigured: false,
    dir: 'ltr',
  },
  argTypes: {
    lang: { control: 'inline-radio', options: ['en', 'cy'] },
    theme: { control: 'inline-radio', options: ['light', 'dark'] },
    dir: { control: 'inline-radio', options: ['ltr', 'rtl'], table: { category: 'story' } },
    oruk: { control: 'boolean', table: { category: 'story' } },
    unconfigured: { control: 'boolean', table: { category: 'story' } },
  },
  render: (args, context) => {
    const hub = hubOf(context);
    const own = !args.unconfigured && !args.oruk;
    return html`<div dir=${args.dir}>
      <hub-service-finder
        publishable-key=${ifDefined(own ? hub.keys.publishable : undefined)}
        api-base=${ifDefined(own ? hub.baseUrl : undefined)}
        directory-url=${ifDefined(args.oruk && !args.unconfigured ? `${hub.baseUrl}/oruk` : undefined)}
        lang=${args.lang}
        theme=${args.theme}
        needs=${args.needs}
        need=${args.need}
        page-size=${args['page-size']}
        radius-km=${ifDefined(args['radius-km'])}
      ></hub-service-finder>
    </div>`;
  },
};
export default meta;
type Story = StoryObj<FinderArgs>;

const finder = (canvas: HTMLElement) => element<HubServiceFinder>(canvas, 'hub-service-finder');

/** Types the search and submits it; waits for an outcome unless `wait` is false. */
async function search(
  el: HubServiceFinder,
  fields: { q?: string; need?: string; postcode?: string },
  wait = true,
): Promise<void> {
  if (fields.q !== undefined) await fill(el, '#q', fields.q);
  if (fields.need !== undefined) await choose(el, '#need', fields.need);
  if (fields.postcode !== undefined) await fill(el, '#postcode', fields.postcode);
  await click(el, 'button[type="submit"]');
  if (wait) {
    await eventually(() => {
      if (has(el, '[aria-busy="true"]') || !has(el, '.outcome, .error-summary')) {
        throw new Error('still searching');
      }
    });
  }
}

/** Results near a postcode, nearest first. */
async function searchNearby(el: HubServiceFinder): Promise<void> {
  await search(el, { postcode: 'N7 6QX' });
  await appears(el, '.result');
}

export const Empty: Story = {};

export const Filled: Story = {
  name: 'Filled, not yet searched',
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    await fill(el, '#q', 'pantry');
    await choose(el, '#need', 'food');
    await fill(el, '#postcode', 'N7 6QX');
  },
};

export const Results: Story = {
  name: 'Results (success)',
  play: async ({ canvasElement }) => {
    await searchNearby(await finder(canvasElement));
  },
};

export const NoResults: Story = {
  name: 'No results',
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    await search(el, { q: 'zzqx nothing like this' });
    await appears(el, '.notice');
  },
};

export const InvalidPostcode: Story = {
  name: 'Error: invalid postcode',
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    await search(el, { q: 'food', postcode: 'not a postcode' });
    await appears(el, '#postcode-error');
  },
};

export const UnknownPostcode: Story = {
  name: 'A postcode the hub cannot place: services, not in order of distance',
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    await search(el, { postcode: 'SW1A 1AA' });
    await appears(el, '.not-placed');
  },
};

export const Loading: Story = {
  name: 'Loading',
  parameters: {
    // The hub never answers, so the search stays in progress (until the SDK's own timeout).
    hub: { faults: [{ kind: 'timeout', route: 'searchServices' }] } satisfies HubParameters,
  },
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    await search(el, { q: 'food' }, false);
    await appears(el, '[aria-busy="true"] .loading');
  },
};

export const NetworkFailure: Story = {
  name: 'Network failure',
  parameters: { hub: { faults: [{ kind: 'network' }] } satisfies HubParameters },
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    await search(el, { postcode: 'N7 6QX' });
    await appears(el, '[role="alert"]');
  },
};

export const RetryAfterNetworkFailure: Story = {
  name: 'Network failure, then Try again finds services',
  play: async ({ canvasElement, loaded }) => {
    const hub = hubOf({ loaded });
    const el = await finder(canvasElement);
    const off = hub.faults.add({ kind: 'network' });
    await search(el, { postcode: 'N7 6QX' });
    await appears(el, '[role="alert"]');
    off();
    await click(el, '[role="alert"] button');
    await appears(el, '.result');
  },
};

export const RateLimited: Story = {
  name: 'Hub busy (429)',
  parameters: { hub: { faults: [{ kind: 'status', status: 429 }] } satisfies HubParameters },
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    await search(el, { q: 'food' });
    await appears(el, '[role="alert"]');
  },
};

export const ServerError: Story = {
  name: 'Hub failing (500)',
  parameters: { hub: { faults: [{ kind: 'status', status: 500 }] } satisfies HubParameters },
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    await search(el, { q: 'food' });
    await appears(el, '[role="alert"]');
  },
};

export const MoreResults: Story = {
  name: 'More results',
  args: { 'page-size': 5 },
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    await search(el, {});
    await click(el, '.more');
    await eventually(() => {
      if ((el.shadowRoot?.querySelectorAll('.result').length ?? 0) < 10) throw new Error('no more results');
    });
  },
};

export const Welsh: Story = {
  name: 'Welsh',
  args: { lang: 'cy' },
  play: async ({ canvasElement }) => {
    await searchNearby(await finder(canvasElement));
  },
};

export const WelshErrors: Story = {
  name: 'Welsh, with an error',
  args: { lang: 'cy' },
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    await search(el, { postcode: 'dim' });
    await appears(el, '#postcode-error');
  },
};

export const RightToLeft: Story = {
  name: 'Right to left',
  args: { dir: 'rtl' },
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    await search(el, { postcode: 'nope' });
    await appears(el, '#postcode-error');
  },
};

export const DarkTheme: Story = {
  ...darkTheme,
  play: async ({ canvasElement }) => {
    await searchNearby(await finder(canvasElement));
  },
};

export const ForcedColours: Story = {
  ...forcedColours,
  // Written out, not only spread: Storybook's indexer reads tags from the source text, and the
  // story test emulates forced colours for stories its index tags.
  tags: ['forced-colors'],
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    await searchNearby(el);
    await search(el, { postcode: 'nope' });
    await appears(el, '#postcode-error');
  },
};

export const NarrowMobile: Story = {
  ...narrowMobile,
  tags: ['narrow'],
  play: async ({ canvasElement }) => {
    await searchNearby(await finder(canvasElement));
  },
};

export const LimitedNeeds: Story = {
  name: 'Partner option: limited needs, one preselected',
  args: { needs: 'food housing', need: 'food' },
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    await eventually(() => {
      if ((inside(el, '#need') as HTMLSelectElement).value !== 'food')
        throw new Error('food not preselected');
    });
  },
};

export const OpenReferralUK: Story = {
  name: 'Partner option: an Open Referral UK directory',
  args: { oruk: true },
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    await search(el, { need: 'food', postcode: 'N7 6QX' });
    await appears(el, '.result');
  },
};

export const NotConfigured: Story = {
  name: 'Not set up (no key)',
  args: { unconfigured: true },
  play: async ({ canvasElement }) => {
    const el = await finder(canvasElement);
    if (!textOf(el, '.notice')) throw new Error('no notice');
  },
};
