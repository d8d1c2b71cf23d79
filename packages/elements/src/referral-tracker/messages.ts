/** Every string `<hub-referral-tracker>` shows, in English and Welsh. */
import { defineMessages } from '../core/locale.ts';

const en = {
  caption: 'Referrals you have made',
  captionHint: 'Newest first. Choose a reference to see what has happened to the referral.',
  filtersLabel: 'Filter referrals',
  statusLabel: 'Status',
  anyStatus: 'Any status',
  needLabel: 'Need',
  anyNeed: 'Any need',
  reference: 'Reference',
  status: 'Status',
  needs: 'Needs',
  submitted: 'Submitted',
  updated: 'Last updated',
  outcomes: 'Outcomes',
  outcomesRecorded: (recorded: number, needs: number) => `${recorded} of ${needs}`,
  sortAscending: 'sorted ascending',
  sortDescending: 'sorted descending',
  sortedBy: (column: string, ascending: boolean) =>
    `Sorted by ${column}, ${ascending ? 'ascending' : 'descending'}`,
  loading: 'Loading referrals…',
  loadingMore: 'Loading more referrals…',
  loadMore: 'Load more referrals',
  shown: (n: number) => (n === 1 ? '1 referral shown' : `${n} referrals shown`),
  shownMore: (added: number, all: number) =>
    `${added === 1 ? '1 more referral' : `${added} more referrals`} shown, ${all} in all`,
  allShown: 'All referrals are shown',
  emptyTitle: 'No referrals found',
  emptyHint: 'Referrals you make will appear here.',
  emptyFilteredHint: 'Try another status or need, or choose “Any status” and “Any need”.',
  failedTitle: 'The referrals could not be loaded',
  failedNetwork: 'We could not reach the hub. Check your connection and try again.',
  failedServer: 'Something went wrong on the hub’s side. Try again in a few minutes.',
  forbidden: 'You do not have access to these referrals. Ask the person who set up this page.',
  expiredTitle: 'Your session has ended',
  expiredHint: 'Sign in again to see your referrals. The page will show them again when you have.',
  notConfigured: 'This tracker is not set up: it needs a sign-in from the partner’s own system.',
  refreshFailed: 'The list could not be refreshed. It will try again shortly.',
  updatedCount: (n: number) => (n === 1 ? '1 referral updated' : `${n} referrals updated`),
  newCount: (n: number) => (n === 1 ? '1 new referral' : `${n} new referrals`),
  open: 'Show details',
  close: 'Hide details',
  detailTitle: (reference: string) => `Referral ${reference}`,
  detailLoading: 'Loading the referral…',
  detailFailed: 'The referral’s details could not be loaded.',
  timeline: 'What has happened',
  created: 'Referral made',
  statusChangedTo: (status: string) => `Status: ${status}`,
  outcomeRecorded: (need: string, outcome: string) => `Outcome for ${need}: ${outcome}`,
  by: (who: string) => `by ${who}`,
  outcomePerNeed: 'Outcome for each need',
  noOutcome: 'No outcome yet',
  recordedOn: (date: string) => `recorded ${date}`,
  assignedTo: 'Assigned to',
  sharingRestricted: 'Consent to share was withdrawn: the hub shares nothing more about this referral.',
};

/** The shape of the catalogue: its Welsh module satisfies it. */
export type ReferralTrackerMessages = typeof en;

export const messages = defineMessages(en, () =>
  import('../core/welsh.cy.ts').then((welsh) => ({ default: welsh.referralTracker })),
);
