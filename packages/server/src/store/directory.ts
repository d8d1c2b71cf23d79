/**
 * The directory in SQLite, indexed so that a list or a search reads only the rows of its page
 * (issue 14: at 10,000 services, scanning them all in JavaScript took 115 ms a request).
 *
 * The answers are exactly those of the rules in @hubkit/schema that the mocks run in memory:
 * - Words (`wordMatchScore`): FTS5 tables hold, for each field searched, every word of the
 *   service, its stem, and each run of two and three words written together, so that "a typed
 *   word starts a word, its stem or a run of words" is an FTS5 prefix query. The score of each
 *   typed word (or words typed together) is the weight of the best table it matches in; the
 *   cover of the query by them is summed as the schema sums it, in SQL (no matching row comes
 *   to JavaScript). The services whose name holds every word have the best score there is, so
 *   a page they fill is read by name alone, without scoring the rest.
 * - Distance (`searchDirectory`): each location's point (its coordinates or its district's
 *   centre) is indexed by latitude; the nearest services come from boxes that grow until they
 *   hold the page, measured by the schema's `distanceKm` (a SQL function here).
 * - Order and pages in SQL: best match, then name and id; with a postcode, the person's area
 *   first, then nearest (to two decimal places), then as without one.
 */
import { distanceKm, districtOf, nearestLocation, type SearchDistances } from '@hubkit/hub';
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { parsedFrom } from '../json-text.ts';
import { normalisePostcode, type NeedCode, type Service, type ServiceSearchResult } from '@hubkit/schema';
import {
  boxAround,
  coverCtes,
  MEASURED_WHOLE,
  PageAcross,
  searchParts,
  pointOf,
  searchOrigin,
  type Origin,
  queryRuns,
  runForms,
  serviceWordFields,
  typedWords,
  WHOLE_EARTH_KM,
  WORD_FIELDS,
} from './directory-rules.ts';

type Row = Record<string, string | number | null>;

/** Migration 8's tables: the directory's indexes and the postcodes a hub can place. */
export const DIRECTORY_INDEX_SQL = `
  CREATE TABLE service_keys (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE REFERENCES services (id),
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    organisation_id TEXT NOT NULL,
    location_count INTEGER NOT NULL,
    located INTEGER NOT NULL
  );
  CREATE INDEX service_keys_by_name ON service_keys (name, id, status);
  CREATE INDEX service_keys_by_status ON service_keys (status);
  CREATE INDEX service_keys_placeless ON service_keys (located, name, id, status);
  CREATE INDEX service_keys_by_organisation ON service_keys (organisation_id);
  CREATE INDEX service_needs_by_need ON service_needs (need, service_id);
  CREATE TABLE service_areas (
    service_id TEXT NOT NULL REFERENCES services (id),
    area TEXT NOT NULL,
    PRIMARY KEY (service_id, area)
  );
  CREATE INDEX service_areas_by_area ON service_areas (area, service_id);
  CREATE TABLE service_places (
    service_id TEXT NOT NULL REFERENCES services (id),
    position INTEGER NOT NULL,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL,
    PRIMARY KEY (service_id, position)
  );
  CREATE INDEX service_places_by_latitude ON service_places (latitude, longitude, service_id);
  CREATE TABLE service_terms (
    service_id TEXT NOT NULL REFERENCES services (id),
    taxonomy TEXT NOT NULL,
    code TEXT NOT NULL,
    PRIMARY KEY (service_id, taxonomy, code)
  );
  CREATE INDEX service_terms_by_code ON service_terms (taxonomy, code, service_id);
  CREATE VIRTUAL TABLE service_words_name USING fts5 (words, tokenize = 'ascii', prefix = '2 3', detail = none);
  CREATE VIRTUAL TABLE service_words_other USING fts5 (words, tokenize = 'ascii', prefix = '2 3', detail = none);
  CREATE VIRTUAL TABLE service_words_description USING fts5 (words, tokenize = 'ascii', prefix = '2 3', detail = none);
  CREATE TABLE postcodes (
    postcode TEXT PRIMARY KEY,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL
  ) WITHOUT ROWID;
`;

/**
 * Migration 13's tables: each service's words again (as the tables above hold them), once for
 * each area it serves, each word behind the area's id (`areaWord`). A search by postcode reads
 * only its own area's lists, not the list of every service with the word (issue 14: "debt
 * advice" near a postcode read 2,400 names for an area's 20).
 * Contentless: the words are read from the tables above, so this adds only its index.
 */
export const AREA_WORDS_SQL = `
  CREATE TABLE directory_areas (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
  ${['name', 'other', 'description']
    .map(
      (table) =>
        `CREATE VIRTUAL TABLE service_area_words_${table} USING fts5 (words, tokenize = 'ascii', detail = none, content = '', contentless_delete = 1);`,
    )
    .join('\n  ')}
`;

/** A word as the area words tables hold it: the area's id, then the word (`a12xdebt`). */
function areaWord(areaId: number, word: string): string {
  return `a${areaId}x${word}`;
}

/**
 * Writes the directory's indexes of `service` (already in `services`); inside the caller's
 * transaction; answers the service's rowid. Used by upserts and by migration 8 for the services
 * already stored.
 */
export function indexService(statement: (sql: string) => StatementSync, service: Service): number {
  const places = service.locations.map(pointOf);

  for (const table of ['service_areas', 'service_places', 'service_terms'])
    statement(`DELETE FROM ${table} WHERE service_id = ?`).run(service.id);
  const insertArea = statement('INSERT OR IGNORE INTO service_areas (service_id, area) VALUES (?, ?)');
  for (const area of service.areas) insertArea.run(service.id, area);
  const insertPlace = statement(
    'INSERT INTO service_places (service_id, position, latitude, longitude) VALUES (?, ?, ?, ?)',
  );
  places.forEach((point, position) => {
    if (point) insertPlace.run(service.id, position, point.latitude, point.longitude);
  });
  const insertTerm = statement(
    'INSERT OR IGNORE INTO service_terms (service_id, taxonomy, code) VALUES (?, ?, ?)',
  );
  for (const term of service.taxonomyTerms) insertTerm.run(service.id, term.taxonomy, term.code);
  const rowid = statement('SELECT rowid FROM services WHERE id = ?').get(service.id)?.rowid;
  statement(
    `INSERT INTO service_keys (rid, id, name, status, organisation_id, location_count, located)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (rid) DO UPDATE SET name = excluded.name, status = excluded.status,
       organisation_id = excluded.organisation_id, location_count = excluded.location_count, located = excluded.located`,
  ).run(
    Number(rowid),
    service.id,
    service.name,
    service.status,
    service.organisation.id,
    service.locations.length,
    places.some((p) => p !== null) ? 1 : 0,
  );
  // Each of the schema's fields as its own words (runs never cross from one field to the next).
  const tokens = serviceWordFields(service);
  for (const [table] of WEIGHTED_TABLES) {
    statement(`DELETE FROM service_words_${table} WHERE rowid = ?`).run(Number(rowid));
    statement(`INSERT INTO service_words_${table} (rowid, words) VALUES (?, ?)`).run(
      Number(rowid),
      tokens[table].join(' '),
    );
  }
  return Number(rowid);
}

/** One FTS5 table for each weight of the schema's fields: a query reads only the index of its own weight. */
const WEIGHTED_TABLES = WORD_FIELDS;

/** Every FTS5 table of the directory's words. */
export const WORD_INDEXES = ['service_words', 'service_area_words'].flatMap((kind) =>
  WEIGHTED_TABLES.map(([table]) => `${kind}_${table}`),
);

/**
 * Writes the area words of the service at `rowid` from its words and its areas as `indexService`
 * wrote them; inside the caller's transaction, after it. Used by upserts and by migration 13.
 */
export function indexAreaWords(statement: (sql: string) => StatementSync, rowid: number): void {
  const id = statement('SELECT id FROM service_keys WHERE rid = ?').get(rowid)?.id;
  const areaIds = statement('SELECT area FROM service_areas WHERE service_id = ?')
    .all(String(id))
    .map((row) => {
      const area = String(row.area);
      statement('INSERT OR IGNORE INTO directory_areas (name) VALUES (?)').run(area);
      return Number(statement('SELECT id FROM directory_areas WHERE name = ?').get(area)?.id);
    });
  for (const [table] of WEIGHTED_TABLES) {
    statement(`DELETE FROM service_area_words_${table} WHERE rowid = ?`).run(rowid);
    if (areaIds.length === 0) continue;
    const words = String(
      statement(`SELECT words FROM service_words_${table} WHERE rowid = ?`).get(rowid)?.words,
    )
      .split(' ')
      .filter((word) => word.length > 0);
    statement(`INSERT INTO service_area_words_${table} (rowid, words) VALUES (?, ?)`).run(
      rowid,
      areaIds.flatMap((areaId) => words.map((word) => areaWord(areaId, word))).join(' '),
    );
  }
}

export interface DirectoryFilter {
  q?: string | undefined;
  need?: NeedCode | undefined;
  /** ORUK filters: a service of this organisation, with this taxonomy term. */
  organisationId?: string | undefined;
  term?: { taxonomy: string; code: string } | undefined;
}

export interface DirectoryPage {
  offset: number;
  limit: number;
}

/** Services words match with one score, as a JSON array of their rowids. */
interface WordList {
  score: number;
  rids: string;
}

/** Services matching a filter, as SQL: `c.score` is the word score (1 without words). */
interface Matching {
  /** The statement's start (`WITH …` for words), and its parameters, which come first. */
  with: string;
  withParams: SQLInputValue[];
  from: string;
  where: string[];
  params: SQLInputValue[];
  score: string;
  order: string;
  /** Whether there are words to match. */
  words: boolean;
  /** Whether it holds only the services of the area it was made for (`#matchingOnce` with words). */
  inArea?: true;
}

/**
 * The FTS5 query for a typed word (or words typed together): it, or its stem, starting a word
 * (after `prefix`: an area's, in the area words tables).
 */
function wanted(joined: string, prefix = ''): string {
  return runForms(joined)
    .map((w) => `"${prefix}${w}"*`)
    .join(' OR ');
}

/** How many services read for pages are kept parsed (a few MB), most recently read last. */
const PARSED_KEPT = 2_000;
/** Reads of more services than this (every service, for the ORUK lists) are not kept. */
const PARSED_PAGE = 101;

/** How many counts a directory version keeps (one a filter); the first counted is the first to go. */
const COUNTS_KEPT = 1_000;
/**
 * How many searches' word matches a directory version keeps (one a query and area). A list
 * holds at most every service's rowid (about 60 KB at 10,000 services), most far fewer.
 */
const MATCHES_KEPT = 256;
/**
 * How many lists with words a directory version keeps in order (one a filter): each is the
 * rowids of every service the words match, best first (at most about 80 KB at 10,000 services).
 */
const ORDERS_KEPT = 128;

/**
 * Values worked out from the directory, kept while its version (moved by triggers on every
 * change to the services) stands, at most `limit` of them; the first made is the first to go.
 */
class KeptForVersion<V> {
  #version = Number.NaN;
  #values = new Map<string, V>();
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** The value kept for `key` at `version`, if any. */
  find(version: number, key: string): V | undefined {
    return version === this.#version ? this.#values.get(key) : undefined;
  }

  get(version: number, key: string, make: () => V): V {
    if (version !== this.#version) {
      this.#version = version;
      this.#values = new Map();
    }
    const kept = this.#values.get(key);
    if (kept !== undefined) return kept;
    const value = make();
    this.#values.set(key, value);
    if (this.#values.size > this.#limit) {
      const oldest = this.#values.keys().next().value;
      if (oldest !== undefined) this.#values.delete(oldest);
    }
    return value;
  }
}

/** Freezes `value` and everything in it: a service kept for every request nothing may change. */
function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) frozen(item);
    Object.freeze(value);
  }
  return value;
}

/** The directory's reads, over the store's connection and its prepared statements. */
export class DirectoryIndex {
  readonly #statement: (sql: string) => StatementSync;
  /**
   * Services read for pages, by rowid, with the text each was parsed from: while a service's
   * stored text is the same, the same object is answered again (frozen), not parsed again, and
   * what is worked out from it and kept with it (its JSON text, its ORUK forms) still holds.
   */
  readonly #parsed = new Map<number, { text: string; service: Service }>();
  /** Counts by filter, for the directory version they were counted at. */
  readonly #counts = new KeptForVersion<number>(COUNTS_KEPT);
  /** The services a search's words match (`#matchingOnce`), by words and area, for the version they were found at. */
  readonly #matches = new KeptForVersion<readonly WordList[]>(MATCHES_KEPT);
  /**
   * Every current service a list's words match, in its order, by filter; and the first so many
   * a list's words match in names, by filter and number; for the version they were found at.
   */
  readonly #orders = new KeptForVersion<readonly number[]>(ORDERS_KEPT);

  constructor(db: DatabaseSync, statement: (sql: string) => StatementSync) {
    this.#statement = statement;
    // The schema's own arithmetic, so that SQL orders by exactly the distances the API shows.
    db.function('hubkit_km', { deterministic: true }, (lat1, lon1, lat2, lon2) =>
      distanceKm(
        { latitude: Number(lat1), longitude: Number(lon1) },
        { latitude: Number(lat2), longitude: Number(lon2) },
      ),
    );
    db.function('hubkit_km2', { deterministic: true }, (km) => Math.round(Number(km) * 100) / 100);
  }

  #all(sql: string, params: readonly SQLInputValue[]): Row[] {
    return this.#statement(sql).all(...params) as Row[];
  }

  /**
   * The words of `q` as SQL (`wordMatchScore`), or null when `q` has no words (everything
   * matches): a CTE `scored (rid, score)` of the services matching, scored in SQLite, so that no
   * matching row reaches JavaScript. Each typed word, or run of up to three typed words written
   * together, weighs what the best FTS5 table it matches in weighs (`CASE` over each table's
   * matches, read once a statement); the cover of the query by them is summed as the schema sums
   * it, with a cover that cannot be made far below zero. Only the services matched by a run
   * from the first word are scored; with `area`, only the services of that area (for one word
   * too), read from the area's own word lists: a search by postcode reads and scores the area's
   * few matches, not the thousands a common word has across the directory. With `nameOnly`, only matches in the name count: the services it
   * finds are exactly those with the best score there can be (five for each word).
   */
  #words(
    q: string | undefined,
    { nameOnly = false, area }: { nameOnly?: boolean; area?: string | undefined } = {},
  ): { cte: string; params: SQLInputValue[]; scored?: true } | null {
    const typed = typedWords(q);
    if (typed.length === 0) return null;
    const tables = nameOnly ? WEIGHTED_TABLES.slice(0, 1) : WEIGHTED_TABLES;
    const matches = (table: string) =>
      `SELECT rowid FROM service_words_${table} WHERE service_words_${table} MATCH ?`;
    // In an area, its own words (an area no service serves has no id: 0 matches nothing).
    const prefix =
      area === undefined
        ? ''
        : areaWord(
            Number(this.#all('SELECT id FROM directory_areas WHERE name = ?', [area])[0]?.id ?? 0),
            '',
          );
    // Runs of typed words as `wordMatchScore` covers them: each alone or with the next one or two.
    const runs = queryRuns(typed).map((run) => ({ ...run, wanted: wanted(run.joined, prefix) }));
    if (nameOnly && typed.length <= 5) {
      // Every word covered in the name: one FTS5 query (each way to cover the first k words is a
      // way to cover the first k less a run, AND that run), so FTS5 merges the lists itself.
      const covered = (k: number): string =>
        runs
          .filter((run) => run.to === k)
          .map((run) => `(${run.from === 0 ? '' : `(${covered(run.from)}) AND `}(${run.wanted}))`)
          .join(' OR ');
      return {
        cte: `WITH scored AS (SELECT rowid AS rid, ${5 * typed.length} AS score FROM service_words_name WHERE service_words_name MATCH ?)`,
        params: [covered(typed.length)],
        scored: true,
      };
    }
    if (typed.length === 1 && area === undefined) {
      // One word: the services any table matches (the tables' lists merged in rowid order, no
      // sort), each weighing what the best table it is in weighs: read only where a statement
      // orders by it, and never zero.
      const wanted = runs[0]?.wanted ?? '';
      const [name, other] = WEIGHTED_TABLES;
      return {
        cte: `WITH scored AS (SELECT u.rid AS rid,
          (CASE WHEN u.rid IN (${matches(name[0])}) THEN ${name[1]} WHEN u.rid IN (${matches(other[0])}) THEN ${other[1]} ELSE 1 END) AS score
          FROM (${WEIGHTED_TABLES.map(([table]) => matches(table).replace('SELECT rowid', 'SELECT rowid AS rid')).join(' UNION ')}) u)`,
        params: Array.from({ length: 5 }, () => wanted),
        scored: true,
      };
    }
    const params: SQLInputValue[] = [];
    let w: string;
    if (area !== undefined) {
      // The area's services matched by each run in each table, from the area's own lists: each
      // run weighs the best table it matches in.
      const hits = runs.flatMap((run, r) =>
        tables.map(([table, weight]) => {
          params.push(run.wanted);
          return `SELECT rowid AS rid, ${r} AS r, ${weight} AS weight FROM service_area_words_${table} WHERE service_area_words_${table} MATCH ?`;
        }),
      );
      const weights = runs.map((_, r) => `max(CASE WHEN r = ${r} THEN weight ELSE 0 END) AS r${r}`);
      w = `w AS MATERIALIZED (SELECT rid, ${weights.join(', ')} FROM (${hits.join(' UNION ALL ')}) GROUP BY rid)`;
    } else {
      // The services a run from the first word matches, each run weighing the best table it matches in.
      const weights = runs.map((run, r) => {
        params.push(...tables.map(() => run.wanted));
        const cases = tables.map(([table, weight]) => `WHEN s.rid IN (${matches(table)}) THEN ${weight}`);
        return `(CASE ${cases.join(' ')} ELSE 0 END) AS r${r}`;
      });
      const first = runs
        .filter((run) => run.from === 0)
        .map((run) => run.wanted)
        .join(' OR ');
      params.push(...tables.map(() => first));
      w = `w AS MATERIALIZED (SELECT s.rid AS rid, ${weights.join(', ')} FROM service_keys s
        WHERE s.rid IN (${tables.map(([table]) => matches(table)).join(' UNION ')}))`;
    }
    return { cte: `WITH ${[w, ...coverCtes(runs, typed.length, 'rid', 'max')].join(', ')}`, params };
  }

  /**
   * The SQL that narrows `service_keys s` (a narrow copy of the columns lists sort and filter
   * on) to the current services matching `filter`: `score` is the word score (1 without words)
   * and `order` the list's order. A statement built from it starts with `with`, and its
   * parameters are `params` in that order.
   */
  #matching(filter: DirectoryFilter, current = true, nameOnly = false): Matching {
    const words = this.#words(filter.q, { nameOnly });
    const where = current ? ["s.status != 'defunct'"] : ['1'];
    const params: SQLInputValue[] = [];
    // A cover that fails scores below zero; the queries above find only services that match.
    if (words && !words.scored) where.push('c.score > 0');
    if (filter.need) {
      // Probed a row at a time: a page by name stops after its rows.
      where.push('EXISTS (SELECT 1 FROM service_needs n WHERE n.need = ? AND n.service_id = s.id)');
      params.push(filter.need);
    }
    if (filter.organisationId) {
      where.push('s.organisation_id = ?');
      params.push(filter.organisationId);
    }
    if (filter.term) {
      where.push(
        'EXISTS (SELECT 1 FROM service_terms t WHERE t.taxonomy = ? AND t.code = ? AND t.service_id = s.id)',
      );
      params.push(filter.term.taxonomy, filter.term.code);
    }
    return {
      with: words?.cte ?? '',
      withParams: words?.params ?? [],
      from: words ? 'scored c CROSS JOIN service_keys s ON s.rid = c.rid' : 'service_keys s',
      where,
      params,
      score: words ? 'c.score' : '1',
      order: words ? 'c.score DESC, s.name, s.id' : 's.name, s.id',
      words: words !== null,
    };
  }

  /**
   * The services `q` (typed as `typed`) matches, in `area` if given, as lists of rowids (JSON
   * arrays) by score, best first: for one word and no area, each FTS5 table's list as it is (a
   * service weighs what the first list it is in weighs: the same CASE as the words' CTE).
   * Never empty: no match is one empty list, since the statements need a CASE to read.
   */
  #wordLists(q: string | undefined, typed: readonly string[], area: string | undefined): WordList[] {
    const lists: WordList[] = [];
    if (typed.length === 1 && area === undefined) {
      const row = this.#all(
        `SELECT ${WEIGHTED_TABLES.map(([table]) => `(SELECT json_group_array(rowid) FROM service_words_${table} WHERE service_words_${table} MATCH ?) AS ${table}`).join(', ')}`,
        WEIGHTED_TABLES.map(() => wanted(typed[0] ?? '')),
      )[0];
      for (const [table, weight] of WEIGHTED_TABLES)
        lists.push({ score: weight, rids: String(row?.[table] ?? '[]') });
    } else {
      const words = this.#words(q, { area });
      for (const row of this.#all(
        `${words?.cte ?? ''} SELECT score, json_group_array(rid) AS rids FROM scored WHERE score > 0 GROUP BY score ORDER BY score DESC`,
        words?.params ?? [],
      ))
        lists.push({ score: Number(row.score), rids: String(row.rids) });
    }
    if (lists.length === 0) lists.push({ score: 1, rids: '[]' });
    return lists;
  }

  /**
   * `#matching` for the statements of one search by postcode: with words, the services matching
   * are found once, as lists of rowids by score (for one word, the three FTS5 tables' lists as
   * they are), and each statement reads them from JSON (`s.rid IN m0`, a bloom filter and a
   * probe a row, not the five FTS5 lists the words' CTE reads again in every statement).
   * So the area's services, or the places in a box, drive even with words. With `area`, only the
   * area's services are scored, and the lists hold only them.
   */
  #matchingOnce(filter: DirectoryFilter, area?: string): Matching {
    // The other filters, as without words; the words come as lists.
    const plain = this.#matching({ ...filter, q: undefined });
    const typed = typedWords(filter.q);
    if (typed.length === 0) return plain;
    // Found once a directory version for each words and area: the statements that score them
    // were half the CPU of a search by postcode with words (issue 14), and the services a search
    // pages through, or many people in one area search for, are found again unchanged.
    const lists = this.#matches.get(this.#version(), JSON.stringify([typed, area ?? null]), () =>
      this.#wordLists(filter.q, typed, area),
    );
    const score = `(CASE ${lists.map((list, i) => `WHEN s.rid IN m${i} THEN ${list.score}`).join(' ')} END)`;
    const shared = {
      ...plain,
      with: `WITH ${lists.map((_, i) => `m${i} (rid) AS (SELECT value FROM json_each(?))`).join(', ')}`,
      withParams: lists.map((list) => list.rids),
      words: true,
    };
    if (area !== undefined)
      // In an area, the lists hold only its services, each in one list at most (one a score):
      // they are read alone, each service with its list's score.
      return {
        ...shared,
        from: `(${lists.map((list, i) => `SELECT rid, ${list.score} AS score FROM m${i}`).join(' UNION ALL ')}) l CROSS JOIN service_keys s ON s.rid = l.rid`,
        score: 'l.score',
        order: 'l.score DESC, s.name, s.id',
        inArea: true,
      };
    return {
      ...shared,
      // Only the services in a list: tested a row (each list read once, behind a bloom filter).
      where: [...plain.where, `${score} IS NOT NULL`],
      score,
      order: `${score} DESC, s.name, s.id`,
    };
  }

  /** The services of `rowids`, in that order (the order is worked out on rowids alone, then the JSON read). */
  #services(rowids: readonly number[]): Service[] {
    if (rowids.length === 0) return [];
    const data = new Map(
      this.#all('SELECT rowid AS rid, data FROM services WHERE rowid IN (SELECT value FROM json_each(?))', [
        JSON.stringify(rowids),
      ]).map((r) => [Number(r.rid), String(r.data)]),
    );
    const keep = rowids.length <= PARSED_PAGE;
    return rowids.map((rid) => {
      const text = data.get(rid) ?? 'null';
      const kept = this.#parsed.get(rid);
      if (kept?.text === text) {
        if (keep) {
          // Most recently read last, so the oldest is the first to go.
          this.#parsed.delete(rid);
          this.#parsed.set(rid, kept);
        }
        return kept.service;
      }
      // Sent on as read: the answer reuses each service's text (json-text.ts).
      const parsed = parsedFrom(text) as Service;
      const service = keep ? frozen(parsed) : parsed;
      if (keep) {
        this.#parsed.delete(rid);
        this.#parsed.set(rid, { text, service });
        if (this.#parsed.size > PARSED_KEPT) {
          const oldest = this.#parsed.keys().next().value;
          if (oldest !== undefined) this.#parsed.delete(oldest);
        }
      }
      return service;
    });
  }

  /** The rowids of one page of `m`, in its order (a limit of -1 for all). */
  #window(m: Matching, page: DirectoryPage): number[] {
    return this.#all(
      `${m.with} SELECT s.rid FROM ${m.from} WHERE ${m.where.join(' AND ')} ORDER BY ${m.order} LIMIT ? OFFSET ?`,
      [...m.withParams, ...m.params, page.limit, page.offset],
    ).map((r) => Number(r.rid));
  }

  /**
   * One page of the current services matching `filter`: best match first, then by name (with
   * `current: false`, defunct ones too; a limit of -1 for all). With words, the services whose
   * name holds every word (the best score there is) come first, by name: when they fill the
   * page, nothing else is scored.
   */
  list(filter: DirectoryFilter, page: DirectoryPage, { current = true } = {}): Service[] {
    if (filter.q === undefined || !current)
      return this.#services(this.#window(this.#matching(filter, current), page));
    // Kept in order once a directory version for each filter: scoring every match for each page
    // was most of a list with words' CPU (issue 14), and people page through, or ask again for,
    // the same words unchanged. A page is then a slice of a kept order.
    const version = this.#version();
    const key = JSON.stringify([filter.q, filter.need, filter.organisationId, filter.term]);
    const end = page.limit < 0 ? undefined : page.offset + page.limit;
    if (end !== undefined && this.#orders.find(version, key) === undefined) {
      // The name matches alone, when they fill the pages so far: a common word matches thousands
      // of services, which need not all be scored for the first pages.
      const best = this.#orders.get(version, JSON.stringify([key, end]), () =>
        this.#window(this.#matching(filter, true, true), { offset: 0, limit: end }),
      );
      if (best.length === end) return this.#services(best.slice(page.offset));
    }
    const order = this.#orders.get(version, key, () =>
      this.#window(this.#matching(filter), { offset: 0, limit: -1 }),
    );
    return this.#services(order.slice(page.offset, end));
  }

  /** One page of `list`, and how many match in all. */
  page(filter: DirectoryFilter, page: DirectoryPage): { services: Service[]; total: number } {
    return { services: this.list(filter, page), total: this.count(filter) };
  }

  /**
   * The directory's version, moved by triggers on every change to the services. Read before
   * what is kept under it is worked out, so that a change in between is seen as one next time.
   */
  #version(): number {
    return Number(this.#all('SELECT version FROM services_version WHERE id = 1', [])[0]?.version);
  }

  /**
   * How many current services match `filter`. Kept while the directory's version (moved by
   * triggers on every change to the services) stands: each page of a search, as ORUK clients
   * page through one, counts the same total, and counting every word match costs more than
   * reading the page.
   */
  count(filter: DirectoryFilter): number {
    const key = JSON.stringify([filter.q, filter.need, filter.organisationId, filter.term]);
    return this.#counts.get(this.#version(), key, () => {
      const m = this.#matching(filter);
      return Number(
        this.#all(`${m.with} SELECT COUNT(*) AS n FROM ${m.from} WHERE ${m.where.join(' AND ')}`, [
          ...m.withParams,
          ...m.params,
        ])[0]?.n ?? 0,
      );
    });
  }

  /**
   * Where a postcode is: the imported postcodes first (a whole postcode's own point), then the
   * built-in district centres. The area is the built-in one of its district, if any.
   */
  origin(postcode: string): Origin | null {
    if (districtOf(postcode) === null) return null;
    const row = this.#all('SELECT latitude, longitude FROM postcodes WHERE postcode = ?', [
      normalisePostcode(postcode),
    ])[0];
    return searchOrigin(
      postcode,
      row ? { latitude: Number(row.latitude), longitude: Number(row.longitude) } : undefined,
    );
  }

  /**
   * One page of a search by where a person is (`searchDirectory`'s order): with a place for
   * `postcode`, services for its area first, nearest first; without one, as `list`.
   */
  search(
    filter: DirectoryFilter & { postcode?: string | undefined; radiusKm?: number | undefined },
    page: DirectoryPage,
  ): { results: ServiceSearchResult[]; distances: SearchDistances } {
    const origin = filter.postcode === undefined ? null : this.origin(filter.postcode);
    if (!origin) {
      return {
        results: this.list(filter, page).map((service) => ({
          service,
          distanceKm: null,
          nearestLocationId: null,
        })),
        distances: filter.postcode === undefined ? 'no_postcode' : 'postcode_not_found',
      };
    }
    // A directory this small is measured whole: growing a box across the country would take
    // a statement a step (eight of them, for the demo's 36 services and a page of 26).
    const few = this.count({}) <= MEASURED_WHOLE;
    // The area's matches, then (only for a page past them) the others'.
    const here = this.#matchingOnce(filter, origin.area ?? '');
    let all: Matching | undefined;
    const everywhere = () => (all ??= this.#matchingOnce(filter));
    const serves = 's.id IN (SELECT service_id FROM service_areas WHERE area = ?)';
    // With words, the area's matches are already only the area's (and drive its parts).
    const inArea = here.inArea ? null : serves;
    const radius = filter.radiusKm;
    // The order's parts, area first, each read up to the rest of the page.
    const across = new PageAcross<number>(page);
    for (const part of searchParts(radius)) {
      if (across.full) break;
      const m = part.inArea ? here : everywhere();
      const group = part.inArea ? inArea : `NOT ${serves}`;
      across.take(
        part.located
          ? this.#nearest(m, { group, area: part.inArea, few }, origin, across.needed, radius)
          : this.#placeless(m, group, origin, across.needed, radius !== undefined),
      );
    }
    return {
      results: this.#services(across.taken).map((service) => nearestLocation(service, origin)),
      distances: 'from_postcode',
    };
  }

  /**
   * The rowids of up to `needed` located services of `group` (null: `m` holds only the group's),
   * nearest first (within `radiusKm`, if given).
   */
  #nearest(
    m: Matching,
    { group, area: inArea, few }: { group: string | null; area: boolean; few: boolean },
    origin: Origin,
    needed: number,
    radiusKm: number | undefined,
  ): number[] {
    // The group's condition and its parameter (the area), if it needs one.
    const grouped = group === null ? [] : [group];
    const area = group === null ? [] : [origin.area ?? ''];
    // With words, the area's matching services drive and each is measured (an area holds few),
    // as every service is in a directory of `few`; otherwise the places in a box around the
    // person drive (by the latitude index), and the box grows until it holds the page.
    const measureAll = (m.words && inArea) || few;
    const query = (km: number | null) => {
      const box = km === null ? null : boxAround(origin, km);
      const places = `SELECT service_id AS sid, MIN(hubkit_km(?, ?, latitude, longitude)) AS raw
        FROM service_places ${box ? 'WHERE latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?' : ''}
        GROUP BY service_id`;
      const sql = measureAll
        ? `${m.with} SELECT s.rid, ${m.score} AS score, s.name, s.id,
             (SELECT hubkit_km2(MIN(hubkit_km(?, ?, p.latitude, p.longitude))) FROM service_places p WHERE p.service_id = s.id) AS km
           FROM ${m.from} WHERE ${[...m.where, ...grouped, 's.located = 1'].join(' AND ')}`
        : `${m.with} SELECT s.rid, ${m.score} AS score, s.name, s.id, hubkit_km2(b.raw) AS km
           FROM (${places}) b CROSS JOIN service_keys s ON s.id = b.sid
           WHERE ${[...m.where, ...grouped].join(' AND ')}`;
      const params: SQLInputValue[] = measureAll
        ? [...m.withParams, origin.latitude, origin.longitude, ...m.params, ...area]
        : [...m.withParams, origin.latitude, origin.longitude, ...(box ?? []), ...m.params, ...area];
      return { sql, params };
    };
    const ordered = (sql: string, below: number | null) =>
      `SELECT rid FROM (${sql}) ${below === null ? '' : 'WHERE km <= ?'} ORDER BY km, score DESC, name, id LIMIT ?`;
    const rids = (rows: Row[]) => rows.map((r) => Number(r.rid));

    // Within a radius as the API rounds it: the last box a little wider than the radius.
    const widest = radiusKm === undefined ? WHOLE_EARTH_KM : radiusKm + 0.01;
    // Boxes grow from 2 km; with words and a radius, the radius's box at once (each statement
    // reads the word lists again, which costs more than a smaller box saves).
    for (let km = m.words && radiusKm !== undefined ? widest : 2; ; km *= 4) {
      if (measureAll || km >= widest) {
        const { sql, params } = query(measureAll || radiusKm === undefined ? null : widest);
        return rids(
          radiusKm === undefined
            ? this.#all(ordered(sql, null), [...params, needed])
            : this.#all(ordered(sql, radiusKm), [...params, radiusKm, needed]),
        );
      }
      // Every service nearer than `km` is in the box; those further rank after anything nearer
      // than `km` less a rounding step, so the page is settled once it has `needed` of those.
      const { sql, params } = query(km);
      const found = this.#all(ordered(sql, km - 0.01), [...params, km - 0.01, needed]);
      if (found.length >= needed) return rids(found);
    }
  }

  /**
   * Up to `needed` services of `group` (null: `m` holds only the group's) with no place: with a
   * radius, only those with no location at all (they serve the area wherever they are); without,
   * also those whose locations the hub cannot place.
   */
  #placeless(
    m: Matching,
    group: string | null,
    origin: Origin,
    needed: number,
    withinRadius: boolean,
  ): number[] {
    const grouped = group === null ? [] : [group];
    return this.#all(
      `${m.with} SELECT s.rid FROM ${m.from}
       WHERE ${[...m.where, ...grouped, 's.located = 0', ...(withinRadius ? ['s.location_count = 0'] : [])].join(' AND ')}
       ORDER BY ${m.order} LIMIT ?`,
      [...m.withParams, ...m.params, ...(group === null ? [] : [origin.area ?? '']), needed],
    ).map((r) => Number(r.rid));
  }
}
