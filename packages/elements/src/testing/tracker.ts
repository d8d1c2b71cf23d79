/**
 * For the tracker's browser tests: a provider's config whose client may read a partner's
 * referrals, and referrals put in place on the mock hub.
 *
 * The client stands in for a staff token: a secret key the mock hub takes because msw answers in
 * the page, before the browser adds an `Origin` header (a real hub refuses a secret key from a
 * browser). The tracker takes whatever client its provider gives.
 */
import { ContextProvider } from '@lit/context';
import { createClient } from '@hubkit/sdk';
import { make, type HubMock } from '@hubkit/mocks';
import type { Lang, Referral } from '@hubkit/schema';
import { hubContext, type HubConfig } from '../core/context.ts';

/** A provider's config with a client that reads every referral of `hub`. */
export function staffConfig(hub: HubMock, lang: Lang = 'en'): HubConfig {
  const client = createClient({
    apiKey: hub.keys.secret,
    baseUrl: hub.baseUrl,
    dangerouslyAllowBrowser: true,
    lang,
    logLevel: 'off',
  });
  return {
    configured: true,
    client: () => Promise.resolve(client),
    lang,
    theme: 'auto',
    apiBase: hub.baseUrl,
    directoryUrl: undefined,
  };
}

/** Makes `host` give `config` to the hubkit elements inside it, as `<hub-provider>` does. */
export function provide(host: HTMLElement, config: HubConfig): ContextProvider<typeof hubContext> {
  return new ContextProvider(host, { context: hubContext, initialValue: config });
}

const at = (day: number, hour = 9) =>
  `2026-11-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

/**
 * Three referrals: submitted on the 2nd, in progress with one outcome on the 4th, closed with
 * both on the 6th (newest first: closed, in progress, submitted).
 */
export function seedReferrals(hub: HubMock): Referral[] {
  const submitted = make.referral({ createdAt: at(2), updatedAt: at(2), submittedAt: at(2) });
  submitted.history = [{ from: null, to: 'submitted', at: at(2), by: { role: 'referrer' } }];
  const working = make.referral({
    createdAt: at(4),
    submittedAt: at(4),
    status: 'in_progress',
    updatedAt: at(5),
  });
  working.history = [
    { from: null, to: 'submitted', at: at(4), by: { role: 'referrer' } },
    { from: 'submitted', to: 'triage', at: at(4, 10), by: { role: 'hub' } },
    { from: 'triage', to: 'accepted', at: at(4, 11), by: { role: 'hub' } },
    { from: 'accepted', to: 'assigned', at: at(4, 12), by: { role: 'hub' } },
    { from: 'assigned', to: 'in_progress', at: at(5), by: { role: 'provider' } },
  ];
  working.outcomes = [
    { need: 'money_debt', code: 'debt_managed', recordedAt: at(5), recordedBy: { role: 'provider' } },
  ];
  const closed = make.referral({ createdAt: at(6), submittedAt: at(6), status: 'closed', updatedAt: at(8) });
  closed.history = [
    { from: null, to: 'submitted', at: at(6), by: { role: 'referrer' } },
    { from: 'submitted', to: 'closed', at: at(8), by: { role: 'hub' } },
  ];
  closed.outcomes = [
    { need: 'money_debt', code: 'advice_given', recordedAt: at(7), recordedBy: { role: 'provider' } },
    { need: 'food', code: 'food_secured', recordedAt: at(7), recordedBy: { role: 'provider' } },
  ];
  return [submitted, working, closed].map((r) => hub.seed.referral(r));
}

/** `count` more submitted referrals, made on successive hours of 1 November (older than the three). */
export function seedMany(hub: HubMock, count: number): Referral[] {
  return Array.from({ length: count }, (_, i) => {
    const when = `2026-11-01T${String(i % 24).padStart(2, '0')}:${String(Math.floor(i / 24)).padStart(2, '0')}:00.000Z`;
    const r = make.referral({ createdAt: when, updatedAt: when, submittedAt: when });
    r.history = [{ from: null, to: 'submitted', at: when, by: { role: 'referrer' } }];
    return hub.seed.referral(r);
  });
}
