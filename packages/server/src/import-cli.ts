/**
 * `hubkit-server postcodes import <file>` and `hubkit-server directory import <url|file>`: the
 * reference data commands, dispatched to from cli.ts.
 */
import { parseArgs } from 'node:util';
import { ImportError, importDirectory, importPostcodes } from './imports.ts';
import { openDatabase } from './migrate-cli.ts';

export const IMPORT_HELP = `
Load reference data (each import can be run again: it updates, and adds no duplicates):
  hubkit-server postcodes import <ONSPD .csv> [--db <file>]
    the ONS Postcode Directory (pcds, lat and long columns), so the hub can place every UK
    postcode; without it the hub knows the districts of its demo areas only
  hubkit-server directory import <feed URL | .json file> [--db <file>]
    an Open Referral UK feed (HSDS 3.0, or the first-generation API): every page of its
    /services, or a file holding one page or a list of services
`;

/** Whether `command` is one of these; runs it. */
export function isImportCommand(command: string | undefined): boolean {
  return command === 'postcodes' || command === 'directory';
}

export async function importCommand(command: string, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { db: { type: 'string', default: process.env.HUBKIT_DB ?? 'hubkit.db' } },
  });
  const [verb, source, ...extra] = positionals;
  if (verb !== 'import')
    throw new ImportError(`say ${command} import <${command === 'postcodes' ? 'file' : 'url or file'}>`);
  if (!source || extra.length > 0)
    throw new ImportError(`say the one ${command === 'postcodes' ? 'file' : 'feed'} to import`);
  const store = await openDatabase(values.db);
  try {
    if (command === 'postcodes') {
      const { loaded, skipped } = await importPostcodes(store, source).catch(fileError(source));
      process.stdout.write(
        `Loaded ${loaded} postcodes from ${source} (${skipped} rows without a place left out); the hub now places ${await store.countPostcodes()}.\n`,
      );
    } else {
      const report = await importDirectory(store, source).catch(fileError(source));
      process.stdout.write(
        `Imported ${report.imported} services from ${source} (${report.pages} pages, ${report.skipped} items skipped); the directory holds ${await store.countServices()}.\n`,
      );
      for (const problem of report.problems) process.stdout.write(`  skipped ${problem}\n`);
    }
  } finally {
    await store.close();
  }
}

/** A missing or unreadable file as one line. */
const fileError =
  (source: string) =>
  (error: unknown): never => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ImportError(`${source} does not exist`);
    if (code === 'EACCES' || code === 'EPERM') throw new ImportError(`${source}: permission denied`);
    if (code === 'EISDIR') throw new ImportError(`${source} is a folder, not a file`);
    throw error;
  };
