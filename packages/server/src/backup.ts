/**
 * `hubkit-server backup <file>`: a consistent copy of the hub's SQLite file while the hub runs,
 * with SQLite's online backup (node:sqlite `backup()`), which reads through the write-ahead log;
 * copying `hub.db` with `cp` would miss what is still in `hub.db-wal`. The copy is checked
 * (`PRAGMA integrity_check`) before the command says it is done.
 */
import { closeSync, existsSync, openSync, realpathSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';

export interface BackupResult {
  pages: number;
  /** The schema version (the last migration applied) of the copy. */
  schemaVersion: number;
}

/** Why a backup was refused, in words for the operator. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

/** Copies the database at `source` to the new file `destination`, and checks the copy. */
export async function backupDatabase(source: string, destination: string): Promise<BackupResult> {
  // Opening a missing file would create an empty database and back that up.
  if (source === ':memory:' || !existsSync(source)) throw new BackupError(`no database at ${source}`);
  // An existing file is never overwritten: it may be the last good backup.
  if (existsSync(destination)) throw new BackupError(`${destination} already exists; choose a new file`);
  if (resolve(destination) === realpathSync(source)) throw new BackupError('the copy cannot be the database');
  // The copy holds the same personal data: owner-only (0600) from its first byte, whatever the
  // umask; SQLite writes into the empty file. `wx` never overwrites a file made meanwhile.
  try {
    closeSync(openSync(destination, 'wx', 0o600));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new BackupError(`${destination} already exists; choose a new file`);
    if (code === 'ENOENT') throw new BackupError(`cannot write ${destination}: its folder does not exist`);
    if (code === 'EACCES' || code === 'EPERM')
      throw new BackupError(`cannot write ${destination}: permission denied`);
    if (code === 'EISDIR') throw new BackupError(`${destination} is a folder; name a new file`);
    throw error;
  }
  let pages: number;
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(source);
    db.exec('PRAGMA busy_timeout = 5000');
    pages = await backup(db, destination);
  } catch (error) {
    // A half-written (or empty) copy must not pass for a backup later.
    rmSync(destination, { force: true });
    throw error;
  } finally {
    db?.close();
  }
  const copy = new DatabaseSync(destination, { readOnly: true });
  try {
    const check = copy.prepare('PRAGMA integrity_check').get();
    if (check?.integrity_check !== 'ok') {
      throw new BackupError(`the copy failed its integrity check: ${String(check?.integrity_check)}`);
    }
    const row = copy.prepare('SELECT MAX(version) AS v FROM schema_migrations').get();
    return { pages, schemaVersion: Number(row?.v ?? 0) };
  } finally {
    copy.close();
  }
}
