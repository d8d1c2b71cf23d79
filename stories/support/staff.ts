/**
 * For the tracker's stories: a stand-in for a partner's staff page, which gives the hubkit
 * elements inside it a client that may read the partner's referrals (in production a short-lived
 * staff token from the partner's server; here a secret key the mock hub takes, because msw answers
 * in the page before the browser adds an `Origin` header), and referrals on the story's mock hub.
 */
import { ContextProvider } from '@lit/context';
import { createClient } from '@hubkit/sdk';
import { make, type HubMock } from '@hubkit/mocks';
import type { Lang } from '@hubkit/schema';
import { hubContext, type HubConfig } from '@hubkit/elements';

/** A provider's config whose client reads every referral of `hub`; none when `hub` is undefined. */
export function staffConfig(hub: HubMock | undefined, lang: Lang): HubConfig {
  const client = hub
    ? createClient({
        apiKey: hub.keys.secret,
        baseUrl: hub.baseUrl,
        dangerouslyAllowBrowser: true,
        lang,
        logLevel: 'off',
      })
    : undefined;
  return {
    configured: client !== undefined,
    client: () => Promise.resolve(client),
    lang,
    theme: 'auto',
    apiBase: hub?.baseUrl,
    directoryUrl: undefined,
  };
}

/** `<story-staff-provider .config=${…}>`: gives `config` to the hubkit elements inside it. */
class StoryStaffProvider extends HTMLElement {
  readonly #provider = new ContextProvider(this, { context: hubContext, initialValue: undefined });
  set config(value: HubConfig) {
    this.#provider.setValue(value);
  }
}
if (!customElements.get('story-staff-provider'))
  customElements.define('story-staff-provider', StoryStaffProvider);

const at = (day: number, hour = 9) =>
  `2026-11-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

/**
 * `count` referrals at every stage, newest first: closed with outcomes, in progress with one,
 * accepted, triaged, submitted; then older submitted ones.
 */
export function seedReferrals(hub: HubMock, count = 5): void {
  const stages = [
    { status: 'closed', outcomes: ['advice_given', 'food_secured'] },
    { status: 'in_progress', outcomes: ['debt_managed'] },
    { status: 'accepted', outcomes: [] },
    { status: 'triage', outcomes: [] },
  ] as const;
  const path = ['submitted', 'triage', 'accepted', 'assigned', 'in_progress', 'closed'] as const;
  for (let i = 0; i < count; i += 1) {
    const day = 28 - i;
    const stage = stages[i] ?? { status: 'submitted', outcomes: [] };
    const r = make.referral({ createdAt: at(day), submittedAt: at(day), updatedAt: at(day, 15) });
    r.status = stage.status;
    const steps = path.slice(0, path.indexOf(stage.status) + 1);
    r.history = steps.map((to, n) => ({
      from: n === 0 ? null : (steps[n - 1] ?? null),
      to,
      at: at(day, 9 + n),
      by: { role: n === 0 ? ('referrer' as const) : n >= 4 ? ('provider' as const) : ('hub' as const) },
    }));
    r.outcomes = stage.outcomes.map((code, n) => ({
      need: n === 0 ? ('money_debt' as const) : ('food' as const),
      code,
      recordedAt: at(day, 14),
      recordedBy: { role: 'provider' as const },
    }));
    hub.seed.referral(r);
  }
}
