import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
// Space is pressed by its key value, ' ': WebDriver BiDi (Firefox) knows no key named "Space".
import { startMockHub, type MockHubRun } from '../testing/mock-hub.ts';
import { expectNoPersonalDataStored, heading, mount, until } from '../testing/referral-form.ts';

describe('<hub-referral-form>: keyboard only', () => {
  let run: MockHubRun;
  beforeEach(async () => {
    run = await startMockHub();
  });
  afterEach(async () => {
    await run.stop();
  });

  it('goes through the whole journey with Tab, Space, arrows, typing and Enter', async () => {
    const el = await mount(run);
    // Fewer boxes to Tab past; the journey is the same.
    el.needs = 'money_debt food housing';
    const active = () => el.shadowRoot?.activeElement as HTMLElement | null;
    /** Presses Tab until the focused control matches, as a person would. */
    const tabTo = async (match: (e: HTMLElement) => boolean) => {
      for (let i = 0; i < 40; i += 1) {
        await sendKeys({ press: 'Tab' });
        const now = active();
        if (now && match(now)) return;
      }
      throw new Error('Tab never reached the control');
    };
    const byId = (id: string) => (e: HTMLElement) => e.id === id;
    const submit = (e: HTMLElement) => e.matches('button');
    const step = async () => {
      await el.updateComplete;
      await new Promise((r) => setTimeout(r));
      expect(active()?.classList.contains('step-heading')).to.equal(true);
    };
    const write = async (id: string, text: string) => {
      await tabTo(byId(id));
      await sendKeys({ type: text });
    };

    // Who is referring: themselves.
    await tabTo(byId('referrer-type'));
    await sendKeys({ press: ' ' });
    await tabTo(submit);
    await sendKeys({ press: 'Enter' });
    await step();
    expect(heading(el)).to.equal('About you');

    await write('given-name', 'Eileen');
    await write('family-name', 'Hartley');
    await write('dob-day', '20');
    await write('dob-month', '5');
    await write('dob-year', '1946');
    await write('address-line1', '27 Brook Lane');
    await write('address-town', 'Bury');
    await write('address-postcode', 'bl9 6st');
    // Enter in a text field sends the step, as in any form.
    await sendKeys({ press: 'Enter' });
    await step();
    expect(heading(el)).to.equal('Their needs');

    await tabTo(byId('needs-food'));
    await sendKeys({ press: ' ' });
    await tabTo(submit);
    await sendKeys({ press: 'Enter' });
    await step();

    await tabTo(byId('need-food-urgency'));
    await sendKeys({ press: 'ArrowDown' });
    await write('need-food-details', 'Cannot get to the shops');
    await tabTo(submit);
    await sendKeys({ press: 'Enter' });
    await step();

    // Safeguarding: "No" by arrowing from "Yes".
    await tabTo(byId('sg-concern'));
    await sendKeys({ press: 'ArrowRight' });
    await tabTo(submit);
    await sendKeys({ press: 'Enter' });
    await step();

    await tabTo(byId('contact-methods'));
    await sendKeys({ press: ' ' });
    await write('contact-phone', '0161 496 0742');
    await tabTo(byId('contact-safe'));
    await sendKeys({ press: ' ' });
    // An interpreter: Yes, then the language from the list by typing its first letters.
    await tabTo(byId('contact-interpreter'));
    await sendKeys({ press: ' ' });
    await tabTo(byId('contact-language'));
    await sendKeys({ type: 'Welsh' });
    await tabTo(submit);
    await sendKeys({ press: 'Enter' });
    await step();
    expect(heading(el)).to.equal('Check your answers before sending the referral');

    await tabTo(submit);
    await sendKeys({ press: 'Enter' });
    await until(() => el.value !== undefined);
    await step();
    expect(heading(el)).to.equal('Referral sent');

    const [made] = run.hub.state.referrals();
    expect(run.hub.state.referrals()).to.have.length(1);
    expect(made?.referrer.type).to.equal('self');
    expect(made?.resident.address?.postcode).to.equal('BL9 6ST');
    expect(made?.needs).to.deep.equal([
      { code: 'food', urgency: 'soon', details: 'Cannot get to the shops' },
    ]);
    expect(made?.resident.contact.safeToLeaveMessage).to.equal(true);
    expect(made?.resident.language).to.deep.equal({ preferred: 'cy', interpreterNeeded: true });
    expectNoPersonalDataStored();
  });
});
