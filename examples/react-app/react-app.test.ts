/**
 * `npm run example:react`, as a user runs it: Vite builds the React app, the reference hub (in
 * memory) serves it under its strict CSP, and in Chromium the elements render, a service
 * chosen in the finder becomes React state (shown by React and given to the referral form), and
 * nothing goes wrong in the console.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import axe from 'axe-core';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { HubReferralForm, HubReferralSubmittedEvent, HubServiceSelectDetail } from '@hubkit/elements';
import { answerReferralForm, type ReferralAnswers } from '../testing/referral-journey.ts';

const root = join(import.meta.dirname, '..', '..');
let child: ChildProcess;
let url: string;
let browser: Browser;
let page: Page;
const problems: string[] = [];

before(async () => {
  const { HUBKIT_SKIP_BUILD: _skip, ...env } = process.env;
  child = spawn('npm', ['run', '--silent', 'example:react'], {
    cwd: root,
    env: { ...env, PORT: '0', HUBKIT_DB: ':memory:' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: npm, and the server it starts, are stopped together.
    detached: true,
  });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      reject(new Error(`the example did not start within 120 s:\n${out}`));
    }, 120_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the example exited (${String(code)}) before it started:\n${out}`));
    });
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const found = /React example running at (http:\/\/localhost:\d+\/)/.exec(out);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
  });
  browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warn')
      problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${String(error)}`));
  page.on('requestfailed', (request) => problems.push(`requestfailed: ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.evaluateOnNewDocument(() => {
    const seen = {
      violations: [] as string[],
      selected: [] as { id: string; name: string }[],
      submitted: [] as { reference: string; requestedServiceId: string | null }[],
    };
    (window as unknown as { __seen: typeof seen }).__seen = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
    window.addEventListener('hub-referral-submitted', (e) => {
      const { reference, requestedServiceId } = (e as CustomEvent<HubReferralSubmittedEvent['detail']>).detail
        .referral;
      seen.submitted.push({ reference, requestedServiceId });
    });
    window.addEventListener('hub-service-select', (e) => {
      const { id, name } = (e as CustomEvent<HubServiceSelectDetail>).detail.service;
      seen.selected.push({ id, name });
    });
  });
});

after(async () => {
  await browser.close();
  // Closed once every process of the group has let go of its output.
  const closed = new Promise((resolve) => child.once('close', resolve));
  if (child.pid) process.kill(-child.pid, 'SIGTERM');
  await closed;
});

describe('npm run example:react: the React 19 app with the hubkit elements', { timeout: 180_000 }, () => {
  it('renders the elements, and a service chosen in the finder becomes React state', async () => {
    await page.goto(url, { waitUntil: 'networkidle0' });

    // React rendered the page, and the elements rendered inside it.
    await page.waitForFunction(
      () =>
        document.querySelector('hub-service-finder')?.shadowRoot?.querySelector('#q') &&
        document.querySelector('hub-referral-form')?.shadowRoot?.querySelector('.step-heading'),
      { timeout: 20_000 },
    );
    const before = await page.$eval('[data-testid="chosen-service"]', (p) => p.textContent);
    assert.match(before, /No service chosen yet/);

    // Find a service by words and choose the first.
    await page.evaluate(() => {
      const root = document.querySelector('hub-service-finder')?.shadowRoot;
      const words = root?.querySelector<HTMLInputElement>('#q');
      if (!root || !words) throw new Error('no service finder');
      words.value = 'debt';
      words.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      root.querySelector('form')?.requestSubmit();
    });
    await page.waitForFunction(
      () => document.querySelector('hub-service-finder')?.shadowRoot?.querySelector('[part="choose-button"]'),
      { timeout: 20_000 },
    );
    await page.evaluate(() => {
      document
        .querySelector('hub-service-finder')
        ?.shadowRoot?.querySelector<HTMLButtonElement>('[part="choose-button"]')
        ?.click();
    });

    // React's own text names the service the finder's event carried.
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="chosen-service"]')?.textContent.startsWith('Referring to: '),
      { timeout: 10_000 },
    );
    const seen = await page.evaluate(
      () =>
        (window as unknown as { __seen: { violations: string[]; selected: { id: string; name: string }[] } })
          .__seen,
    );
    assert.equal(seen.selected.length, 1, 'one service chosen');
    const chosen = seen.selected[0];
    assert.ok(chosen);
    const shown = await page.$eval('[data-testid="chosen-service"]', (p) => p.textContent);
    assert.equal(shown, `Referring to: ${chosen.name}`);

    // React passed the state to the form as a property: the form has the service, as an object.
    const formService = await page.evaluate(() => {
      const form = document.querySelector<HubReferralForm>('hub-referral-form');
      return form?.service ? { id: form.service.id, name: form.service.name } : null;
    });
    assert.deepEqual(formService, chosen);
    assert.equal(
      await page.evaluate(() => document.querySelector('hub-referral-form')?.getAttribute('service')),
      null,
      'set as a property, not an attribute',
    );

    // Accessible (WCAG 2.2 AA rules), shadow roots included.
    const violations = await page.evaluate(async (source: string) => {
      // Evaluated by the test, not loaded by the page: the page's CSP stays as it is.
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      new Function(source)();
      const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
        runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'],
      });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }, axe.source);
    assert.deepEqual(violations, []);

    assert.deepEqual(seen.violations, [], 'no CSP violation');
    assert.deepEqual(problems, [], 'no console errors or warnings, no failed requests');
  });

  it('sends the referral to the chosen service, and React shows its reference', async () => {
    // Every step of the form (the referrer type is preselected by the `referrerType` prop),
    // the consent inside it, then Send.
    await page.evaluate(answerReferralForm, {
      referrer: {
        expectedType: 'gp_practice',
        name: 'Jordan Ellis',
        role: 'Social prescribing link worker',
        organisation: 'Harlesden Road Medical Centre (fictional)',
        email: 'jordan.ellis@example.com',
      },
      person: {
        givenName: 'Tomasz',
        familyName: 'Nowak',
        dob: ['8', '11', '1952'],
        line1: '9 Harlesden Gardens',
        town: 'London',
        postcode: 'nw10 4hg',
      },
      need: { code: 'money_debt', urgency: 'soon', details: 'Behind on council tax since his wife died.' },
      phone: '020 7946 0321',
      consentGiver: 'Tomasz Nowak',
    } satisfies ReferralAnswers);
    await page.evaluate(() => {
      [...(document.querySelector('hub-referral-form')?.shadowRoot?.querySelectorAll('button') ?? [])]
        .find((b) => /send/i.test(b.textContent))
        ?.click();
    });

    // React's own status line, from the form's hub-referral-submitted event.
    await page.waitForSelector('[data-testid="sent-reference"]', { timeout: 20_000 });
    const sent = await page.$eval('[data-testid="sent-reference"]', (p) => p.textContent);
    const reference = /Reference: (HUB-[0-9A-Z]{4}-[0-9A-Z]{2})$/.exec(sent)?.[1];
    assert.ok(reference, sent);
    const formText = await page.evaluate(
      () => document.querySelector('hub-referral-form')?.shadowRoot?.textContent ?? '',
    );
    assert.ok(formText.includes(reference), 'the same reference as the form’s confirmation');

    // Sent for the service chosen in the finder: React's state reached the request.
    const seen = await page.evaluate(
      () => (window as unknown as { __seen: { selected: { id: string }[]; submitted: unknown[] } }).__seen,
    );
    assert.equal(seen.submitted.length, 1);
    assert.deepEqual(seen.submitted[0], { reference, requestedServiceId: seen.selected[0]?.id });

    assert.deepEqual(problems, [], 'no console errors or warnings, no failed requests');
  });
});
