import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { make, type HubMock } from '@hubkit/mocks';
import type { HubReport } from '@hubkit/elements';
import { hubOf, type HubParameters } from './support/mock-hub.ts';
import { appears, choose, click, element, eventually, has } from './support/play.ts';
import { staffConfig } from './support/staff.ts';
import { darkTheme, forcedColours, narrowMobile } from './support/variants.ts';

interface ReportArgs {
  lang: 'en' | 'cy';
  theme: 'light' | 'dark';
  interval: 'week' | 'month';
  'target-working-days': number;
  'close-target-working-days': number;
  'show-small-numbers': boolean;
  /** Referrals in the quietest month on the mock hub (the story's own); 0 for none. */
  perMonth: number;
  /** Not set up: no provider client. */
  unconfigured: boolean;
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

/** A year of referrals on the story's hub, up to today (make.reportReferrals from @hubkit/mocks). */
function seed(hub: HubMock, perMonth: number): void {
  if (perMonth <= 0 || hub.state.referrals().length > 0) return;
  for (const r of make.reportReferrals({ until: today(), perMonth })) hub.seed.referral(r);
}

/**
 * `<hub-report>` on a hub's intranet page, inside a provider that gives it a client that may read
 * reports (in production a hub report token minted by the hub's own server; here the mock hub's
 * key).
 */
const meta: Meta<ReportArgs> = {
  title: 'Elements/Report (dashboard)',
  component: 'hub-report',
  args: {
    lang: 'en',
    theme: 'light',
    interval: 'month',
    'target-working-days': 2,
    'close-target-working-days': 20,
    'show-small-numbers': false,
    perMonth: 8,
    unconfigured: false,
  },
  argTypes: {
    lang: { control: 'inline-radio', options: ['en', 'cy'] },
    theme: { control: 'inline-radio', options: ['light', 'dark'] },
    interval: { control: 'inline-radio', options: ['month', 'week'] },
    perMonth: { control: 'number', table: { category: 'story' } },
    unconfigured: { control: 'boolean', table: { category: 'story' } },
  },
  render: (args, context) => {
    const hub = hubOf(context);
    seed(hub, args.perMonth);
    return html`<story-staff-provider .config=${staffConfig(args.unconfigured ? undefined : hub, args.lang)}>
      <hub-report
        lang=${args.lang}
        theme=${args.theme}
        interval=${args.interval}
        target-working-days=${args['target-working-days']}
        close-target-working-days=${args['close-target-working-days']}
        ?show-small-numbers=${args['show-small-numbers']}
      ></hub-report>
    </story-staff-provider>`;
  },
};
export default meta;
type Story = StoryObj<ReportArgs>;

const dashboard = (canvas: HTMLElement) => element<HubReport>(canvas, 'hub-report');

/** The dashboard once its report has settled. */
async function shown(canvas: HTMLElement): Promise<HubReport> {
  const el = await dashboard(canvas);
  await eventually(() => {
    if (has(el, '[aria-busy="true"]') || !has(el, 'section.chart, [part="notice"]'))
      throw new Error('still loading');
  });
  return el;
}

export const Dashboard: Story = {
  name: 'A year, by month (small numbers hidden)',
  play: async ({ canvasElement }) => {
    await appears(await shown(canvasElement), '#chart-timeliness');
  },
};

export const ByWeek: Story = {
  name: 'By week, the last 3 months',
  play: async ({ canvasElement }) => {
    const el = await shown(canvasElement);
    await choose(el, '#period', '3');
    await choose(el, '#interval', 'week');
    await eventually(() => {
      if (!el.shadowRoot?.querySelector('#chart-trend tbody th')?.textContent.includes('Week from'))
        throw new Error('not by week');
    });
  },
};

export const DataShown: Story = {
  name: 'A chart’s data table shown',
  play: async ({ canvasElement }) => {
    const el = await shown(canvasElement);
    await click(el, '#chart-needs .toggle');
    await appears(el, '#needs-data.data--open table');
  },
};

export const Suppressed: Story = {
  name: 'Small numbers hidden (a quiet hub)',
  args: { perMonth: 1 },
  play: async ({ canvasElement }) => {
    const el = await shown(canvasElement);
    await click(el, '#chart-trend .toggle');
    await appears(el, '#chart-trend .hidden-figure');
  },
};

export const SmallNumbersShown: Story = {
  name: 'Small numbers shown (the hub’s own staff)',
  args: { perMonth: 1, 'show-small-numbers': true },
  play: async ({ canvasElement }) => {
    await appears(await shown(canvasElement), '#chart-trend');
  },
};

export const Empty: Story = {
  name: 'Empty: no referrals in the period',
  args: { perMonth: 0 },
  play: async ({ canvasElement }) => {
    await appears(await shown(canvasElement), '[part="notice"]');
  },
};

export const Loading: Story = {
  name: 'Loading',
  parameters: {
    // The hub never answers, so the report stays loading (until the SDK's own timeout).
    hub: { faults: [{ kind: 'timeout', route: 'retrieveReferralReport' }] } satisfies HubParameters,
  },
  play: async ({ canvasElement }) => {
    await appears(await dashboard(canvasElement), '[aria-busy="true"] .loading');
  },
};

export const Failed: Story = {
  name: 'Error, with Try again',
  parameters: { hub: { faults: [{ kind: 'network' }] } satisfies HubParameters },
  play: async ({ canvasElement }) => {
    await appears(await shown(canvasElement), '[role="alert"] button');
  },
};

export const SessionExpired: Story = {
  name: 'Session expired (401)',
  parameters: { hub: { faults: [{ kind: 'status', status: 401 }] } satisfies HubParameters },
  play: async ({ canvasElement }) => {
    await appears(await shown(canvasElement), '[role="alert"]');
  },
};

export const Forbidden: Story = {
  name: 'Forbidden: a sign-in that may not read reports (403)',
  parameters: { hub: { faults: [{ kind: 'status', status: 403 }] } satisfies HubParameters },
  play: async ({ canvasElement }) => {
    await appears(await shown(canvasElement), '[role="alert"]');
  },
};

export const NotConfigured: Story = {
  name: 'Not set up (no client)',
  args: { unconfigured: true },
  play: async ({ canvasElement }) => {
    await appears(await dashboard(canvasElement), '[part="notice"]');
  },
};

export const Welsh: Story = {
  name: 'Welsh',
  args: { lang: 'cy' },
  play: async ({ canvasElement }) => {
    await appears(await shown(canvasElement), '#chart-timeliness');
  },
};

export const DarkTheme: Story = {
  ...darkTheme,
  play: async ({ canvasElement }) => {
    await appears(await shown(canvasElement), '#chart-timeliness');
  },
};

export const ForcedColours: Story = {
  ...forcedColours,
  // Written out, not only spread: Storybook's indexer reads tags from the source text.
  tags: ['forced-colors'],
  play: async ({ canvasElement }) => {
    const el = await shown(canvasElement);
    await click(el, '#chart-timeliness .toggle');
    await appears(el, '#timeliness-data.data--open table');
  },
};

export const NarrowMobile: Story = {
  ...narrowMobile,
  tags: ['narrow'],
  play: async ({ canvasElement }) => {
    await appears(await shown(canvasElement), '#chart-trend');
  },
};
