/** Every string `<hub-service-finder>` shows, in English and Welsh. */
import { defineMessages } from '../core/locale.ts';

const en = {
  searchLabel: 'Search services',
  wordsLabel: 'What are you looking for?',
  wordsHint: 'For example, food bank or debt advice',
  needLabel: 'What do they need help with?',
  anyNeed: 'Any kind of help',
  postcodeLabel: 'Postcode',
  postcodeHint: 'To show services nearest first, like N1 1AA',
  search: 'Search',
  searching: 'Searching for services…',
  resultsHeading: 'Services found',
  count: (n: number) => (n === 1 ? '1 service found' : `${n} services found`),
  countMore: (added: number, all: number) =>
    `${added === 1 ? '1 more service' : `${added} more services`} shown, ${all} in all`,
  noMore: 'There are no more services',
  postcodeNotPlaced:
    'We could not find that postcode on our map, so these services are not in order of distance.',
  emptyTitle: 'No services found',
  emptyHint: 'Try fewer or different words, choose “Any kind of help”, or search without a postcode.',
  showMore: 'Show more results',
  loadingMore: 'Loading more results…',
  distance: (km: string) => `${km} km away`,
  organisation: 'Run by',
  contact: 'How to contact them',
  phone: 'Phone',
  email: 'Email',
  website: 'Website',
  websiteLink: (name: string) => `Website of ${name}`,
  openingTimes: 'Opening times',
  openingTime: (days: string, opens: string, closes: string) => `${days}: ${opens} to ${closes}`,
  dayRange: (from: string, to: string) => `${from} to ${to}`,
  eligibility: 'Who it is for',
  ages: (min: number | undefined, max: number | undefined) =>
    min !== undefined && max !== undefined
      ? `Ages ${min} to ${max}`
      : min !== undefined
        ? `Ages ${min} and over`
        : `Ages up to ${max ?? ''}`,
  free: 'Free',
  temporarilyClosed: 'Temporarily closed',
  choose: 'Choose this service',
  chosen: (name: string) => `You chose ${name}`,
  failedTitle: 'The search did not work',
};

/** The shape of the catalogue: its Welsh module satisfies it. */
export type ServiceFinderMessages = typeof en;

export const messages = defineMessages(en, () =>
  import('../core/welsh.cy.ts').then((welsh) => ({ default: welsh.serviceFinder })),
);
