import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { privacyNotice, privacyNoticeText } from '@hubkit/schema/fixtures';
import type { HubReferralForm } from '@hubkit/elements';
import { hubOf, type HubParameters } from './support/mock-hub.ts';
import { appears, click, element, eventually, fill, textOf, tick } from './support/play.ts';
import { darkTheme, forcedColours, narrowMobile } from './support/variants.ts';

interface ReferralArgs {
  lang: string;
  theme: 'light' | 'dark';
  needs: string;
  preselect: string;
  'referrer-type': string;
  'service-id': string;
  assessment: boolean;
  /** A `<hub-consent-capture slot="consent">` inside: a consent step before "Check your answers". */
  consent: boolean;
  /** The page's direction. */
  dir: 'ltr' | 'rtl';
}

const notice = { version: privacyNotice.version, text: privacyNoticeText, url: privacyNotice.url };

const meta: Meta<ReferralArgs> = {
  title: 'Elements/Referral form',
  component: 'hub-referral-form',
  args: {
    lang: 'en',
    theme: 'light',
    needs: '',
    preselect: '',
    'referrer-type': '',
    'service-id': '',
    assessment: false,
    consent: false,
    dir: 'ltr',
  },
  argTypes: {
    lang: { control: 'inline-radio', options: ['en', 'cy'] },
    theme: { control: 'inline-radio', options: ['light', 'dark'] },
    dir: { control: 'inline-radio', options: ['ltr', 'rtl'], table: { category: 'story' } },
    consent: { control: 'boolean', table: { category: 'story' } },
  },
  render: (args, context) => {
    const hub = hubOf(context);
    return html`<div dir=${args.dir}>
      <hub-referral-form
        publishable-key=${hub.keys.publishable}
        api-base=${hub.baseUrl}
        lang=${args.lang}
        theme=${args.theme}
        needs=${args.needs}
        preselect=${args.preselect}
        referrer-type=${args['referrer-type']}
        service-id=${args['service-id']}
        ?assessment=${args.assessment}
      >
        ${
          args.consent
            ? html`<hub-consent-capture
                slot="consent"
                controller="Community Hub (fictional council)"
                controller-ico="Z1234567"
                methods="online"
                purposes="hub_triage contact"
                .notice=${notice}
              ></hub-consent-capture>`
            : nothing
        }
      </hub-referral-form>
    </div>`;
  },
};
export default meta;
type Story = StoryObj<ReferralArgs>;

const form = (canvas: HTMLElement) => element<HubReferralForm>(canvas, 'hub-referral-form');
const heading = (el: HubReferralForm) => textOf(el, '.step-heading');

async function next(el: HubReferralForm): Promise<void> {
  await click(el, 'button[type="submit"]');
}

// Each step answered as a referrer would, with fictional people.

async function answerReferrer(el: HubReferralForm): Promise<void> {
  await tick(el, 'referrer-type', 'gp_practice');
  await fill(el, '#referrer-name', 'Dr Priya Shah');
  await fill(el, '#referrer-role', 'Social prescribing link worker');
  await fill(el, '#referrer-organisation', 'Rowan Surgery (fictional)');
  await fill(el, '#referrer-email', 'priya.shah@example.com');
  await tick(el, 'resident-aware', 'yes');
  await tick(el, 'resident-agreed', 'yes');
  await next(el);
}

async function answerPerson(el: HubReferralForm): Promise<void> {
  await fill(el, '#given-name', 'Marcus');
  await fill(el, '#family-name', 'Bell');
  await fill(el, '#dob-day', '14');
  await fill(el, '#dob-month', '3');
  await fill(el, '#dob-year', '1968');
  await fill(el, '#address-line1', '18 Mercer Street');
  await fill(el, '#address-town', 'London');
  await fill(el, '#address-postcode', 'N7 6QX');
  await next(el);
}

async function answerNeeds(el: HubReferralForm): Promise<void> {
  await tick(el, 'needs', 'money_debt');
  await tick(el, 'needs', 'food');
  await next(el);
}

async function answerDetails(el: HubReferralForm): Promise<void> {
  await tick(el, 'need-money_debt-urgency', 'soon');
  await fill(el, '#need-money_debt-details', 'Council tax arrears since a change in hours');
  await tick(el, 'need-food-urgency', 'urgent');
  await fill(el, '#notes', 'Prefers the phone to coming in');
  await next(el);
}

async function answerSafeguarding(el: HubReferralForm): Promise<void> {
  await tick(el, 'sg-concern', 'no');
  await next(el);
}

async function answerContact(el: HubReferralForm): Promise<void> {
  await tick(el, 'contact-methods', 'phone');
  await fill(el, '#contact-phone', '07700 900123');
  await tick(el, 'contact-times', 'morning');
  await tick(el, 'contact-safe', 'yes');
  await tick(el, 'contact-interpreter', 'no');
  await next(el);
}

/** The steps in order, each answered as a referrer would. */
const steps = [answerReferrer, answerPerson, answerNeeds, answerDetails, answerSafeguarding, answerContact];

/** The first `count` steps answered, so the story starts on the next one. */
async function answerFirst(el: HubReferralForm, count: number): Promise<void> {
  for (const answer of steps.slice(0, count)) await answer(el);
}

/** Every step answered: "Check your answers". */
async function answerAll(el: HubReferralForm): Promise<void> {
  await answerFirst(el, steps.length);
  await appears(el, '.summary-list');
}

async function send(el: HubReferralForm): Promise<void> {
  await click(el, '.button-group .button');
}

async function sent(el: HubReferralForm): Promise<void> {
  await appears(el, '.panel__reference');
}

export const Empty: Story = {};

export const Filled: Story = {
  name: 'Filled: check your answers',
  play: async ({ canvasElement }) => {
    await answerAll(await form(canvasElement));
  },
};

export const ErrorsReferrer: Story = {
  name: 'Errors: who is referring',
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    await tick(el, 'referrer-type', 'vcs_partner');
    await fill(el, '#referrer-role', 'Caseworker');
    await next(el);
    await appears(el, '.error-summary');
  },
};

export const ErrorsPerson: Story = {
  name: 'Errors: about the person',
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    await answerReferrer(el);
    await fill(el, '#dob-day', '31');
    await fill(el, '#dob-month', '2');
    await fill(el, '#dob-year', '1990');
    await fill(el, '#address-line1', '1 High Street');
    await fill(el, '#address-postcode', 'not a postcode');
    await next(el);
    await appears(el, '.error-summary');
  },
};

export const ErrorsNeeds: Story = {
  name: 'Errors: needs',
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    await answerFirst(el, 2);
    await next(el);
    await appears(el, '.error-summary');
  },
};

export const ErrorsNeedDetails: Story = {
  name: 'Errors: details of each need',
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    await answerFirst(el, 3);
    await next(el);
    await appears(el, '.error-summary');
  },
};

export const ErrorsSafeguarding: Story = {
  name: 'Errors: safeguarding',
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    await answerFirst(el, 4);
    await tick(el, 'sg-concern', 'yes');
    await next(el);
    await appears(el, '.error-summary');
  },
};

export const ErrorsContact: Story = {
  name: 'Errors: how to contact them',
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    await answerFirst(el, 5);
    await tick(el, 'contact-methods', 'email');
    await next(el);
    await appears(el, '.error-summary');
  },
};

export const ErrorsFromHub: Story = {
  name: 'Errors: refused by the hub (an unknown service)',
  args: { 'service-id': '00000000-0000-4000-8000-000000000000' },
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    await answerAll(el);
    await send(el);
    await appears(el, '.notice li');
  },
};

export const ImmediateDanger: Story = {
  name: 'Safeguarding: someone in immediate danger',
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    el.emergencyContacts = [
      { name: 'Emergency services', phone: '999' },
      { name: 'Islington adult social care (fictional)', phone: '020 7946 0000' },
    ];
    await answerFirst(el, 4);
    await tick(el, 'sg-concern', 'yes');
    await tick(el, 'sg-subject', 'adult');
    await fill(el, '#sg-details', 'Neighbour reports he has not been seen for several days.');
    await tick(el, 'sg-danger', 'yes');
    await appears(el, '[part="emergency"]');
  },
};

export const Sending: Story = {
  name: 'Sending (loading)',
  parameters: {
    // The hub never answers, so the referral stays on its way (until the SDK's own timeout).
    hub: { faults: [{ kind: 'timeout', route: 'createReferral' }] } satisfies HubParameters,
  },
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    await answerAll(el);
    await send(el);
    await appears(el, '.button-group .button[aria-disabled="true"]');
  },
};

export const NetworkFailure: Story = {
  name: 'Network failure',
  parameters: { hub: { faults: [{ kind: 'network', route: 'createReferral' }] } satisfies HubParameters },
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    await answerAll(el);
    await send(el);
    await appears(el, '.notice');
  },
};

export const RetryAfterNetworkFailure: Story = {
  name: 'Network failure, then Try again sends it',
  play: async ({ canvasElement, loaded }) => {
    const hub = hubOf({ loaded });
    const el = await form(canvasElement);
    await answerAll(el);
    const off = hub.faults.add({ kind: 'network', route: 'createReferral' });
    await send(el);
    await appears(el, '.notice');
    off();
    await send(el);
    await sent(el);
  },
};

export const Sent: Story = {
  name: 'Sent (success)',
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    await answerAll(el);
    await send(el);
    await sent(el);
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
    const el = await form(canvasElement);
    await answerReferrer(el);
    await next(el);
    await appears(el, '.error-summary');
  },
};

export const WelshSent: Story = {
  name: 'Welsh, sent',
  args: { lang: 'cy' },
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    await answerAll(el);
    await send(el);
    await sent(el);
  },
};

export const RightToLeft: Story = {
  name: 'Right to left',
  args: { dir: 'rtl' },
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    await answerReferrer(el);
    await next(el);
    await appears(el, '.error-summary');
  },
};

export const DarkTheme: Story = {
  ...darkTheme,
  play: async ({ canvasElement }) => {
    await answerAll(await form(canvasElement));
  },
};

export const DarkThemeErrors: Story = {
  ...darkTheme,
  name: 'Dark theme, with errors',
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    await next(el);
    await appears(el, '.error-summary');
  },
};

export const ForcedColours: Story = {
  ...forcedColours,
  // Written out, not only spread: Storybook's indexer reads tags from the source text, and the
  // story test emulates forced colours for stories its index tags.
  tags: ['forced-colors'],
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    await answerReferrer(el);
    await next(el);
    await appears(el, '.error-summary');
  },
};

export const ForcedColoursSent: Story = {
  ...forcedColours,
  // Written out, not only spread: Storybook's indexer reads tags from the source text, and the
  // story test emulates forced colours for stories its index tags.
  tags: ['forced-colors'],
  name: 'Forced colours: sent',
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    await answerAll(el);
    await send(el);
    await sent(el);
  },
};

export const NarrowMobile: Story = {
  ...narrowMobile,
  tags: ['narrow'],
  play: async ({ canvasElement }) => {
    await answerAll(await form(canvasElement));
  },
};

export const LimitedNeeds: Story = {
  name: 'Partner option: limited needs, some preselected',
  args: { needs: 'money_debt food housing', preselect: 'food' },
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    await answerFirst(el, 2);
    await appears(el, 'input[name="needs"][value="food"]:checked');
  },
};

export const PreselectedReferrer: Story = {
  name: 'Partner option: preselected referrer (a GP practice)',
  args: { 'referrer-type': 'gp_practice' },
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    await appears(el, 'input[name="referrer-type"][value="gp_practice"]:checked');
  },
};

export const RequestedService: Story = {
  name: 'Partner option: a service chosen in the finder',
  play: async ({ canvasElement, loaded }) => {
    const hub = hubOf({ loaded });
    const el = await form(canvasElement);
    const service = hub.state.services().find((s) => s.needs.includes('food'));
    if (!service) throw new Error('The mock directory has no food service');
    el.service = service;
    await answerAll(el);
    await eventually(() => {
      if (!el.shadowRoot?.textContent.includes(service.name)) throw new Error('service not shown');
    });
  },
};

export const WithAssessment: Story = {
  name: 'Partner option: with the single-assessment step',
  args: { assessment: true },
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    await answerFirst(el, 4);
    await appears(el, '#what-matters-most');
    await fill(el, '#what-matters-most', 'Keeping his flat and seeing his grandchildren');
  },
};

export const WithConsentStep: Story = {
  name: 'Partner option: with the consent step',
  args: { consent: true },
  play: async ({ canvasElement }) => {
    const el = await form(canvasElement);
    await answerFirst(el, 6);
    await eventually(() => {
      if (!heading(el).toLowerCase().includes('consent')) throw new Error('not on the consent step');
    });
  },
};
