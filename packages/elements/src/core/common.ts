/**
 * The strings every element shares, and the way to their Welsh (with the schema's). A module of
 * its own, apart from `locale.ts`: the provider follows the page's language but shows no text, so
 * its first paint carries neither these strings nor the schema's codelists.
 */
import { registerWelshTables } from '@hubkit/schema';
import { defineMessages } from './locale.ts';

/** Strings every element shares: the error summary, loading and failure states. */
const en = {
  errorSummaryTitle: 'There is a problem',
  loading: 'Loading…',
  optional: '(optional)',
  error: 'Error:',
  networkError:
    'We could not reach the service. Check your connection and try again. Nothing you typed has been lost.',
  serverError:
    'Something went wrong on our side. Try again in a few minutes. Nothing you typed has been lost.',
  rateLimited:
    'Too many people are using this at the moment. Try again in a minute. Nothing you typed has been lost.',
  proofFailed:
    'We could not finish the check that protects this form from misuse. Try again. Nothing you typed has been lost.',
  notConfigured: 'This form is not set up: it needs a publishable key and the hub’s address.',
  tryAgain: 'Try again',
  // The submit controller's failures that the strings above do not cover.
  offline: 'You are offline. Nothing you typed has been lost: try again when you are back online.',
  rateLimitedFor: (seconds: number) =>
    `Too many people are using this at the moment. Try again in ${String(seconds)} seconds. Nothing you typed has been lost.`,
  conflict: 'These answers were changed after they were first sent. Check them and send them again.',
};

/** The shape of the catalogue: its Welsh module satisfies it. */
export type CommonMessages = typeof en;

// The Welsh of every catalogue, the schema's with it (codelist labels, validation messages), is
// one chunk (core/welsh.cy.ts); every element waits for this catalogue, so the schema's Welsh is
// in place before any Welsh render.
export const common = defineMessages(en, () =>
  import('./welsh.cy.ts').then((welsh) => {
    registerWelshTables({ labels: welsh.welshLabels, messages: welsh.welshMessages });
    return { default: welsh.common };
  }),
);
