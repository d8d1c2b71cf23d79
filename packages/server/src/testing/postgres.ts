/**
 * A throwaway PostgreSQL cluster for tests: Debian's binaries, a temporary folder, a Unix socket
 * in that folder (no TCP port, so parallel test files never clash), removed afterwards.
 *
 * `initdb` refuses to run as root, so under root the cluster is made and run by the `postgres`
 * user (`runuser`, as Debian's own scripts do); otherwise by the current user.
 *
 * Settings: fsync, full_page_writes and synchronous_commit stay on (a crash test must see what
 * production would), so a commit costs what it costs. What is cheaper than in production is
 * honest for a cluster thrown away: `initdb --no-sync` (the freshly made files are not flushed:
 * a machine crash during the test run loses only the test run), trust authentication on a socket
 * only its owner (and root) can open, and small shared buffers, since several test files may run
 * a cluster each.
 */
import assert from 'node:assert/strict';
import { execFile as execFileCallback, execFileSync } from 'node:child_process';
import {
  appendFileSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before } from 'node:test';
import pg from 'pg';

const execFile = promisify(execFileCallback);

/** The superuser the throwaway cluster is made with. */
const SUPERUSER = 'hubkit';
/** How long initdb, a start or a stop may take before the test fails rather than hangs. */
const STEP_TIMEOUT_MS = 60_000;

/** Where the PostgreSQL binaries are: `HUBKIT_PG_BIN`, else Debian's newest `/usr/lib/postgresql/N/bin`. */
export function postgresBin(): string | null {
  const chosen = process.env.HUBKIT_PG_BIN;
  if (chosen) return existsSync(join(chosen, 'initdb')) ? chosen : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = join(root, version, 'bin');
    if (existsSync(join(bin, 'initdb'))) return bin;
  }
  return null;
}

/**
 * Why PostgreSQL tests cannot run here (`test`'s `skip` option), or false when they must run:
 * always under `CI=true`, where a missing PostgreSQL fails them instead of hiding them.
 */
export function postgresSkipReason(
  bin: string | null = postgresBin(),
  ci: boolean = process.env.CI === 'true',
): string | false {
  if (bin !== null || ci) return false;
  return (
    'PostgreSQL is not installed (no initdb in HUBKIT_PG_BIN or /usr/lib/postgresql/N/bin): ' +
    "this PostgreSQL test is skipped; install Debian's postgresql package to run it"
  );
}

/**
 * For a suite of PostgreSQL tests: a cluster started before its tests and stopped after them,
 * and the `skip` each test takes (a skipped suite's tests would not be counted as skipped).
 */
export function postgresForTests(): { skip: string | false; cluster: () => PostgresCluster } {
  const skip = postgresSkipReason();
  let cluster: PostgresCluster | undefined;
  before(async () => {
    if (skip === false) cluster = await startPostgres();
  });
  after(async () => {
    await cluster?.stop();
  });
  return {
    skip,
    cluster: () => cluster ?? assert.fail('the PostgreSQL test cluster did not start'),
  };
}

export interface PostgresDatabase {
  name: string;
  /** A connection URL for it (`postgresql://hubkit@/name?host=<socket folder>`). */
  url: string;
  /** The same as settings for `pg`. */
  config: pg.ClientConfig;
}

export interface PostgresCluster {
  /** The folder that holds the cluster's socket (and its data and log). */
  readonly socketDir: string;
  /** A new, empty database on the cluster. */
  createDatabase(): Promise<PostgresDatabase>;
  /** The server's process id (its backends are its children): for a benchmark's CPU figures. */
  readonly pid: number;
  /** The server's major version (`15`). */
  readonly version: string;
  /** Stops the cluster and removes its folder. */
  stop(): Promise<void>;
}

const asRoot = () => process.getuid?.() === 0;

/** `command` with `args`, as the `postgres` user under root. */
function asClusterOwner(command: string, args: readonly string[]): [string, string[]] {
  return asRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, [...args]];
}

async function run(command: string, args: readonly string[], what: string, log?: string): Promise<void> {
  const [file, argv] = asClusterOwner(command, args);
  try {
    await execFile(file, argv, { timeout: STEP_TIMEOUT_MS, killSignal: 'SIGKILL' });
  } catch (error) {
    const { stderr = '', stdout = '' } = error as { stderr?: string; stdout?: string };
    const logged = log && existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
    throw new Error(
      `PostgreSQL test cluster: ${what} failed: ${String(error)}\n${stdout}${stderr}${logged}`,
      {
        cause: error,
      },
    );
  }
}

/** Clusters started and not yet stopped: stopped at exit if a test forgot, or failed first. */
const running = new Set<{ bin: string; data: string; dir: string }>();
process.once('exit', () => {
  for (const cluster of running) {
    const [file, argv] = asClusterOwner(join(cluster.bin, 'pg_ctl'), [
      'stop',
      '-D',
      cluster.data,
      '-m',
      'immediate',
    ]);
    try {
      execFileSync(file, argv, { timeout: 10_000, stdio: 'ignore' });
    } catch {
      // Already stopped, or cannot be: the folder goes either way.
    }
    rmSync(cluster.dir, { recursive: true, force: true });
  }
});

/** Starts a throwaway cluster (about 3 s, mostly initdb). Throws, saying why, when it cannot. */
/**
 * Starts a throwaway cluster. `settings` are added to its postgresql.conf (a benchmark gives it
 * the memory a real server would have; tests keep the small defaults).
 */
export async function startPostgres(
  settings: Readonly<Record<string, string>> = {},
): Promise<PostgresCluster> {
  const bin = postgresBin();
  if (bin === null)
    throw new Error(
      'PostgreSQL test cluster: no PostgreSQL binaries (/usr/lib/postgresql/N/bin or HUBKIT_PG_BIN); ' +
        "CI=true needs them: .ci/run installs Debian's postgresql",
    );
  const dir = mkdtempSync(join(tmpdir(), 'hubkit-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'postgres.log');
  const cluster = { bin, data, dir };
  running.add(cluster);
  try {
    if (asRoot()) {
      const id = (flag: string) =>
        Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
      chownSync(dir, id('-u'), id('-g'));
    }
    await run(
      join(bin, 'initdb'),
      ['-D', data, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'],
      'initdb',
    );
    appendFileSync(
      join(data, 'postgresql.conf'),
      [
        '',
        '# hubkit test cluster (packages/server/src/testing/postgres.ts)',
        "listen_addresses = ''",
        `unix_socket_directories = '${dir}'`,
        'unix_socket_permissions = 0700',
        'fsync = on',
        'full_page_writes = on',
        'synchronous_commit = on',
        'shared_buffers = 32MB',
        ...Object.entries(settings).map(([name, value]) => `${name} = '${value}'`),
        '',
      ].join('\n'),
    );
    await run(join(bin, 'pg_ctl'), ['start', '-D', data, '-l', log, '-w', '-t', '30'], 'start', log);
  } catch (error) {
    await stopCluster(cluster);
    throw error;
  }

  let databases = 0;
  const config = (database: string): pg.ClientConfig => ({ host: dir, user: SUPERUSER, database });
  const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const version = readFileSync(join(data, 'PG_VERSION'), 'utf8').trim();
  return {
    socketDir: dir,
    pid,
    version,
    async createDatabase() {
      databases += 1;
      const name = `test_${databases}`;
      const admin = new pg.Client(config('postgres'));
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return {
        name,
        url: `postgresql://${SUPERUSER}@/${name}?host=${encodeURIComponent(dir)}`,
        config: config(name),
      };
    },
    stop: () => stopCluster(cluster),
  };
}

async function stopCluster(cluster: { bin: string; data: string; dir: string }): Promise<void> {
  if (!running.delete(cluster)) return;
  try {
    if (existsSync(join(cluster.data, 'postmaster.pid')))
      await run(
        join(cluster.bin, 'pg_ctl'),
        ['stop', '-D', cluster.data, '-m', 'fast', '-w', '-t', '30'],
        'stop',
      );
  } finally {
    rmSync(cluster.dir, { recursive: true, force: true });
  }
}
