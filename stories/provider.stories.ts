import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { privacyNotice, privacyNoticeText } from '@hubkit/schema/fixtures';
import type { HubReferralForm, HubServiceFinder } from '@hubkit/elements';
import { hubOf } from './support/mock-hub.ts';
import { appears, choose, click, element, eventually, fill, textOf } from './support/play.ts';

interface ProviderArgs {
  lang: string;
  theme: 'light' | 'dark';
  /** Service finders read the mock hub's Open Referral UK feed (`directory-url`). */
  oruk: boolean;
}

const notice = { version: privacyNotice.version, text: privacyNoticeText, url: privacyNotice.url };

/**
 * `<hub-provider>` gives its key, the hub's address, the language and the theme to every element
 * inside it: a partner's page sets them once. Here a finder feeds the referral form the service
 * chosen, as a partner's page wires them.
 */
const meta: Meta<ProviderArgs> = {
  title: 'Elements/Provider',
  component: 'hub-provider',
  args: { lang: 'en', theme: 'light', oruk: false },
  argTypes: {
    lang: { control: 'inline-radio', options: ['en', 'cy'] },
    theme: { control: 'inline-radio', options: ['light', 'dark'] },
    oruk: { control: 'boolean', table: { category: 'story' } },
  },
  render: (args, context) => {
    const hub = hubOf(context);
    const chosen = (event: HTMLElementEventMap['hub-service-select']) => {
      const form = (event.currentTarget as HTMLElement).querySelector('hub-referral-form');
      if (form) form.service = event.detail.service;
    };
    return html`<hub-provider
      publishable-key=${hub.keys.publishable}
      api-base=${hub.baseUrl}
      lang=${args.lang}
      theme=${args.theme}
      directory-url=${ifDefined(args.oruk ? `${hub.baseUrl}/oruk` : undefined)}
      @hub-service-select=${chosen}
    >
      <hub-service-finder page-size="3"></hub-service-finder>
      <hub-referral-form>
        <hub-consent-capture
          slot="consent"
          controller="Community Hub (fictional council)"
          controller-ico="Z1234567"
          methods="online"
          purposes="hub_triage share_with_services contact"
          .notice=${notice}
        ></hub-consent-capture>
      </hub-referral-form>
    </hub-provider>`;
  },
};
export default meta;
type Story = StoryObj<ProviderArgs>;

/** Finds food services and chooses the first: the referral form takes it. */
async function chooseAService(canvas: HTMLElement): Promise<void> {
  const finder = await element<HubServiceFinder>(canvas, 'hub-service-finder');
  const form = await element<HubReferralForm>(canvas, 'hub-referral-form');
  await choose(finder, '#need', 'food');
  await fill(finder, '#postcode', 'N7 6QX');
  await click(finder, 'button[type="submit"]');
  await appears(finder, '[part="choose-button"]');
  await click(finder, '[part="choose-button"]');
  await eventually(() => {
    if (!form.service) throw new Error('the form did not take the service');
  });
  await eventually(() => {
    if (!textOf(finder, '[role="status"]')) throw new Error('the choice was not announced');
  });
}

export const Empty: Story = { name: 'Finder and referral form, one provider' };

export const ServiceChosen: Story = {
  name: 'A service chosen in the finder, for the referral',
  play: async ({ canvasElement }) => {
    await chooseAService(canvasElement);
  },
};

export const Welsh: Story = {
  name: 'Welsh for every element',
  args: { lang: 'cy' },
  play: async ({ canvasElement }) => {
    await chooseAService(canvasElement);
  },
};

export const DarkTheme: Story = {
  name: 'Dark theme for every element',
  args: { theme: 'dark' },
  globals: { backgrounds: { value: 'dark' } },
  play: async ({ canvasElement }) => {
    await chooseAService(canvasElement);
  },
};

export const OpenReferralUK: Story = {
  name: 'Partner option: an Open Referral UK directory for every finder',
  args: { oruk: true },
  play: async ({ canvasElement }) => {
    await chooseAService(canvasElement);
  },
};
