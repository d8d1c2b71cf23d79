/** The Welsh strings of `<hub-referral-tracker>`. Loaded only where an element speaks Welsh (see core/welsh.cy.ts). */
import type { ReferralTrackerMessages } from './messages.ts';

export default {
  caption: 'Atgyfeiriadau rydych wedi’u gwneud',
  captionHint: 'Y diweddaraf yn gyntaf. Dewiswch gyfeirnod i weld beth sydd wedi digwydd i’r atgyfeiriad.',
  filtersLabel: 'Hidlo atgyfeiriadau',
  statusLabel: 'Statws',
  anyStatus: 'Unrhyw statws',
  needLabel: 'Angen',
  anyNeed: 'Unrhyw angen',
  reference: 'Cyfeirnod',
  status: 'Statws',
  needs: 'Anghenion',
  submitted: 'Anfonwyd',
  updated: 'Diweddarwyd ddiwethaf',
  outcomes: 'Canlyniadau',
  outcomesRecorded: (recorded: number, needs: number) => `${recorded} o ${needs}`,
  sortAscending: 'wedi’u trefnu’n esgynnol',
  sortDescending: 'wedi’u trefnu’n ddisgynnol',
  sortedBy: (column: string, ascending: boolean) =>
    `Wedi’u trefnu yn ôl ${column}, ${ascending ? 'yn esgynnol' : 'yn ddisgynnol'}`,
  loading: 'Wrthi’n llwytho atgyfeiriadau…',
  loadingMore: 'Wrthi’n llwytho rhagor o atgyfeiriadau…',
  loadMore: 'Llwytho rhagor o atgyfeiriadau',
  shown: (n: number) => (n === 1 ? '1 atgyfeiriad yn cael ei ddangos' : `${n} atgyfeiriad yn cael eu dangos`),
  shownMore: (added: number, all: number) =>
    `${added === 1 ? '1 atgyfeiriad arall' : `${added} atgyfeiriad arall`} yn cael eu dangos, ${all} i gyd`,
  allShown: 'Mae pob atgyfeiriad yn cael ei ddangos',
  emptyTitle: 'Heb ddod o hyd i atgyfeiriadau',
  emptyHint: 'Bydd yr atgyfeiriadau a wnewch yn ymddangos yma.',
  emptyFilteredHint:
    'Rhowch gynnig ar statws neu angen arall, neu dewiswch “Unrhyw statws” ac “Unrhyw angen”.',
  failedTitle: 'Doedd dim modd llwytho’r atgyfeiriadau',
  failedNetwork: 'Doedd dim modd cysylltu â’r hyb. Gwiriwch eich cysylltiad a rhowch gynnig arall arni.',
  failedServer: 'Aeth rhywbeth o’i le ar ochr yr hyb. Rhowch gynnig arall arni ymhen ychydig funudau.',
  forbidden:
    'Does gennych chi ddim mynediad at yr atgyfeiriadau hyn. Gofynnwch i’r sawl a osododd y dudalen hon.',
  expiredTitle: 'Mae eich sesiwn wedi dod i ben',
  expiredHint:
    'Mewngofnodwch eto i weld eich atgyfeiriadau. Bydd y dudalen yn eu dangos eto pan fyddwch wedi gwneud hynny.',
  notConfigured: 'Nid yw’r traciwr hwn wedi’i osod: mae angen mewngofnodi o system y partner ei hun.',
  refreshFailed: 'Doedd dim modd diweddaru’r rhestr. Bydd yn rhoi cynnig arall arni cyn bo hir.',
  updatedCount: (n: number) =>
    n === 1 ? '1 atgyfeiriad wedi’i ddiweddaru' : `${n} atgyfeiriad wedi’u diweddaru`,
  newCount: (n: number) => (n === 1 ? '1 atgyfeiriad newydd' : `${n} atgyfeiriad newydd`),
  open: 'Dangos y manylion',
  close: 'Cuddio’r manylion',
  detailTitle: (reference: string) => `Atgyfeiriad ${reference}`,
  detailLoading: 'Wrthi’n llwytho’r atgyfeiriad…',
  detailFailed: 'Doedd dim modd llwytho manylion yr atgyfeiriad.',
  timeline: 'Beth sydd wedi digwydd',
  created: 'Atgyfeiriad wedi’i wneud',
  statusChangedTo: (status: string) => `Statws: ${status}`,
  outcomeRecorded: (need: string, outcome: string) => `Canlyniad ar gyfer ${need}: ${outcome}`,
  by: (who: string) => `gan ${who}`,
  outcomePerNeed: 'Canlyniad ar gyfer pob angen',
  noOutcome: 'Dim canlyniad eto',
  recordedOn: (date: string) => `cofnodwyd ${date}`,
  assignedTo: 'Wedi’i neilltuo i',
  sharingRestricted:
    'Tynnwyd y caniatâd i rannu’n ôl: nid yw’r hyb yn rhannu dim rhagor am yr atgyfeiriad hwn.',
} satisfies ReferralTrackerMessages;
