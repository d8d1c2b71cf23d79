/**
 * Loading a hub's reference data: the places of every UK postcode (the ONS Postcode Directory)
 * and the services of Open Referral UK feeds (a council's, its VCS partners'), both idempotent:
 * running an import again updates what it loaded before and adds no second copy.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { normalisePostcode, type Service } from '@hubkit/schema';
import { fromOrukPage, readOrukService } from '@hubkit/schema/oruk';
import { districtOf, type PostcodePoint, type Store } from '@hubkit/hub';

/** Something wrong with what was given to import: said in one line. */
export class ImportError extends Error {
  override readonly name = 'ImportError';
}

/** Rows a transaction holds: one fsync each, and memory for only this many. */
const POSTCODE_BATCH = 5_000;
const SERVICE_BATCH = 500;

/** One CSV record's fields (RFC 4180: quoted fields, doubled quotes; no line breaks in a field). */
export function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line.charAt(i);
    if (quoted) {
      if (char === '"' && line.charAt(i + 1) === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

export interface PostcodeImport {
  /** Postcodes placed (added or updated). */
  loaded: number;
  /** Rows left out: no grid reference (ONSPD's 99.999999 latitude), or not a postcode. */
  skipped: number;
}

/**
 * Loads the ONS Postcode Directory (ONSPD) CSV, or the National Statistics Postcode Lookup that
 * has the same columns: the postcode (`pcds`, else `pcd`/`pcd2`) and its WGS84 `lat` and `long`.
 * Streamed a line at a time (the file is about 1 GB) and written in batches.
 *
 * Code-Point Open is not read: it gives OSGB36 eastings and northings, which need a datum
 * transformation (OSTN15) to be placed within a metre or so; ONSPD carries the same points
 * already in WGS84 and is published under the same Open Government Licence.
 */
export async function importPostcodes(store: Store, file: string): Promise<PostcodeImport> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let columns: { postcode: number; latitude: number; longitude: number } | undefined;
  let batch: PostcodePoint[] = [];
  const counts = { loaded: 0, skipped: 0 };
  for await (const raw of lines) {
    const line = raw.replace(/^\uFEFF/, '');
    if (line.trim() === '') continue;
    const fields = csvFields(line);
    if (!columns) {
      const names = fields.map((f) => f.trim().toLowerCase());
      const at = (...candidates: string[]) =>
        candidates.map((c) => names.indexOf(c)).find((index) => index >= 0) ?? -1;
      const found = { postcode: at('pcds', 'pcd', 'pcd2'), latitude: at('lat'), longitude: at('long') };
      if (Object.values(found).some((index) => index < 0)) {
        throw new ImportError(
          `${file} is not an ONS Postcode Directory CSV: its first line must name the pcds, lat and long columns`,
        );
      }
      columns = found;
      continue;
    }
    const postcode = normalisePostcode(fields[columns.postcode] ?? '');
    const latitude = Number(fields[columns.latitude]);
    const longitude = Number(fields[columns.longitude]);
    // ONSPD marks a postcode with no grid reference with latitude 99.999999.
    const placed =
      Number.isFinite(latitude) &&
      Number.isFinite(longitude) &&
      Math.abs(latitude) <= 90 &&
      Math.abs(longitude) <= 180;
    if (!placed || !postcode.includes(' ') || districtOf(postcode) === null) {
      counts.skipped += 1;
      continue;
    }
    batch.push({ postcode, latitude, longitude });
    if (batch.length >= POSTCODE_BATCH) {
      await store.upsertPostcodes(batch);
      counts.loaded += batch.length;
      batch = [];
    }
  }
  if (!columns) throw new ImportError(`${file} is empty`);
  if (batch.length > 0) await store.upsertPostcodes(batch);
  counts.loaded += batch.length;
  return counts;
}

export interface DirectoryImport {
  /** Services added or updated. */
  imported: number;
  /** Items the feed listed that are not a service hubkit can read (each said why in `problems`). */
  skipped: number;
  pages: number;
  /** Up to a few of the reasons items were skipped: the feed's id and the first error's path. */
  problems: string[];
}

export interface DirectoryImportOptions {
  fetch?: typeof fetch;
  /** When the services were imported (their `updated_at`). */
  at?: string;
  /** Items asked for a page (`per_page`). */
  perPage?: number;
}

/** The most pages a feed is read to: a publisher that never says "last" cannot loop for ever. */
const MAX_PAGES = 10_000;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a listed item is the whole service (else it is read from `/services/{id}`). */
const isNested = (item: Json): boolean =>
  isObject(item.organization) &&
  Array.isArray(item.service_at_locations) &&
  (Array.isArray(item.attributes) || Array.isArray(item.service_taxonomys));

/**
 * Imports an Open Referral UK feed: a base URL (`https://council.example.gov.uk/api`, whose
 * `/services` pages are read to the last), or a file holding one page of it or an array of its
 * services. Both generations of the API are read (HSDS 3.0, and the first-generation API that
 * ServiceFinder reads), told apart from what the feed sends. Each service keeps an id derived
 * from the feed's own, so importing again updates it.
 */
export async function importDirectory(
  store: Store,
  source: string,
  options: DirectoryImportOptions = {},
): Promise<DirectoryImport> {
  const at = options.at ?? new Date().toISOString();
  const report: DirectoryImport = { imported: 0, skipped: 0, pages: 0, problems: [] };
  let batch: Service[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await store.upsertServices(batch, at);
    report.imported += batch.length;
    batch = [];
  };
  const take = async (raw: unknown) => {
    const read = readOrukService(raw);
    if (read.success) {
      batch.push(read.data);
      if (batch.length >= SERVICE_BATCH) await flush();
      return;
    }
    report.skipped += 1;
    const id = isObject(raw) && typeof raw.id === 'string' ? raw.id : '(no id)';
    if (report.problems.length < 10)
      report.problems.push(`${id}: ${read.errors[0]?.path ?? '/'} ${read.errors[0]?.message ?? ''}`);
  };

  if (!/^https?:\/\//i.test(source)) {
    for (const item of itemsOf(await readJsonFile(source), source)) await take(item);
    report.pages = 1;
    await flush();
    await store.optimizeDirectory();
    return report;
  }

  const get = options.fetch ?? fetch;
  const base = source.replace(/\/+$/, '').replace(/\/services$/, '');
  const getJson = async (url: string): Promise<unknown> => {
    const response = await get(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new ImportError(`${url} answered ${response.status}`);
    try {
      return await response.json();
    } catch {
      throw new ImportError(`${url} did not answer JSON`);
    }
  };
  const seen = new Set<string>();
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const url = `${base}/services?page=${page}&per_page=${options.perPage ?? 100}`;
    const read = fromOrukPage(await getJson(url));
    if (!read.success) throw new ImportError(`${url} is not an Open Referral UK page of services`);
    report.pages += 1;
    let fresh = 0;
    for (const item of read.data.items) {
      const id = isObject(item) && typeof item.id === 'string' ? item.id : undefined;
      if (id !== undefined && seen.has(id)) continue;
      if (id !== undefined) seen.add(id);
      fresh += 1;
      await take(
        isObject(item) && !isNested(item) && id !== undefined
          ? await getJson(`${base}/services/${encodeURIComponent(id)}`)
          : item,
      );
    }
    // The last page by the feed's word; or a publisher that ignores `page` sends nothing new.
    if (read.data.nextPage === null || read.data.items.length === 0 || fresh === 0) break;
  }
  await flush();
  await store.optimizeDirectory();
  return report;
}

async function readJsonFile(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ImportError(`${file} is not JSON`);
  }
}

/** The services of a file: an array of them, or a page envelope of either generation. */
function itemsOf(data: unknown, file: string): unknown[] {
  if (Array.isArray(data)) return data;
  const page = fromOrukPage(data);
  if (page.success) return page.data.items;
  throw new ImportError(`${file} holds neither an Open Referral UK page nor a list of services`);
}
