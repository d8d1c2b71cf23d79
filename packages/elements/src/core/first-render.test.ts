/**
 * Long tasks (issue 12): an element's first render runs in a task of its own, not in the task
 * that defined it or added it to the page, so defining and rendering several elements never
 * make one long task, and the page can answer input in between.
 */
import { expect } from '@open-wc/testing';
import '../define/provider.ts';
import '../define/referral-form.ts';
import '../define/service-finder.ts';
import '../define/consent-capture.ts';
import type { HubElement } from './hub-element.ts';
import { nextTask } from './lazy.ts';

/**
 * Lets every microtask queued so far run, and those they queue, many times over: lit starts an
 * update a microtask or two after a property changes, so an update that belonged to this task
 * would have run by the end of this. No task can run in between (microtasks come first).
 */
async function drainMicrotasks(): Promise<void> {
  for (let i = 0; i < 100; i += 1) await Promise.resolve();
}

const TAGS = ['hub-referral-form', 'hub-service-finder', 'hub-consent-capture'] as const;

describe('first render in a task of its own', () => {
  afterEach(() => {
    for (const el of document.querySelectorAll('hub-provider')) el.remove();
  });

  for (const tag of TAGS) {
    it(`<${tag}> added to the page renders in a later task, and then completely`, async () => {
      const provider = document.createElement('hub-provider');
      const el = document.createElement(tag) as HubElement;
      provider.append(el);
      document.body.append(provider);
      await drainMicrotasks();
      expect(el.hasUpdated, 'not rendered in the task that added it').to.equal(false);
      expect(el.shadowRoot?.textContent.trim() ?? '').to.equal('');
      await el.updateComplete;
      expect(el.hasUpdated).to.equal(true);
      expect(el.shadowRoot?.textContent.trim().length ?? 0).to.be.greaterThan(0);
    });
  }

  it('a form element shows :state(rendered) from its first render on, so a page can hold its space until then', async () => {
    const provider = document.createElement('hub-provider');
    const el = document.createElement('hub-referral-form');
    provider.append(el);
    document.body.append(provider);
    await drainMicrotasks();
    expect(customElements.get('hub-referral-form'), 'defined').not.to.equal(undefined);
    expect(el.matches(':state(rendered)'), 'not before its first render').to.equal(false);
    await el.updateComplete;
    expect(el.matches(':state(rendered)')).to.equal(true);
    expect(el.hasState('rendered')).to.equal(true);
  });

  it('a later update (a property changed after the first render) is not held back', async () => {
    const el = document.createElement('hub-service-finder');
    const provider = document.createElement('hub-provider');
    provider.append(el);
    document.body.append(provider);
    await el.updateComplete;
    el.lang = 'en-GB';
    await drainMicrotasks();
    expect(el.isUpdatePending, 'updated within the task').to.equal(false);
  });

  it('nextTask() settles in a later task, after the microtasks of this one', async () => {
    let settled = false;
    void nextTask().then(() => {
      settled = true;
    });
    await drainMicrotasks();
    expect(settled).to.equal(false);
    await nextTask();
    expect(settled).to.equal(true);
  });
});
