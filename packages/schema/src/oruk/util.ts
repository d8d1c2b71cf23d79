/** Small helpers shared by both directions of the mapping. */
import type { Codelist } from '../codelists.ts';

/** `{ [key]: value }` when there is a value, `{}` when not: absent stays absent. */
export function field<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Partial<Record<K, V>>);
}

/** Whether `value` is one of `list`'s codes. */
export function isCode<C extends string>(list: Codelist<C>, value: string): value is C {
  return (list.codes as readonly string[]).includes(value);
}

// What hubkit's text fields refuse (see SINGLE_LINE and MULTI_LINE in primitives.ts): control
// characters and the bidirectional overrides used to disguise text.
// eslint-disable-next-line no-control-regex
const NOT_IN_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const NOT_IN_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const TAG = /<\/?[a-z][a-z0-9]*(\s[^>]*)?\/?>/i;
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  pound: '£',
  euro: '€',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
};

function decodeEntity(entity: string, body: string): string {
  if (body.startsWith('#')) {
    const codePoint =
      body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity;
  }
  return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
}

/**
 * HSDS allows markup in descriptions, and some publishers send HTML: keep the words and the
 * line breaks, drop the tags, decode the common entities.
 */
export function htmlToText(value: string): string {
  let result = value;
  if (TAG.test(result)) {
    result = result
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|div|li|h[1-6]|tr|ul|ol)>/gi, '\n')
      .replace(/<li(\s[^>]*)?>/gi, '- ')
      .replace(/<\/?[a-z][a-z0-9]*(\s[^>]*)?\/?>/gi, '');
  }
  return result
    .replace(/&(#[0-9]+|#x[0-9a-f]+|[a-z]+);/gi, decodeEntity)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}

export interface CleanTextOptions {
  /** Keep line breaks (tab, line feed and carriage return); otherwise they become spaces. */
  multiLine?: boolean;
  /** Turn HTML into text first (for foreign publishers; hubkit's own text is taken as it is). */
  html?: boolean;
}

/**
 * Text a hubkit field accepts, made from a publisher's: characters hubkit refuses are removed,
 * the ends trimmed, and text longer than `max` cut short with an ellipsis. Blank is absent.
 * Text hubkit itself wrote comes back unchanged.
 */
export function cleanText(
  value: string | undefined,
  max: number,
  options: CleanTextOptions = {},
): string | undefined {
  if (value === undefined) return undefined;
  let result = options.html ? htmlToText(value) : value;
  result = options.multiLine
    ? result.replace(NOT_IN_MULTI_LINE, '')
    : result.replace(/[\t\n\r]+/g, ' ').replace(NOT_IN_SINGLE_LINE, '');
  result = result.trim();
  if (result === '') return undefined;
  if (result.length <= max) return result;
  let cut = max - 1;
  // Never split a surrogate pair.
  const code = result.charCodeAt(cut);
  if (code >= 0xdc00 && code <= 0xdfff) cut -= 1;
  return `${result.slice(0, cut).trimEnd()}…`;
}

/**
 * Postcode areas wholly in one nation of the UK. Areas that cross a border (CH, LD, NP, SY, TD)
 * and the Crown Dependencies (GY, JE, IM) are left out: an address there is not given a nation.
 */
const NATION_BY_AREA: Readonly<Record<string, string>> = {
  BT: 'Northern Ireland',
  CF: 'Wales',
  LL: 'Wales',
  SA: 'Wales',
  ...Object.fromEntries(
    ['AB', 'DD', 'DG', 'EH', 'FK', 'G', 'HS', 'IV', 'KA', 'KW', 'KY', 'ML', 'PA', 'PH', 'ZE'].map((area) => [
      area,
      'Scotland',
    ]),
  ),
};
const CROSSING = new Set(['CH', 'LD', 'NP', 'SY', 'TD', 'GY', 'JE', 'IM']);

/** What an address's `state_province` says when hubkit has no county: the nation, when the postcode says. */
export const UK_NATIONS = ['England', 'Scotland', 'Wales', 'Northern Ireland'] as const;
/** Said of an address whose nation the postcode area does not settle. */
export const UNITED_KINGDOM = 'United Kingdom';

/**
 * The state or province of a UK address for HSDS's required `state_province`, with no county
 * to give: the nation its postcode area lies wholly in, or the United Kingdom when the area
 * crosses a border. Never empty, and never more than the postcode says.
 */
export function stateProvinceOfPostcode(postcode: string): string {
  const area = /^[A-Z]{1,2}/.exec(postcode.trim().toUpperCase())?.[0] ?? '';
  if (area === '' || CROSSING.has(area)) return UNITED_KINGDOM;
  return NATION_BY_AREA[area] ?? 'England';
}

/** The words `organization.description` carries for an organisation that gave none (HSDS requires one). */
export function organisationWithoutDescription(name: string): string {
  return `${name} has not given this directory a description of itself.`;
}
