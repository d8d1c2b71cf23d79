import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { HubReferralTracker } from '@hubkit/elements';
import { hubOf, type HubParameters } from './support/mock-hub.ts';
import { appears, choose, click, element, eventually, has, inside } from './support/play.ts';
import { seedReferrals, staffConfig } from './support/staff.ts';
import { darkTheme, forcedColours, narrowMobile } from './support/variants.ts';

interface TrackerArgs {
  lang: 'en' | 'cy';
  theme: 'light' | 'dark';
  'page-size': number;
  'refresh-interval': number;
  /** Referrals on the mock hub (the story's own). */
  referrals: number;
  /** Not set up: no provider client. */
  unconfigured: boolean;
}

/**
 * `<hub-referral-tracker>` inside a staff page that gives it a client (in production, a
 * short-lived staff token minted by the partner's server; here the mock hub's key).
 */
const meta: Meta<TrackerArgs> = {
  title: 'Elements/Referral tracker',
  component: 'hub-referral-tracker',
  args: {
    lang: 'en',
    theme: 'light',
    'page-size': 20,
    'refresh-interval': 30,
    referrals: 5,
    unconfigured: false,
  },
  argTypes: {
    lang: { control: 'inline-radio', options: ['en', 'cy'] },
    theme: { control: 'inline-radio', options: ['light', 'dark'] },
    referrals: { control: 'number', table: { category: 'story' } },
    unconfigured: { control: 'boolean', table: { category: 'story' } },
  },
  render: (args, context) => {
    const hub = hubOf(context);
    if (hub.state.referrals().length === 0) seedReferrals(hub, args.referrals);
    return html`<story-staff-provider .config=${staffConfig(args.unconfigured ? undefined : hub, args.lang)}>
      <hub-referral-tracker
        lang=${args.lang}
        theme=${args.theme}
        page-size=${args['page-size']}
        refresh-interval=${args['refresh-interval']}
      ></hub-referral-tracker>
    </story-staff-provider>`;
  },
};
export default meta;
type Story = StoryObj<TrackerArgs>;

const tracker = (canvas: HTMLElement) => element<HubReferralTracker>(canvas, 'hub-referral-tracker');
const rows = (el: HubReferralTracker) => el.shadowRoot?.querySelectorAll('tbody tr.row').length ?? 0;

/** The tracker once its first list has settled. */
async function listed(canvas: HTMLElement): Promise<HubReferralTracker> {
  const el = await tracker(canvas);
  await eventually(() => {
    if (has(el, '[aria-busy="true"]') || !has(el, 'table, [part="notice"]')) throw new Error('still loading');
  });
  return el;
}

/** Opens the first referral and waits for its timeline. */
async function openFirst(el: HubReferralTracker): Promise<void> {
  await click(el, 'tbody .open');
  await appears(el, '.timeline');
}

export const Referrals: Story = {
  name: 'Referrals (newest first)',
  play: async ({ canvasElement }) => {
    await appears(await listed(canvasElement), 'table');
  },
};

export const Opened: Story = {
  name: 'A referral opened: timeline and outcome per need',
  play: async ({ canvasElement }) => {
    await openFirst(await listed(canvasElement));
  },
};

export const Filtered: Story = {
  name: 'Filtered by status',
  play: async ({ canvasElement }) => {
    const el = await listed(canvasElement);
    await choose(el, '#status', 'in_progress');
    await eventually(() => {
      if (rows(el) !== 1) throw new Error('not filtered');
    });
  },
};

export const Sorted: Story = {
  name: 'Sorted by status',
  play: async ({ canvasElement }) => {
    const el = await listed(canvasElement);
    await click(el, 'thead th:nth-child(2) button');
    await eventually(() => {
      if (inside(el, 'thead th:nth-child(2)').getAttribute('aria-sort') !== 'ascending')
        throw new Error('not sorted');
    });
  },
};

export const LoadMore: Story = {
  name: 'More referrals, loaded with “Load more”',
  args: { 'page-size': 3, referrals: 7 },
  play: async ({ canvasElement }) => {
    const el = await listed(canvasElement);
    await click(el, '[part="more-button"]');
    await eventually(() => {
      if (rows(el) !== 6) throw new Error('no more rows');
    });
  },
};

export const Empty: Story = {
  name: 'Empty: no referrals yet',
  args: { referrals: 0 },
  play: async ({ canvasElement }) => {
    await appears(await listed(canvasElement), '[part="notice"]');
  },
};

export const Loading: Story = {
  name: 'Loading',
  parameters: {
    // The hub never answers, so the list stays loading (until the SDK's own timeout).
    hub: { faults: [{ kind: 'timeout', route: 'listReferrals' }] } satisfies HubParameters,
  },
  play: async ({ canvasElement }) => {
    await appears(await tracker(canvasElement), '[aria-busy="true"] .loading');
  },
};

export const Failed: Story = {
  name: 'Error, with Try again',
  parameters: { hub: { faults: [{ kind: 'network' }] } satisfies HubParameters },
  play: async ({ canvasElement }) => {
    await appears(await listed(canvasElement), '[role="alert"] button');
  },
};

export const SessionExpired: Story = {
  name: 'Session expired (401)',
  parameters: { hub: { faults: [{ kind: 'status', status: 401 }] } satisfies HubParameters },
  play: async ({ canvasElement }) => {
    await appears(await listed(canvasElement), '[role="alert"]');
  },
};

export const NotConfigured: Story = {
  name: 'Not set up (no client)',
  args: { unconfigured: true },
  play: async ({ canvasElement }) => {
    await appears(await tracker(canvasElement), '[part="notice"]');
  },
};

export const Welsh: Story = {
  name: 'Welsh, a referral opened',
  args: { lang: 'cy' },
  play: async ({ canvasElement }) => {
    await openFirst(await listed(canvasElement));
  },
};

export const DarkTheme: Story = {
  ...darkTheme,
  play: async ({ canvasElement }) => {
    await openFirst(await listed(canvasElement));
  },
};

export const ForcedColours: Story = {
  ...forcedColours,
  // Written out, not only spread: Storybook's indexer reads tags from the source text.
  tags: ['forced-colors'],
  play: async ({ canvasElement }) => {
    await openFirst(await listed(canvasElement));
  },
};

export const NarrowMobile: Story = {
  ...narrowMobile,
  tags: ['narrow'],
  play: async ({ canvasElement }) => {
    await appears(await listed(canvasElement), 'table');
  },
};
