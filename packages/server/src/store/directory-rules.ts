/**
 * What the directory's indexes hold and how a query is scored over them, for every store that
 * indexes the directory (SQLite's FTS5 tables, PostgreSQL's tsvector): one set of rules, so
 * that both answer exactly as `wordMatchScore` and `searchDirectory` in @hubkit/schema and
 * @hubkit/hub do, and so each other.
 */
import { districtOf, locate, type GeoPoint } from '@hubkit/hub';
import { MAX_QUERY_WORDS, postcodeDistrict, searchWords, stem, type Service } from '@hubkit/schema';

/**
 * The weights of the schema's `fieldsOf`, one index of words each: the name; the organisation,
 * terms and areas; the description.
 */
export const WORD_FIELDS = [
  ['name', 5],
  ['other', 2],
  ['description', 1],
] as const;

export type WordField = (typeof WORD_FIELDS)[number][0];

/**
 * A field's words as an index holds them: each word, its stem, and the runs of two and three
 * words written together (what `startsIn` in directory-words.ts tries), so that "a typed word
 * starts a word, its stem or a run of words" is a prefix query.
 */
export function indexedWords(text: string): string[] {
  const words = searchWords(text);
  const tokens: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] ?? '';
    tokens.push(word);
    const stemmed = stem(word);
    if (stemmed !== word) tokens.push(stemmed);
    if (i + 1 < words.length) tokens.push(word + (words[i + 1] ?? ''));
    if (i + 2 < words.length) tokens.push(word + (words[i + 1] ?? '') + (words[i + 2] ?? ''));
  }
  return tokens;
}

/** A service's indexed words by weight (each of the schema's fields alone: runs never cross fields). */
export function serviceWordFields(service: Service): Record<WordField, string[]> {
  return {
    name: indexedWords([service.name, service.alternateName ?? ''].join(' ')),
    other: [
      ...indexedWords(service.organisation.name),
      ...indexedWords(service.taxonomyTerms.map((t) => t.name).join(' ')),
      ...indexedWords(service.areas.join(' ')),
    ],
    description: indexedWords(service.description),
  };
}

/** A location's point: its coordinates, or its postcode district's centre (as the schema measures). */
export function pointOf(location: Service['locations'][number]): GeoPoint | null {
  if (location.latitude !== undefined && location.longitude !== undefined)
    return { latitude: location.latitude, longitude: location.longitude };
  return locate(postcodeDistrict(location.address.postcode));
}

/** Where a search is from: a point, and the area (as services name them) it is in, if known. */
export interface Origin extends GeoPoint {
  area: string | null;
}

/**
 * Where a search by `postcode` is from: its own point where the hub imported it (`imported`,
 * a whole postcode's), else its district's built-in centre; the area is its district's, if
 * known. Null when the hub cannot place it (or it is no postcode).
 */
export function searchOrigin(postcode: string, imported: GeoPoint | undefined): Origin | null {
  if (districtOf(postcode) === null) return null;
  const builtIn = locate(postcode);
  if (imported)
    return { latitude: imported.latitude, longitude: imported.longitude, area: builtIn?.area ?? null };
  return builtIn ? { latitude: builtIn.latitude, longitude: builtIn.longitude, area: builtIn.area } : null;
}

/** The words of a query that count (`wordMatchScore`'s). */
export function typedWords(q: string | undefined): string[] {
  return searchWords(q ?? '').slice(0, MAX_QUERY_WORDS);
}

/** A typed word, or up to three typed words written together, covering typed words `from` to `to`. */
export interface QueryRun {
  from: number;
  to: number;
  joined: string;
}

/** Runs of typed words as `wordMatchScore` covers them: each alone or with the next one or two. */
export function queryRuns(typed: readonly string[]): QueryRun[] {
  const runs: QueryRun[] = [];
  for (let i = 0; i < typed.length; i += 1) {
    let joined = '';
    for (let j = i; j < Math.min(typed.length, i + 3); j += 1) {
      joined += typed[j] ?? '';
      runs.push({ from: i, to: j + 1, joined });
    }
  }
  return runs;
}

/** What a run is looked up as: itself or its stem, starting an indexed word. */
export function runForms(joined: string): string[] {
  return [...new Set([joined, stem(joined)])];
}

/**
 * The CTEs that score the rows of `w` (a CTE with `key` and a column `r<i>` for each run: the
 * weight of the best field run i matches in, 0 for none) as `wordMatchScore` sums its cover of
 * the typed words, ending with `scored (key, score)`; a cover that cannot be made is far below
 * zero. `greatest` is the SQL of the largest of several values (`max` in SQLite, `GREATEST` in
 * PostgreSQL).
 */
export function coverCtes(runs: readonly QueryRun[], words: number, key: string, greatest: string): string[] {
  // cover(k): the best score of the first k typed words.
  const step = (k: number, cover: (i: number) => string) => {
    const ways = runs.flatMap((run, r) =>
      run.to === k
        ? [`${cover(run.from)} + (CASE WHEN r${r} > 0 THEN r${r} * ${run.to - run.from} ELSE -1000000 END)`]
        : [],
    );
    return ways.length === 1 ? (ways[0] ?? '') : `${greatest}(${ways.join(', ')})`;
  };
  if (words <= 3) {
    const inline = (k: number): string => (k === 0 ? '0' : `(${step(k, inline)})`);
    return [`scored AS (SELECT ${key}, ${inline(words)} AS score FROM w)`];
  }
  // Longer queries: one column a word, each layer kept (else the expression grows threefold a word).
  const ctes: string[] = [];
  let last = 'w';
  for (let k = 1; k <= words; k += 1) {
    const layer = `c${k}`;
    ctes.push(
      `${layer} AS MATERIALIZED (SELECT *, ${step(k, (i) => (i === 0 ? '0' : `c${i}`))} AS c${k} FROM ${last})`,
    );
    last = layer;
  }
  ctes.push(`scored AS (SELECT ${key}, c${words} AS score FROM ${last})`);
  return ctes;
}

/** Kilometres in a degree of latitude (a little under, so boxes err on the large side). */
const KM_PER_DEGREE = 111;
/** Half the earth's circumference: a box this wide holds everything. */
export const WHOLE_EARTH_KM = 20_100;

/** A directory of at most this many current services is measured whole by a search by postcode. */
export const MEASURED_WHOLE = 200;

/** [south, north, west, east] of a box holding every point within `km` of `origin`. */
export function boxAround(origin: GeoPoint, km: number): number[] {
  const dLat = km / KM_PER_DEGREE;
  const south = origin.latitude - dLat;
  const north = origin.latitude + dLat;
  const widest = Math.max(Math.abs(south), Math.abs(north));
  // Near a pole (or a box past one) every longitude is within reach.
  if (widest >= 89) return [south, north, -180, 180];
  const dLon = km / (KM_PER_DEGREE * Math.cos((widest * Math.PI) / 180));
  // A box across the antimeridian: every longitude (rare enough not to split the box).
  if (dLon >= 180 || Math.abs(origin.longitude) + dLon > 180) return [south, north, -180, 180];
  return [south, north, origin.longitude - dLon, origin.longitude + dLon];
}

/**
 * The parts of a search by postcode's order, read one after another: the services of the
 * person's area with a place (nearest first), then its services without one; then the other
 * services with a place, and (without a radius) those without.
 */
export function searchParts(radiusKm: number | undefined): { inArea: boolean; located: boolean }[] {
  return [
    { inArea: true, located: true },
    { inArea: true, located: false },
    { inArea: false, located: true },
    ...(radiusKm === undefined ? [{ inArea: false, located: false }] : []),
  ];
}

/** A window of a list read in parts, each part's first rows read until the window is full. */
export class PageAcross<T> {
  /** The window's rows so far, in order. */
  readonly taken: T[] = [];
  #skip: number;
  #want: number;

  constructor(page: { offset: number; limit: number }) {
    this.#skip = page.offset;
    this.#want = page.limit;
  }

  get full(): boolean {
    return this.#want <= 0;
  }

  /** How many of the next part's first rows to read. */
  get needed(): number {
    return this.#skip + this.#want;
  }

  /** The next part's first `needed` rows (fewer when it has no more). */
  take(found: readonly T[]): void {
    if (found.length <= this.#skip) {
      this.#skip -= found.length;
      return;
    }
    const taken = found.slice(this.#skip, this.#skip + this.#want);
    this.taken.push(...taken);
    this.#want -= taken.length;
    this.#skip = 0;
  }
}
