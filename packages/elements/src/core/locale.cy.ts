/** The Welsh strings every element shares. Loaded only where an element speaks Welsh (see core/welsh.cy.ts). */
import type { CommonMessages } from './common.ts';

export default {
  errorSummaryTitle: 'Mae problem wedi codi',
  loading: 'Wrthi’n llwytho…',
  optional: '(dewisol)',
  error: 'Gwall:',
  networkError:
    'Doedd dim modd cysylltu â’r gwasanaeth. Gwiriwch eich cysylltiad a rhowch gynnig arall arni. Nid oes dim a deipiwyd gennych wedi’i golli.',
  serverError:
    'Aeth rhywbeth o’i le ar ein hochr ni. Rhowch gynnig arall arni ymhen ychydig funudau. Nid oes dim a deipiwyd gennych wedi’i golli.',
  rateLimited:
    'Mae gormod o bobl yn defnyddio hwn ar hyn o bryd. Rhowch gynnig arall arni ymhen munud. Nid oes dim a deipiwyd gennych wedi’i golli.',
  proofFailed:
    'Doedd dim modd cwblhau’r gwiriad sy’n diogelu’r ffurflen hon rhag camddefnydd. Rhowch gynnig arall arni. Nid oes dim a deipiwyd gennych wedi’i golli.',
  notConfigured: 'Nid yw’r ffurflen hon wedi’i gosod: mae angen allwedd gyhoeddadwy a chyfeiriad yr hyb.',
  tryAgain: 'Rhowch gynnig arall arni',
  offline:
    'Rydych chi all-lein. Nid oes dim a deipiwyd gennych wedi’i golli: rhowch gynnig arall arni pan fyddwch chi ar-lein eto.',
  rateLimitedFor: (seconds: number) =>
    `Mae gormod o bobl yn defnyddio hwn ar hyn o bryd. Rhowch gynnig arall arni ymhen ${String(seconds)} eiliad. Nid oes dim a deipiwyd gennych wedi’i golli.`,
  conflict: 'Cafodd yr atebion hyn eu newid ar ôl eu hanfon gyntaf. Gwiriwch nhw a’u hanfon eto.',
} satisfies CommonMessages;
