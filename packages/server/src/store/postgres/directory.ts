/**
 * The directory on PostgreSQL (issue 15), answering exactly as the SQLite directory
 * (store/directory.ts) does, by the same rules (store/directory-rules.ts), with no extension:
 * - Words: each service's words as SQLite's FTS5 tables hold them (each word, its stem, runs of
 *   two and three words written together) in one `tsvector`, the name's weighted A, the
 *   organisation's, terms' and areas' B, the description's C. A typed word (or words typed
 *   together) is a prefix `tsquery` restricted to a weight (`'food':*A`), so the weight of the
 *   best field it matches in is a `CASE` over three; the GIN index finds the services a run from
 *   the first word matches, and the cover of the query is summed in SQL by `coverCtes`, as on
 *   SQLite.
 * - Distance: places in a box around the person, by the B-tree indexes on latitude and
 *   longitude; the box grows from 2 km until it holds the page, as on SQLite. The distance of each
 *   place found is measured in JavaScript by the schema's `distanceKm`, as SQLite's `hubkit_km`
 *   measures it: PostgreSQL's sine and cosine are the C library's, whose last bit may differ
 *   from V8's, and a distance rounded to two places must be the one the API shows.
 * - Order: names and ids in byte order (`COLLATE "C"`), as SQLite's BINARY, whatever the
 *   database's collation.
 * - Rows: lists and searches read each service's narrow row (`service_keys`, migration 6: name,
 *   status, filters, the name's and other fields' words), and the JSON of the page's services
 *   only; totals are kept for each services version, as SQLite keeps them.
 * - Kept for a services version (the counter any process's write moves, read in the request's
 *   snapshot): totals, an area's matches for words (a search by postcode with words reads its
 *   area's part from them, not from the GIN index and the services' rows), and the services read
 *   for pages (a page whose services were all read at that version reads no JSON).
 * A search's statements are read in one snapshot, so a page and its total agree.
 */
import {
  distanceKm,
  districtOf,
  nearestLocation,
  type DirectorySearchPage,
  type OffsetPage,
  type PostcodePoint,
  type ServiceFilter as DirectoryFilter,
  type ServiceSearch,
  type Store,
} from '@hubkit/hub';
import { normalisePostcode, type Service } from '@hubkit/schema';
import { json } from '../db.ts';
import {
  boxAround,
  coverCtes,
  MEASURED_WHOLE,
  PageAcross,
  pointOf,
  queryRuns,
  runForms,
  searchOrigin,
  searchParts,
  serviceWordFields,
  typedWords,
  WHOLE_EARTH_KM,
  WORD_FIELDS,
  type Origin,
  type QueryRun,
} from '../directory-rules.ts';
import { parsedFrom } from '../../json-text.ts';
import type pg from 'pg';
import type { PgDb, Queryable } from './db.ts';

/** The directory's part of the Store: services, their counter and search, and postcodes. */
export type Directory = Pick<
  Store,
  | 'servicesVersion'
  | 'upsertService'
  | 'upsertServices'
  | 'optimizeDirectory'
  | 'upsertPostcodes'
  | 'countPostcodes'
  | 'getService'
  | 'findServices'
  | 'countServices'
  | 'listServices'
  | 'pageServices'
  | 'countMatchingServices'
  | 'searchServices'
>;

/** The tsvector weight of each of the schema's fields. */
const FIELD_WEIGHT = { name: 'A', other: 'B', description: 'C' } as const;
/** A position for each weight: a lexeme's weights are its positions' (one position a weight). */
const WEIGHT_POSITION = { A: 1, B: 2, C: 3 } as const;

/** A lexeme quoted as tsvector and tsquery text read it (searchWords leaves no quote, but still). */
const lexeme = (word: string) => `'${word.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;

/**
 * An area's lexeme in a service's words (migration 6): no typed word holds '@', and weight D
 * is in neither the name's words nor the other fields'.
 */
const areaLexeme = (area: string) => lexeme(`@${area}`);

/**
 * A service's words as tsvector text: each indexed word once, with a position for each weight
 * it has; and each area it serves (`areaLexeme`).
 */
function wordsVector(service: Service): string {
  const weights = new Map<string, Set<'A' | 'B' | 'C'>>();
  const fields = serviceWordFields(service);
  for (const [field] of WORD_FIELDS)
    for (const word of fields[field]) {
      const held = weights.get(word) ?? new Set();
      held.add(FIELD_WEIGHT[field]);
      weights.set(word, held);
    }
  return [...weights]
    .map(
      ([word, held]) =>
        `${lexeme(word)}:${[...held]
          .sort()
          .map((weight) => `${WEIGHT_POSITION[weight]}${weight}`)
          .join(',')}`,
    )
    .concat([...new Set(service.areas)].map((area) => `${areaLexeme(area)}:4`))
    .join(' ');
}

/** A run as a tsquery: it or its stem starting a word. */
const runQuery = (run: QueryRun) =>
  runForms(run.joined)
    .map((form) => `${lexeme(form)}:*`)
    .join(' | ');

/**
 * The column of each field's words (migration 3): the name's and the other fields' apart; the
 * description's are what `words` holds beyond them, so a run found in `words` and in neither of
 * the others is in the description.
 */
const COLUMN = { name: 'name_words', other: 'other_words', description: 'words' } as const;

/**
 * The tsquery of words holding every typed word (alone or written together with the next ones):
 * each way to cover the first k words is a way to cover the first k less a run, and that run.
 * In `words`, the services that match (score above zero); in `name_words`, those whose name
 * holds every word, which have the best score there is (five for each word).
 */
function covered(runs: readonly QueryRun[], k: number): string {
  return runs
    .filter((run) => run.to === k)
    .map((run) => `(${run.from === 0 ? '' : `(${covered(runs, run.from)}) & `}(${runQuery(run)}))`)
    .join(' | ');
}

/** Queries of up to this many words are matched whole by `covered` (it grows 1.8 times a word). */
const COVERED_WORDS = 5;

/** Names and ids in byte order (UTF-8 bytes order as code points do), as SQLite's BINARY. */
function byteOrder(a: string, b: string): number {
  return a === b ? 0 : Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** A statement's parameters as it is built: `add` answers the placeholder of a value. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown, type = ''): string {
    this.values.push(value);
    return `$${this.values.length}${type}`;
  }
}

/** Services matching a filter, as SQL over `service_keys s`: `score` is the word score (1 without words). */
interface Matching {
  ctes: string[];
  from: string;
  where: string[];
  score: string;
  words: boolean;
}

/** What a statement reads of each service its words matched, beside the score. */
const SCORED_COLUMNS = 'id, name, located, location_count';

/**
 * For a statement that tests services' `words`: tables read by their bitmap indexes only. The
 * planner costs a row's test as cheap, but a service's words are compressed in its row and
 * decompressed at each test (a word half the services hold: 50 ms row by row, 6 ms by the
 * index at 10,000 services). Statements over the narrow rows alone keep every plan: a page by
 * name walks the name's index, testing each row's small, uncompressed name words.
 */
const BY_GIN_ONLY = 'SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off';
/** A directory read is small: at ten requests on two cores, a parallel worker only adds a process. */
const SNAPSHOT =
  'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL max_parallel_workers_per_gather = 0';
const ANY_PLAN = 'SET LOCAL enable_seqscan = on; SET LOCAL enable_indexscan = on';

/** Runs a statement that tests services' `words` (BY_GIN_ONLY), then gives the next ones every plan again. */
async function byWordsIndex<R extends pg.QueryResultRow>(
  q: Queryable,
  text: string,
  params: readonly unknown[],
): Promise<R[]> {
  await q.query(null, BY_GIN_ONLY);
  const result = await q.query<R>(null, text, params);
  await q.query(null, ANY_PLAN);
  return result.rows;
}

/** How many counts a directory version keeps (one a filter); the first counted is the first to go. */
const COUNTS_KEPT = 1_000;
/**
 * How many rows of areas' matches a directory version keeps, all filters together (a row is a
 * service at one of its places: about 150 bytes); the first kept is the first to go.
 */
const AREA_ROWS_KEPT = 50_000;

/** The services matching a search's filter, as SQL for one statement (with its parameters). */
type Matcher = (p: Params) => Matching;

/** Which services of a search by postcode a statement reads: its area's, or the others'. */
type Group = { area: string; inArea: boolean } | undefined;

const ORDER_BY_NAME = 's.name COLLATE "C", s.id COLLATE "C"';

export class PostgresDirectory implements Directory {
  readonly #db: PgDb;
  /**
   * Counts by filter, for the services version they were counted at (as the SQLite directory
   * keeps them): each page of a search counts the same total, and counting every word match
   * costs more than reading the page. The version is the database's, read in the count's own
   * snapshot, so an import by any process is seen at the next count.
   */
  #counts = { version: -1, byFilter: new Map<string, number>() };
  /**
   * An area's matches for words (`#areaMatches`), by filter and area, for the services version
   * they were read at, as the counts are kept: a search by postcode with words reads its area's
   * part from here, not from the GIN index and every matching service's row again (the same
   * words near the same area are asked again and again: "food" near a postcode of a district).
   */
  #areas = { version: -1, byKey: new Map<string, readonly AreaMatch[]>(), rows: 0 };
  /**
   * Services read for pages, by id, with the text each was parsed from (as the SQLite directory
   * keeps them): while a service's stored text is the same, the same object is answered again
   * (frozen), not parsed again, and what is worked out from it and kept with it still holds.
   * Each is stamped with the services version of the snapshot it was last read in (if known): a
   * read at that version takes it from here, without reading its JSON again.
   */
  readonly #parsed = new Map<string, KeptService>();

  constructor(db: PgDb) {
    this.#db = db;
  }

  /** A counter moved by a trigger on every statement that changes services, in any process. */
  async servicesVersion(): Promise<number> {
    const result = await this.#db.query<{ version: string }>(
      'services_version',
      'SELECT version FROM services_version WHERE id = 1',
    );
    return Number(result.rows[0]?.version);
  }

  async upsertService(service: Service, at: string): Promise<void> {
    return this.upsertServices([service], at);
  }

  /** Services in one transaction, a statement a table for the whole batch (an import's). */
  async upsertServices(services: readonly Service[], at: string): Promise<void> {
    // The last of a batch with one id twice wins, as it would written one by one.
    const batch = [...new Map(services.map((service) => [service.id, service])).values()];
    if (batch.length === 0) return;
    const ids = batch.map((s) => s.id);
    const places = batch.map((s) => s.locations.map(pointOf));
    await this.#db.transaction(async (tx) => {
      await tx.query(
        'services_upsert',
        `INSERT INTO services (id, name, status, organisation_id, location_count, located, updated_at, data, words)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::integer[], $6::boolean[],
           $7::timestamptz[], $8::json[], $9::tsvector[])
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, status = excluded.status,
           organisation_id = excluded.organisation_id, location_count = excluded.location_count,
           located = excluded.located, updated_at = excluded.updated_at, data = excluded.data, words = excluded.words`,
        [
          ids,
          batch.map((s) => s.name),
          batch.map((s) => s.status),
          batch.map((s) => s.organisation.id),
          batch.map((s) => s.locations.length),
          places.map((points) => points.some((p) => p !== null)),
          batch.map(() => at),
          batch.map((s) => JSON.stringify(s)),
          batch.map(wordsVector),
        ],
      );
      // The narrow row lists and searches read (migration 6), from the row just written: the
      // name's and the other fields' words are its A and B lexemes.
      await tx.query(
        'service_keys_upsert',
        `INSERT INTO service_keys (id, name, status, organisation_id, location_count, located, name_words, other_words)
         SELECT id, name, status, organisation_id, location_count, located, ts_filter(words, '{a}'), ts_filter(words, '{b}')
         FROM services WHERE id = ANY($1::text[])
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, status = excluded.status,
           organisation_id = excluded.organisation_id, location_count = excluded.location_count,
           located = excluded.located, name_words = excluded.name_words, other_words = excluded.other_words`,
        [ids],
      );
      for (const table of ['service_needs', 'service_areas', 'service_places', 'service_terms'])
        await tx.query(`${table}_clear`, `DELETE FROM ${table} WHERE service_id = ANY($1::text[])`, [ids]);
      const pairs = (of: (s: Service) => readonly string[]) => {
        const rows = batch.flatMap((s) => of(s).map((value) => [s.id, value] as const));
        return [rows.map((r) => r[0]), rows.map((r) => r[1])];
      };
      await tx.query(
        'service_needs_insert',
        'INSERT INTO service_needs (service_id, need) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING',
        pairs((s) => s.needs),
      );
      await tx.query(
        'service_areas_insert',
        'INSERT INTO service_areas (service_id, area) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING',
        pairs((s) => s.areas),
      );
      const located = batch.flatMap((s, i) =>
        (places[i] ?? []).flatMap((point, position) => (point ? [{ id: s.id, position, point }] : [])),
      );
      await tx.query(
        'service_places_insert',
        `INSERT INTO service_places (service_id, position, latitude, longitude)
         SELECT * FROM unnest($1::text[], $2::integer[], $3::float8[], $4::float8[])`,
        [
          located.map((p) => p.id),
          located.map((p) => p.position),
          located.map((p) => p.point.latitude),
          located.map((p) => p.point.longitude),
        ],
      );
      const terms = batch.flatMap((s) => s.taxonomyTerms.map((t) => [s.id, t.taxonomy, t.code] as const));
      await tx.query(
        'service_terms_insert',
        `INSERT INTO service_terms (service_id, taxonomy, code)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
        [terms.map((t) => t[0]), terms.map((t) => t[1]), terms.map((t) => t[2])],
      );
    });
  }

  /**
   * After an import: ANALYZE the directory's tables, so that the first searches are planned with
   * the imported rows' statistics (the GIN index for words, the latitude index for boxes) rather
   * than an empty table's, before autovacuum gets round to them. (SQLite merges its FTS5 lists
   * here; a GIN index needs no such step to be read whole.) A role that does not own the tables
   * is warned and skipped by PostgreSQL, not refused: searches are right either way.
   */
  async optimizeDirectory(): Promise<void> {
    await this.#db.query(
      null,
      'ANALYZE services, service_keys, service_needs, service_areas, service_places, service_terms, postcodes',
    );
  }

  /** Places for postcodes (an import of the ONS Postcode Directory), in one transaction. */
  async upsertPostcodes(rows: readonly PostcodePoint[]): Promise<void> {
    const batch = [...new Map(rows.map((row) => [row.postcode, row])).values()];
    if (batch.length === 0) return;
    await this.#db.query(
      'postcodes_upsert',
      `INSERT INTO postcodes (postcode, latitude, longitude)
       SELECT * FROM unnest($1::text[], $2::float8[], $3::float8[])
       ON CONFLICT (postcode) DO UPDATE SET latitude = excluded.latitude, longitude = excluded.longitude`,
      [batch.map((r) => r.postcode), batch.map((r) => r.latitude), batch.map((r) => r.longitude)],
    );
  }

  async countPostcodes(): Promise<number> {
    const result = await this.#db.query<{ n: string }>(
      'postcodes_count',
      'SELECT COUNT(*) AS n FROM postcodes',
    );
    return Number(result.rows[0]?.n ?? 0);
  }

  async countServices(): Promise<number> {
    const result = await this.#db.query<{ n: string }>(
      'services_count',
      'SELECT COUNT(*) AS n FROM services',
    );
    return Number(result.rows[0]?.n ?? 0);
  }

  async getService(id: string): Promise<Service | null> {
    const result = await this.#db.query<{ data: string }>(
      'service_get',
      'SELECT data::text AS data FROM services WHERE id = $1',
      [id],
    );
    const row = result.rows[0];
    return row ? json<Service>(row.data) : null;
  }

  /** Services matching words and need, defunct ones too, best match first, then by name. */
  async findServices(filter: DirectoryFilter): Promise<Service[]> {
    return this.#snapshot((tx) => this.#list(tx, filter, { offset: 0, limit: null }, false));
  }

  async listServices(filter: DirectoryFilter, page: OffsetPage): Promise<Service[]> {
    const alone = await this.#pageAlone(filter, page);
    if (alone) return alone.services;
    return this.#snapshot((tx) => this.#list(tx, filter, page));
  }

  async pageServices(
    filter: DirectoryFilter,
    page: OffsetPage,
  ): Promise<{ services: Service[]; total: number }> {
    // The page in one statement, with the version it read: the total kept for that version (if
    // any) is the one of that page's snapshot. Else the page and its count, in one snapshot.
    const alone = await this.#pageAlone(filter, page);
    const kept =
      alone?.version === this.#counts.version ? this.#counts.byFilter.get(countKey(filter)) : undefined;
    if (alone && kept !== undefined) return { services: alone.services, total: kept };
    return this.#snapshot(async (tx) => {
      const version = await this.#versionIn(tx);
      const total = await this.#counted(tx, filter, version);
      return { services: await this.#list(tx, filter, page, true, version), total };
    });
  }

  /**
   * One page of the current services matching `filter`, and the services version it was read
   * at, in one statement (its own snapshot; no transaction, one round trip), where a page is
   * read by name alone: without words, or with words its services' names all hold (`#list`'s
   * first way). Null otherwise: the page is `#list`'s to read.
   */
  async #pageAlone(
    filter: DirectoryFilter,
    page: OffsetPage,
  ): Promise<{ services: Service[]; version: number } | null> {
    const typed = typedWords(filter.q);
    if (typed.length > COVERED_WORDS) return null;
    const p = new Params();
    const m = this.#matching(p, { ...filter, q: undefined });
    const where =
      typed.length === 0
        ? m.where
        : [...m.where, `s.name_words @@ ${p.add(covered(queryRuns(typed), typed.length), '::tsquery')}`];
    // The page in order, joined to its JSON (the name's index walked, stopping at the page's
    // end). With words, the first page only: a later one needs to know the names fill the pages
    // before it too.
    if (typed.length > 0 && page.offset > 0) return null;
    const { rows } = await this.#db.query<{ version: string; data: string }>(
      null,
      `SELECT (SELECT version FROM services_version WHERE id = 1) AS version, v.data::text AS data
       FROM service_keys s JOIN services v ON v.id = s.id
       WHERE ${where.join(' AND ')} ORDER BY ${ORDER_BY_NAME} LIMIT ${p.add(page.limit)} OFFSET ${p.add(page.offset)}`,
      p.values,
    );
    const first = rows[0];
    // None (no version read), or with words a page the names do not fill (ordered by score):
    // `#list`'s to read.
    if (!first || (typed.length > 0 && rows.length < page.limit)) return null;
    return {
      services: this.#parsedAll(
        rows.map((r) => r.data),
        Number(first.version),
      ),
      version: Number(first.version),
    };
  }

  async countMatchingServices(filter: DirectoryFilter): Promise<number> {
    return this.#snapshot((tx) => this.#counted(tx, filter));
  }

  /**
   * One page of a search by where a person is (`searchDirectory`'s order): with a place for
   * `postcode`, services for its area first, nearest first; without one, as `listServices`.
   */
  async searchServices(search: ServiceSearch, page: OffsetPage): Promise<DirectorySearchPage> {
    if (search.postcode === undefined)
      return {
        results: (await this.listServices(search, page)).map((service) => ({
          service,
          distanceKm: null,
          nearestLocationId: null,
        })),
        distances: 'no_postcode',
      };
    const postcode = search.postcode;
    return this.#snapshot(async (tx) => {
      const { origin, version } = await this.#origin(tx, postcode);
      if (!origin)
        return {
          results: (await this.#list(tx, search, page, true, version)).map((service) => ({
            service,
            distanceKm: null,
            nearestLocationId: null,
          })),
          distances: search.postcode === undefined ? 'no_postcode' : 'postcode_not_found',
        };
      // A directory this small is measured whole (as on SQLite: growing a box across the
      // country would take a statement a step).
      const few = (await this.#counted(tx, {}, version)) <= MEASURED_WHOLE;
      const area = origin.area ?? '';
      const radius = search.radiusKm;
      const words = typedWords(search.q).length > 0;
      // Each group's matches, found once (the area's, then only for a page past them the others').
      const matchers = new Map<boolean, Promise<Matcher>>();
      const matcher = (inArea: boolean) => {
        const made = matchers.get(inArea) ?? this.#matchedOnce(tx, search, { area, inArea });
        matchers.set(inArea, made);
        return made;
      };
      // With words, the area's matches, each with its places: found, scored and ordered once.
      let inArea: Promise<readonly AreaMatch[]> | undefined;
      const across = new PageAcross<string>(page);
      for (const part of searchParts(radius)) {
        if (across.full) break;
        if (words && part.inArea) {
          const matches = await (inArea ??= this.#areaMatchesKept(tx, search, area, version));
          across.take(
            part.located
              ? nearestFirst(matches, origin, radius ?? null, across.needed)
              : placelessFirst(matches, across.needed, radius !== undefined),
          );
          continue;
        }
        const m = await matcher(part.inArea);
        across.take(
          part.located
            ? await this.#nearest(tx, m, { words, inArea: part.inArea, few }, origin, across.needed, radius)
            : await this.#placeless(tx, m, across.needed, radius !== undefined),
        );
      }
      return {
        results: (await this.#services(tx, across.taken, version)).map((service) =>
          nearestLocation(service, origin),
        ),
        distances: 'from_postcode',
      };
    });
  }

  /**
   * The services of `area` matching `filter` (with words), with their places (none for one
   * with no place): an area holds few, so each is measured and ordered here, in one statement
   * for both parts of the area's order, as the area's words tables let SQLite read only them.
   */
  async #areaMatches(q: Queryable, filter: DirectoryFilter, area: string): Promise<AreaMatch[]> {
    const p = new Params();
    const m = this.#matching(p, filter, { group: { area, inArea: true } });
    return byWordsIndex<AreaMatch>(
      q,
      `${withOf(m)} SELECT s.id, s.name, s.located, s.location_count, s.score, pl.latitude, pl.longitude
       FROM ${m.from} LEFT JOIN service_places pl ON pl.service_id = s.id WHERE ${m.where.join(' AND ')}`,
      p.values,
    );
  }

  /**
   * The services of `group` matching `filter`, for each statement of a search: with words, found
   * and scored once (the GIN index and the cover, in one statement), then read by each statement
   * from arrays of ids and scores, not found and scored again by each.
   */
  async #matchedOnce(q: Queryable, filter: DirectoryFilter, group: NonNullable<Group>): Promise<Matcher> {
    if (typedWords(filter.q).length === 0) return (p) => this.#matching(p, filter, { group });
    const p = new Params();
    const m = this.#matching(p, filter, { group });
    const rows = await byWordsIndex<{
      id: string;
      name: string;
      located: boolean;
      location_count: number;
      score: number;
    }>(q, `${withOf(m)} SELECT ${SCORED_COLUMNS}, score FROM scored WHERE score > 0`, p.values);
    const column = (of: (row: (typeof rows)[number]) => unknown) => rows.map(of);
    return (each) => ({
      ctes: [],
      from: `unnest(${each.add(
        column((r) => r.id),
        '::text[]',
      )}, ${each.add(
        column((r) => r.name),
        '::text[]',
      )},
        ${each.add(
          column((r) => r.located),
          '::boolean[]',
        )}, ${each.add(
          column((r) => r.location_count),
          '::integer[]',
        )},
        ${each.add(
          column((r) => r.score),
          '::integer[]',
        )}) AS s (${SCORED_COLUMNS}, score)`,
      where: ['true'],
      score: 's.score',
      words: true,
    });
  }

  /**
   * How many current services match `filter` (`#count`), kept while the services version (read
   * in this snapshot first) stands. Requests of one process share the counts; one that read an
   * older version than the kept counts' neither reads nor keeps them.
   */
  async #counted(q: Queryable, filter: DirectoryFilter, read?: number): Promise<number> {
    const version = read ?? (await this.#versionIn(q));
    if (version > this.#counts.version) this.#counts = { version, byFilter: new Map() };
    const counts = this.#counts.version === version ? this.#counts.byFilter : null;
    const key = countKey(filter);
    const kept = counts?.get(key);
    if (kept !== undefined) return kept;
    const n = await this.#count(q, filter);
    if (counts && this.#counts.byFilter === counts) {
      counts.set(key, n);
      if (counts.size > COUNTS_KEPT) {
        const oldest = counts.keys().next().value;
        if (oldest !== undefined) counts.delete(oldest);
      }
    }
    return n;
  }

  /** The services version `q`'s snapshot sees. */
  async #versionIn(q: Queryable): Promise<number> {
    const result = await q.query<{ version: string }>(
      'services_version',
      'SELECT version FROM services_version WHERE id = 1',
    );
    return Number(result.rows[0]?.version);
  }

  /**
   * `#areaMatches`, kept for the services version `read` in this snapshot (as `#counted` keeps
   * totals): a search that read an older version than the kept ones' neither reads nor keeps them.
   */
  async #areaMatchesKept(
    q: Queryable,
    filter: DirectoryFilter,
    area: string,
    read: number | undefined,
  ): Promise<readonly AreaMatch[]> {
    const version = read ?? (await this.#versionIn(q));
    if (version > this.#areas.version) this.#areas = { version, byKey: new Map(), rows: 0 };
    const kept = this.#areas.version === version ? this.#areas : null;
    const key = JSON.stringify([countKey(filter), area]);
    const found = kept?.byKey.get(key);
    if (found) return found;
    const matches = Object.freeze(await this.#areaMatches(q, filter, area));
    if (kept && this.#areas === kept && matches.length <= AREA_ROWS_KEPT) {
      kept.byKey.set(key, matches);
      kept.rows += matches.length;
      for (const [oldest, rows] of kept.byKey) {
        if (kept.rows <= AREA_ROWS_KEPT) break;
        kept.byKey.delete(oldest);
        kept.rows -= rows.length;
      }
    }
    return matches;
  }

  /** `work` in one read-only snapshot: its statements see the directory as it was at the first. */
  async #snapshot<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.#db.transaction(work, SNAPSHOT);
  }

  /**
   * Where a search by `postcode` is from (`searchOrigin`), with the imported postcodes read here,
   * and the services version of the search's snapshot, in one statement (undefined for a
   * postcode that is none: then the version is read where needed).
   */
  async #origin(q: Queryable, postcode: string): Promise<{ origin: Origin | null; version?: number }> {
    if (districtOf(postcode) === null) return { origin: null };
    const result = await q.query<{ version: string; latitude: number | null; longitude: number | null }>(
      'search_origin',
      `SELECT v.version, p.latitude, p.longitude FROM services_version v
       LEFT JOIN postcodes p ON p.postcode = $1 WHERE v.id = 1`,
      [normalisePostcode(postcode)],
    );
    const row = result.rows[0];
    const imported =
      row?.latitude == null || row.longitude == null
        ? undefined
        : { latitude: row.latitude, longitude: row.longitude };
    return {
      origin: searchOrigin(postcode, imported),
      ...(row ? { version: Number(row.version) } : {}),
    };
  }

  /**
   * The SQL that narrows `service_keys s` to the services matching `filter` (current ones only with
   * `current`; of `group`, if given). With words, the services a run from the first word
   * matches (the GIN index), narrowed by the other filters and scored (`coverCtes`) in a CTE:
   * the rest of the statement reads only those.
   */
  #matching(
    p: Params,
    filter: DirectoryFilter,
    { current = true, group }: { current?: boolean; group?: Group } = {},
  ): Matching {
    const where = current ? ["s.status != 'defunct'"] : [];
    if (filter.need)
      where.push(
        `EXISTS (SELECT 1 FROM service_needs n WHERE n.need = ${p.add(filter.need)} AND n.service_id = s.id)`,
      );
    if (filter.organisationId) where.push(`s.organisation_id = ${p.add(filter.organisationId)}`);
    if (filter.term)
      where.push(
        `EXISTS (SELECT 1 FROM service_terms t WHERE t.taxonomy = ${p.add(filter.term.taxonomy)} AND t.code = ${p.add(filter.term.code)} AND t.service_id = s.id)`,
      );
    const typed = typedWords(filter.q);
    // With words, the area is a lexeme of them (found with them by the GIN index, below).
    if (group && typed.length === 0)
      where.push(
        `s.id ${group.inArea ? '' : 'NOT '}IN (SELECT service_id FROM service_areas WHERE area = ${p.add(group.area)})`,
      );
    if (typed.length === 0)
      return {
        ctes: [],
        from: 'service_keys s',
        where: where.length ? where : ['true'],
        score: '1',
        words: false,
      };
    const runs = queryRuns(typed);
    // Each run weighs what the best field it matches in weighs (0 for none): the name's and the
    // other fields' words first (small), all of them (the description's) only when neither has it.
    // One typed word: every service found holds it (in `words`), so one in neither the name nor
    // the other fields has it in the description, untested (its words never decompressed).
    const weights = runs.map((run, r) => {
      const wanted = p.add(runQuery(run), '::tsquery');
      const cases = WORD_FIELDS.map(([field, weight]) =>
        field === 'description' && typed.length === 1
          ? `ELSE ${weight}`
          : `WHEN s.${COLUMN[field]} @@ ${wanted} THEN ${weight}`,
      );
      return `(CASE ${cases.join(' ')}${typed.length === 1 ? '' : ' ELSE 0'} END) AS r${r}`;
    });
    // The services that match (longer queries: those a run from the first word matches).
    const first =
      typed.length <= COVERED_WORDS
        ? covered(runs, typed.length)
        : runs
            .filter((run) => run.from === 0)
            .map((run) => `(${runQuery(run)})`)
            .join(' | ');
    // Scored on services, whose rows the GIN index finds (their words there), each with what
    // the statement reads of it after, so that nothing joins services or their keys again.
    const grouped = group ? `(${first}) & ${group.inArea ? '' : '!'}${areaLexeme(group.area)}` : first;
    const w = `w AS MATERIALIZED (SELECT ${SCORED_COLUMNS}, ${weights.join(', ')} FROM services s
      WHERE ${[`s.words @@ ${p.add(grouped, '::tsquery')}`, ...where].join(' AND ')})`;
    return {
      ctes: [w, ...coverCtes(runs, typed.length, SCORED_COLUMNS, 'GREATEST')],
      // A cover that fails scores below zero.
      from: 'scored s',
      where: ['s.score > 0'],
      score: 's.score',
      words: true,
    };
  }

  /** One page of the services matching `filter`, best match first, then by name (a null limit: all). */
  async #list(
    q: Queryable,
    filter: DirectoryFilter,
    page: { offset: number; limit: number | null },
    current = true,
    version?: number,
  ): Promise<Service[]> {
    const typed = typedWords(filter.q);
    if (page.limit !== null && typed.length > 0 && typed.length <= COVERED_WORDS) {
      // The services whose name holds every word come first, by name: when they fill the page,
      // it is read by name alone, nothing else scored (the name's index stops at the page's end).
      const p = new Params();
      const m = this.#matching(p, { ...filter, q: undefined }, { current });
      const needed = page.offset + page.limit;
      const inName = p.add(covered(queryRuns(typed), typed.length), '::tsquery');
      const best = await q.query<{ id: string }>(
        null,
        `SELECT s.id FROM service_keys s WHERE ${[...m.where, `s.name_words @@ ${inName}`].join(' AND ')}
         ORDER BY ${ORDER_BY_NAME} LIMIT ${p.add(needed)}`,
        p.values,
      );
      if (best.rows.length === needed)
        return this.#services(
          q,
          best.rows.slice(page.offset).map((r) => r.id),
          version,
        );
    }
    const p = new Params();
    const m = this.#matching(p, filter, { current });
    const text = `${withOf(m)} SELECT s.id FROM ${m.from} WHERE ${m.where.join(' AND ')}
       ORDER BY ${orderOf(m)} LIMIT ${p.add(page.limit)} OFFSET ${p.add(page.offset)}`;
    const rows = m.words
      ? await byWordsIndex<{ id: string }>(q, text, p.values)
      : (await q.query<{ id: string }>(null, text, p.values)).rows;
    return this.#services(
      q,
      rows.map((r) => r.id),
      version,
    );
  }

  /** How many current services match `filter` (up to COVERED_WORDS words: matched, not scored). */
  async #count(q: Queryable, filter: DirectoryFilter): Promise<number> {
    const p = new Params();
    const typed = typedWords(filter.q);
    if (typed.length > 0 && typed.length <= COVERED_WORDS) {
      const m = this.#matching(p, { ...filter, q: undefined });
      const words = `s.words @@ ${p.add(covered(queryRuns(typed), typed.length), '::tsquery')}`;
      const rows = await byWordsIndex<{ n: string }>(
        q,
        `SELECT COUNT(*) AS n FROM services s WHERE ${[...m.where, words].join(' AND ')}`,
        p.values,
      );
      return Number(rows[0]?.n ?? 0);
    }
    const m = this.#matching(p, filter);
    const text = `${withOf(m)} SELECT COUNT(*) AS n FROM ${m.from} WHERE ${m.where.join(' AND ')}`;
    const rows = m.words
      ? await byWordsIndex<{ n: string }>(q, text, p.values)
      : (await q.query<{ n: string }>(null, text, p.values)).rows;
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * The services of `ids`, in that order; with `version` (the services version `q`'s snapshot
   * reads), from those kept parsed when each was read at that version.
   */
  async #services(q: Queryable, ids: readonly string[], version?: number): Promise<Service[]> {
    if (ids.length === 0) return [];
    if (version !== undefined && ids.length <= PARSED_PAGE) {
      const kept = ids.map((id) => this.#parsed.get(id));
      if (kept.every((entry) => entry?.version === version))
        return kept.flatMap((entry) => (entry ? [this.#touched(entry).service] : []));
    }
    const result = await q.query<{ data: string }>(
      'services_by_ids',
      `SELECT v.data::text AS data FROM unnest($1::text[]) WITH ORDINALITY AS i (id, n)
       JOIN services v ON v.id = i.id ORDER BY i.n`,
      [ids],
    );
    return this.#parsedAll(
      result.rows.map((row) => row.data),
      version,
    );
  }

  /** A kept service, made the most recently read (so the oldest is the first to go). */
  #touched(entry: KeptService): KeptService {
    this.#parsed.delete(entry.service.id);
    this.#parsed.set(entry.service.id, entry);
    return entry;
  }

  /** Services from their stored texts: those of a page kept parsed (`#parsed`), more parsed anew. */
  #parsedAll(texts: readonly string[], version?: number): Service[] {
    const keep = texts.length <= PARSED_PAGE;
    return texts.map((text) => {
      // Sent on as read: the answer reuses each service's text (json-text.ts).
      if (!keep) return parsedFrom(text) as Service;
      const id = idOf(text);
      const kept = id === null ? undefined : this.#parsed.get(id);
      if (kept?.text === text) {
        const entry = this.#touched(kept);
        if (version !== undefined) entry.version = version;
        return entry.service;
      }
      const service = frozen(parsedFrom(text) as Service);
      this.#parsed.delete(service.id);
      this.#parsed.set(service.id, { text, service, ...(version === undefined ? {} : { version }) });
      if (this.#parsed.size > PARSED_KEPT) {
        const oldest = this.#parsed.keys().next().value;
        if (oldest !== undefined) this.#parsed.delete(oldest);
      }
      return service;
    });
  }

  /**
   * The ids of up to `needed` located services of `group` matching `filter`, nearest first
   * (within `radiusKm`, if given), then best match, then by name, as SQLite orders them.
   */
  async #nearest(
    q: Queryable,
    matcher: Matcher,
    { words, inArea, few }: { words: boolean; inArea: boolean; few: boolean },
    origin: Origin,
    needed: number,
    radiusKm: number | undefined,
  ): Promise<string[]> {
    // With words, the area's matching services are each measured (an area holds few), as every
    // service is in a directory of `few`; otherwise the places in a box around the person are
    // read (by the latitude and longitude indexes), and the box grows until it holds the page.
    const measureAll = (words && inArea) || few;
    const within = async (km: number | null, below: number | null): Promise<string[]> => {
      const p = new Params();
      const m = matcher(p);
      const box = km === null ? [] : boxAround(origin, km);
      const inBox =
        km === null
          ? []
          : [
              `pl.latitude BETWEEN ${p.add(box[0])} AND ${p.add(box[1])}`,
              `pl.longitude BETWEEN ${p.add(box[2])} AND ${p.add(box[3])}`,
            ];
      const result = await q.query<{
        id: string;
        name: string;
        score: number;
        latitude: number;
        longitude: number;
      }>(
        null,
        `${withOf(m)} SELECT s.id, s.name, ${m.score} AS score, pl.latitude, pl.longitude
         FROM ${m.from} JOIN service_places pl ON pl.service_id = s.id
         WHERE ${[...m.where, ...inBox].join(' AND ')}`,
        p.values,
      );
      return nearestFirst(result.rows, origin, below, needed);
    };
    // Within a radius as the API rounds it: the last box a little wider than the radius.
    const widest = radiusKm === undefined ? WHOLE_EARTH_KM : radiusKm + 0.01;
    for (let km = words && radiusKm !== undefined ? widest : 2; ; km *= 4) {
      if (measureAll || km >= widest)
        return within(measureAll || radiusKm === undefined ? null : widest, radiusKm ?? null);
      // Every service nearer than `km` is in the box; those further rank after anything nearer
      // than `km` less a rounding step, so the page is settled once it has `needed` of those.
      const found = await within(km, km - 0.01);
      if (found.length >= needed) return found;
    }
  }

  /**
   * Up to `needed` services of `group` matching `filter` with no place: with a radius, only those
   * with no location at all (they serve the area wherever they are); without, also those whose
   * locations the hub cannot place.
   */
  async #placeless(q: Queryable, matcher: Matcher, needed: number, withinRadius: boolean): Promise<string[]> {
    const p = new Params();
    const m = matcher(p);
    const where = [...m.where, 'NOT s.located', ...(withinRadius ? ['s.location_count = 0'] : [])];
    const result = await q.query<{ id: string }>(
      null,
      `${withOf(m)} SELECT s.id FROM ${m.from} WHERE ${where.join(' AND ')}
       ORDER BY ${orderOf(m)} LIMIT ${p.add(needed)}`,
      p.values,
    );
    return result.rows.map((r) => r.id);
  }
}

/** A service kept parsed: the text it was read as, and the services version it was last read at. */
interface KeptService {
  text: string;
  service: Service;
  version?: number;
}

/** How many services read for pages are kept parsed (a few MB), most recently read last. */
const PARSED_KEPT = 2_000;
/** Reads of more services than this (every service, for the ORUK lists) are not kept. */
const PARSED_PAGE = 101;

/** A service's id from its stored text, which starts with it (as written: `{"id":"…",`), or null. */
function idOf(text: string): string | null {
  const found = /^\{"id":"((?:[^"\\]|\\.)*)"/.exec(text);
  return found ? (JSON.parse(`"${found[1] ?? ''}"`) as string) : null;
}

/** Freezes `value` and everything in it: a service kept for every request nothing may change. */
function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) frozen(item);
    Object.freeze(value);
  }
  return value;
}

/** What a kept count is kept by: the filter's parts. */
const countKey = (filter: DirectoryFilter) =>
  JSON.stringify([filter.q, filter.need, filter.organisationId, filter.term]);

/** A service of an area matching words, at one of its places (none: null). */
interface AreaMatch extends pg.QueryResultRow {
  id: string;
  name: string;
  located: boolean;
  location_count: number;
  score: number;
  latitude: number | null;
  longitude: number | null;
}

/** Best match first, then by name and id in byte order (`orderOf`'s order, with words). */
const byScore = (a: { score: number; name: string; id: string }, b: typeof a) =>
  b.score - a.score || byteOrder(a.name, b.name) || byteOrder(a.id, b.id);

/**
 * The ids of up to `needed` services of `rows` (a service at each of its places found), nearest
 * first, each at its nearest place to two places as the API shows it (within `below`, if
 * given), then best match, then by name.
 */
function nearestFirst(
  rows: readonly {
    id: string;
    name: string;
    score: number;
    latitude: number | null;
    longitude: number | null;
  }[],
  origin: Origin,
  below: number | null,
  needed: number,
): string[] {
  const nearest = new Map<string, { id: string; name: string; score: number; km: number }>();
  for (const row of rows) {
    if (row.latitude === null || row.longitude === null) continue;
    const km = distanceKm(origin, { latitude: row.latitude, longitude: row.longitude });
    const held = nearest.get(row.id);
    if (!held || km < held.km) nearest.set(row.id, { id: row.id, name: row.name, score: row.score, km });
  }
  return [...nearest.values()]
    .map((found) => ({ ...found, km: Math.round(found.km * 100) / 100 }))
    .filter((found) => below === null || found.km <= below)
    .sort((a, b) => a.km - b.km || byScore(a, b))
    .slice(0, needed)
    .map((found) => found.id);
}

/**
 * The ids of up to `needed` services of `matches` with no place, best match first, as
 * `#placeless` reads them: with a radius, only those with no location at all.
 */
function placelessFirst(matches: readonly AreaMatch[], needed: number, withinRadius: boolean): string[] {
  return matches
    .filter((m) => !m.located && (!withinRadius || m.location_count === 0))
    .sort(byScore)
    .slice(0, needed)
    .map((m) => m.id);
}

/**
 * Best match first, then by name (not `1 DESC` without words: a number there is a column's
 * position).
 */
function orderOf(m: Matching): string {
  return m.words ? `${m.score} DESC, ${ORDER_BY_NAME}` : ORDER_BY_NAME;
}

/** A statement's `WITH …` for `m` (nothing without words). */
function withOf(m: Matching): string {
  return m.ctes.length === 0 ? '' : `WITH ${m.ctes.join(', ')}`;
}
