// <hub-referral-form> as a control of the partner's own <form>, in a real form in the browser:
// its name, disabled (its own or a fieldset's), reset, state restore and custom states.
import { expect, fixture, html } from '@open-wc/testing';
import { startMockHub, type MockHubRun } from '../testing/mock-hub.ts';
import { $, answerAll, heading, next, pick, sendButton, until } from '../testing/referral-form.ts';
import type { HubReferralForm } from './referral-form.ts';

async function inForm(run: MockHubRun): Promise<{ form: HTMLFormElement; el: HubReferralForm }> {
  const form = await fixture<HTMLFormElement>(
    html`<form>
      <fieldset>
        <legend>Referral</legend>
        <hub-referral-form
          name="referral"
          publishable-key=${run.key}
          api-base=${run.apiBase}
          lang="en"
        ></hub-referral-form>
      </fieldset>
    </form>`,
  );
  const el = form.querySelector('hub-referral-form');
  if (!el) throw new Error('No form');
  await el.updateComplete;
  return { form, el };
}

describe('<hub-referral-form>: a control of the partner’s form', () => {
  let run: MockHubRun;
  beforeEach(async () => {
    run = await startMockHub();
  });
  afterEach(async () => {
    await run.stop();
  });

  it('submits the referral’s id under its name once sent, with :state(invalid) then :state(sent)', async () => {
    const { form, el } = await inForm(run);
    expect(el.name).to.equal('referral');
    expect(el.form).to.equal(form);
    expect(el.matches(':state(invalid)')).to.equal(true);
    expect(el.matches(':state(sent)')).to.equal(false);
    expect(form.checkValidity(), 'not sent yet: the partner’s form waits').to.equal(false);
    expect(new FormData(form).get('referral')).to.equal(null);

    await answerAll(el);
    sendButton(el).click();
    await until(() => el.value !== undefined);
    await el.updateComplete;
    expect(el.matches(':state(sent)')).to.equal(true);
    expect(el.matches(':state(valid)')).to.equal(true);
    expect(el.matches(':state(invalid)')).to.equal(false);
    expect(el.matches(':state(submitting)')).to.equal(false);
    expect(form.checkValidity()).to.equal(true);
    expect(new FormData(form).get('referral')).to.equal(el.value?.id);

    form.reset();
    await el.updateComplete;
    expect(heading(el)).to.equal('Who is making this referral?');
    expect(el.matches(':state(sent)')).to.equal(false);
    expect(el.matches(':state(invalid)')).to.equal(true);
    expect(new FormData(form).get('referral')).to.equal(null);
  });

  it('shows :state(submitting) while the referral is on its way', async () => {
    const { el } = await inForm(run);
    await answerAll(el);
    run.hub.faults.add({ kind: 'timeout' });
    sendButton(el).click();
    await el.updateComplete;
    expect(el.matches(':state(submitting)')).to.equal(true);
    expect(el.matches(':state(sent)')).to.equal(false);
  });

  it('is disabled inside a disabled fieldset: nothing answers, the form skips its value; enabled again, it carries on', async () => {
    const { form, el } = await inForm(run);
    await pick(el, 'referrer-type', 'self');
    const fieldset = form.querySelector('fieldset');
    if (!fieldset) throw new Error('No fieldset');
    fieldset.disabled = true;
    await el.updateComplete;
    expect(el.matches(':disabled')).to.equal(true);
    expect(el.matches(':state(disabled)')).to.equal(true);
    expect(el.disabled, 'its own attribute is untouched').to.equal(false);
    expect(el.isDisabled).to.equal(true);
    expect(el.willValidate, 'a disabled control is not checked').to.equal(false);
    expect(form.checkValidity()).to.equal(true);
    const radio = $(el, '#referrer-type') as HTMLInputElement;
    expect(radio.matches(':disabled')).to.equal(true);
    expect(($(el, 'button[type="submit"]') as HTMLButtonElement).matches(':disabled')).to.equal(true);
    // A Continue forced through does nothing.
    await next(el);
    expect(heading(el)).to.equal('Who is making this referral?');

    fieldset.disabled = false;
    await el.updateComplete;
    expect(el.matches(':state(disabled)')).to.equal(false);
    expect(radio.matches(':disabled')).to.equal(false);
    await next(el);
    expect(heading(el)).to.equal('About you');
  });

  it('is disabled by its own attribute, reflected, and the Back link does nothing then', async () => {
    const { form, el } = await inForm(run);
    await pick(el, 'referrer-type', 'self');
    await next(el);
    el.disabled = true;
    await el.updateComplete;
    expect(el.hasAttribute('disabled')).to.equal(true);
    expect(el.matches(':disabled')).to.equal(true);
    expect(el.matches(':state(disabled)')).to.equal(true);
    expect(form.checkValidity()).to.equal(true);
    $(el, '.back-link').click();
    await el.updateComplete;
    expect(heading(el)).to.equal('About you');
    // Disabled controls are dimmed: WCAG 1.4.3 exempts inactive components from contrast, which
    // axe cannot tell when the disabling comes from a fieldset.
    await expect(el).to.be.accessible({ ignoredRules: ['color-contrast'] });
  });

  it('starts afresh when the browser restores the partner’s form: nothing was kept, nothing is sent', async () => {
    const { form, el } = await inForm(run);
    await pick(el, 'referrer-type', 'self');
    await next(el);
    el.formStateRestoreCallback('a-referral-id-from-before', 'restore');
    await el.updateComplete;
    expect(heading(el)).to.equal('Who is making this referral?');
    expect(new FormData(form).get('referral')).to.equal(null);
    expect(el.matches(':state(invalid)')).to.equal(true);
  });
});
