/** The Welsh strings of `<hub-service-finder>`. Loaded only where an element speaks Welsh (see core/welsh.cy.ts). */
import type { ServiceFinderMessages } from './messages.ts';

export default {
  searchLabel: 'Chwilio am wasanaethau',
  wordsLabel: 'Am beth ydych chi’n chwilio?',
  wordsHint: 'Er enghraifft, banc bwyd neu gyngor ar ddyledion',
  needLabel: 'Gyda beth mae angen help arnyn nhw?',
  anyNeed: 'Unrhyw fath o help',
  postcodeLabel: 'Cod post',
  postcodeHint: 'I ddangos y gwasanaethau agosaf yn gyntaf, fel N1 1AA',
  search: 'Chwilio',
  searching: 'Wrthi’n chwilio am wasanaethau…',
  resultsHeading: 'Gwasanaethau a ganfuwyd',
  count: (n: number) => (n === 1 ? '1 gwasanaeth wedi’i ganfod' : `${n} gwasanaeth wedi’u canfod`),
  countMore: (added: number, all: number) =>
    `${added === 1 ? '1 gwasanaeth arall' : `${added} gwasanaeth arall`} yn cael eu dangos, ${all} i gyd`,
  noMore: 'Does dim rhagor o wasanaethau',
  postcodeNotPlaced:
    'Ni allem ddod o hyd i’r cod post hwnnw ar ein map, felly nid yw’r gwasanaethau hyn mewn trefn pellter.',
  emptyTitle: 'Heb ddod o hyd i wasanaethau',
  emptyHint:
    'Rhowch gynnig ar lai o eiriau neu eiriau gwahanol, dewiswch “Unrhyw fath o help”, neu chwiliwch heb god post.',
  showMore: 'Dangos rhagor o ganlyniadau',
  loadingMore: 'Wrthi’n llwytho rhagor o ganlyniadau…',
  distance: (km: string) => `${km} km i ffwrdd`,
  organisation: 'Yn cael ei redeg gan',
  contact: 'Sut i gysylltu â nhw',
  phone: 'Ffôn',
  email: 'E-bost',
  website: 'Gwefan',
  websiteLink: (name: string) => `Gwefan ${name}`,
  openingTimes: 'Oriau agor',
  openingTime: (days: string, opens: string, closes: string) => `${days}: ${opens} i ${closes}`,
  // "i" softens the day that follows: Dydd Llun i ddydd Gwener.
  dayRange: (from: string, to: string) => `${from} i ${to.replace(/^Dydd/, 'ddydd')}`,
  eligibility: 'Ar gyfer pwy mae e',
  ages: (min: number | undefined, max: number | undefined) =>
    min !== undefined && max !== undefined
      ? `Oed ${min} i ${max}`
      : min !== undefined
        ? `Oed ${min} a hŷn`
        : `Oed hyd at ${max ?? ''}`,
  free: 'Am ddim',
  temporarilyClosed: 'Ar gau dros dro',
  choose: 'Dewis y gwasanaeth hwn',
  chosen: (name: string) => `Rydych wedi dewis ${name}`,
  failedTitle: 'Ni weithiodd y chwiliad',
} satisfies ServiceFinderMessages;
