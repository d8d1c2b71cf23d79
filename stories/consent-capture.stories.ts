import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { privacyNotice, privacyNoticeText } from '@hubkit/schema/fixtures';
import type { HubConsentCapture } from '@hubkit/elements';
import { hubOf, type HubParameters } from './support/mock-hub.ts';
import { appears, click, element, eventually, fill, textOf } from './support/play.ts';
import { darkTheme, forcedColours, narrowMobile } from './support/variants.ts';

interface ConsentArgs {
  lang: string;
  theme: 'light' | 'dark';
  purposes: string;
  methods: string;
  controller: string;
  'controller-ico': string;
  mode: 'standalone' | 'embedded';
  /** Not set up: no key and no hub address. */
  unconfigured: boolean;
  /** The page's direction. */
  dir: 'ltr' | 'rtl';
}

const notice = { version: privacyNotice.version, text: privacyNoticeText, url: privacyNotice.url };

const meta: Meta<ConsentArgs> = {
  title: 'Elements/Consent capture',
  component: 'hub-consent-capture',
  args: {
    lang: 'en',
    theme: 'light',
    purposes: '',
    methods: 'online phone in_person',
    controller: 'Community Hub (fictional council)',
    'controller-ico': 'Z1234567',
    mode: 'standalone',
    unconfigured: false,
    dir: 'ltr',
  },
  argTypes: {
    lang: { control: 'inline-radio', options: ['en', 'cy'] },
    theme: { control: 'inline-radio', options: ['light', 'dark'] },
    mode: { control: 'inline-radio', options: ['standalone', 'embedded'] },
    dir: { control: 'inline-radio', options: ['ltr', 'rtl'], table: { category: 'story' } },
    unconfigured: { control: 'boolean', table: { category: 'story' } },
  },
  render: (args, context) => {
    const hub = hubOf(context);
    return html`<div dir=${args.dir}>
      <hub-consent-capture
        publishable-key=${ifDefined(args.unconfigured ? undefined : hub.keys.publishable)}
        api-base=${ifDefined(args.unconfigured ? undefined : hub.baseUrl)}
        lang=${args.lang}
        theme=${args.theme}
        purposes=${args.purposes}
        methods=${args.methods}
        controller=${args.controller}
        controller-ico=${args['controller-ico']}
        mode=${args.mode}
        .notice=${notice}
      ></hub-consent-capture>
    </div>`;
  },
};
export default meta;
type Story = StoryObj<ConsentArgs>;

const capture = (canvas: HTMLElement) => element<HubConsentCapture>(canvas, 'hub-consent-capture');

/** Agrees to triage and sharing with services, as the person themselves, online. */
async function answerOnline(el: HubConsentCapture, name = 'Eileen Hartley'): Promise<void> {
  await click(el, '#purposes');
  await click(el, '#purposes-share_with_services');
  await click(el, '#giver-type');
  await fill(el, '#giver-name', name);
  await click(el, '#method');
}

async function recordOnline(el: HubConsentCapture): Promise<void> {
  await answerOnline(el);
  await click(el, '[part="record-button"]');
  await appears(el, '#outcome-title');
}

export const Empty: Story = {};

export const Filled: Story = {
  name: 'Filled, not yet recorded',
  play: async ({ canvasElement }) => {
    await answerOnline(await capture(canvasElement));
  },
};

export const Errors: Story = {
  name: 'Errors: nothing answered',
  play: async ({ canvasElement }) => {
    const el = await capture(canvasElement);
    await click(el, '[part="record-button"]');
    await appears(el, '.error-summary');
  },
};

export const ErrorsOnBehalf: Story = {
  name: 'Errors: on someone’s behalf, no reason given',
  args: { methods: 'online' },
  play: async ({ canvasElement }) => {
    const el = await capture(canvasElement);
    await click(el, '#purposes');
    await click(el, '#giver-type-representative');
    await fill(el, '#giver-name', 'Ruth Osei');
    await fill(el, '#giver-relationship', 'Daughter');
    await click(el, '#giver-authority-lasting_power_of_attorney');
    await click(el, '[part="record-button"]');
    await appears(el, '#giver-reason-error');
  },
};

export const ErrorsByPhone: Story = {
  name: 'Errors: by phone, no staff name',
  play: async ({ canvasElement }) => {
    const el = await capture(canvasElement);
    await click(el, '#purposes');
    await click(el, '#giver-type');
    await fill(el, '#giver-name', 'Marcus Bell');
    await click(el, '#method-phone');
    await click(el, '[part="record-button"]');
    await appears(el, '#staff-name-error');
  },
};

export const Recording: Story = {
  name: 'Recording (loading)',
  parameters: {
    // The hub never answers, so the record stays in progress (until the SDK's own timeout).
    hub: { faults: [{ kind: 'timeout', route: 'createConsent' }] } satisfies HubParameters,
  },
  play: async ({ canvasElement }) => {
    const el = await capture(canvasElement);
    await answerOnline(el);
    await click(el, '[part="record-button"]');
    await appears(el, '[part="record-button"][aria-disabled="true"]');
  },
};

export const NetworkFailure: Story = {
  name: 'Network failure',
  parameters: { hub: { faults: [{ kind: 'network', route: 'createConsent' }] } satisfies HubParameters },
  play: async ({ canvasElement }) => {
    const el = await capture(canvasElement);
    await answerOnline(el);
    await click(el, '[part="record-button"]');
    await appears(el, '#failure-title');
  },
};

export const RetryAfterNetworkFailure: Story = {
  name: 'Network failure, then Try again records it',
  play: async ({ canvasElement, loaded }) => {
    const hub = hubOf({ loaded });
    const el = await capture(canvasElement);
    await answerOnline(el);
    const off = hub.faults.add({ kind: 'network', route: 'createConsent' });
    await click(el, '[part="record-button"]');
    await appears(el, '#failure-title');
    off();
    await click(el, '#try-again');
    await appears(el, '#outcome-title');
  },
};

export const Recorded: Story = {
  name: 'Recorded (success)',
  play: async ({ canvasElement }) => {
    await recordOnline(await capture(canvasElement));
  },
};

export const ConfirmWithdrawal: Story = {
  name: 'Withdraw: confirming',
  play: async ({ canvasElement }) => {
    const el = await capture(canvasElement);
    await recordOnline(el);
    await click(el, '#withdraw');
    await appears(el, '#withdraw-title');
  },
};

export const Withdrawn: Story = {
  name: 'Withdrawn',
  play: async ({ canvasElement }) => {
    const el = await capture(canvasElement);
    await recordOnline(el);
    await click(el, '#withdraw');
    await fill(el, '#withdraw-reason', 'Changed my mind');
    await click(el, '#withdraw-confirm');
    await eventually(() => {
      if (el.consent?.status !== 'withdrawn') throw new Error('not withdrawn');
    });
  },
};

export const Welsh: Story = {
  name: 'Welsh',
  args: { lang: 'cy' },
};

export const WelshErrors: Story = {
  name: 'Welsh, with errors',
  args: { lang: 'cy' },
  play: async ({ canvasElement }) => {
    const el = await capture(canvasElement);
    await click(el, '[part="record-button"]');
    await appears(el, '.error-summary');
  },
};

export const WelshRecorded: Story = {
  name: 'Welsh, recorded',
  args: { lang: 'cy' },
  play: async ({ canvasElement }) => {
    await recordOnline(await capture(canvasElement));
  },
};

export const RightToLeft: Story = {
  name: 'Right to left',
  args: { dir: 'rtl' },
  play: async ({ canvasElement }) => {
    const el = await capture(canvasElement);
    await click(el, '#giver-type-representative');
    await click(el, '[part="record-button"]');
    await appears(el, '.error-summary');
  },
};

export const DarkTheme: Story = {
  ...darkTheme,
  play: async ({ canvasElement }) => {
    const el = await capture(canvasElement);
    await click(el, '[part="record-button"]');
    await appears(el, '.error-summary');
  },
};

export const ForcedColours: Story = {
  ...forcedColours,
  // Written out, not only spread: Storybook's indexer reads tags from the source text, and the
  // story test emulates forced colours for stories its index tags.
  tags: ['forced-colors'],
  play: async ({ canvasElement }) => {
    const el = await capture(canvasElement);
    await click(el, '[part="record-button"]');
    await appears(el, '.error-summary');
  },
};

export const NarrowMobile: Story = {
  ...narrowMobile,
  tags: ['narrow'],
  play: async ({ canvasElement }) => {
    await answerOnline(await capture(canvasElement));
  },
};

export const LimitedPurposes: Story = {
  name: 'Partner option: some purposes, online only',
  args: { purposes: 'hub_triage contact', methods: 'online' },
};

export const Embedded: Story = {
  name: 'Embedded (no Record button; the page records)',
  args: { mode: 'embedded', methods: 'online', purposes: 'hub_triage contact' },
};

export const NotConfigured: Story = {
  name: 'Not set up (no key)',
  args: { unconfigured: true },
  play: async ({ canvasElement }) => {
    const el = await capture(canvasElement);
    if (!textOf(el, '[part="notice"]')) throw new Error('no notice');
  },
};
