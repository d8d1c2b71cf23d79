/**
 * `hubkit-server`: run a hub, or manage its API keys.
 *
 *   hubkit-server [--port 8787] [--host 127.0.0.1] [--db hubkit.db] [--demo] [--static [/path/=]dir …]
    --db         a SQLite file (made and migrated at start), or postgres://user:password@host/db,
                 a PostgreSQL database brought up to date by hubkit-server migrate, which several
                 hub processes may share
    --db-pool    PostgreSQL: connections this process keeps open (default 10)
 *   hubkit-server keys create --publishable --origin https://vcs.example.org --name "Our website"
 *   hubkit-server keys create --secret [--role hub] --name "Case management system"
 *   hubkit-server keys create --secret --role hub --origin https://intranet.hub.org --name "Dashboard"
 *   hubkit-server keys create --secret --role provider --service <id> --name "Advice centre"
 *   hubkit-server keys create --secret --name "Nightly sync" --rate 500/1000
 *   hubkit-server keys list
 *   hubkit-server keys set-rate <key id> 500/1000
 *   hubkit-server keys revoke <key id>
 *   hubkit-server backup <file> [--db hubkit.db]
 *   hubkit-server postcodes import <ONSPD.csv> | directory import <url|file> (import-cli.ts)
 *   hubkit-server migrate [--db <file | postgres://…>] (migrate-cli.ts)
 */
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Store } from '@hubkit/hub';
import { backupDatabase, BackupError } from './backup.ts';
import { KeyError, keyValueProblem, makeKey, normaliseOrigin } from './domain/keys.ts';
import { parseTrustProxy } from './http/client-address.ts';
import { DEFAULT_RATE_LIMITS, parseRateLimit, type RateLimit } from './http/rate-limit.ts';
import { IMPORT_HELP, importCommand, isImportCommand } from './import-cli.ts';
import { ImportError } from './imports.ts';
import { copyCommand, MIGRATE_HELP, MigrateError, migrateCommand, openDatabase } from './migrate-cli.ts';
import { startHub } from './server.ts';
import { isPostgresUrl, withoutPassword } from './store/postgres/db.ts';

const HELP = `hubkit-server: the reference hub API on an embedded SQLite file

Run a hub:
  hubkit-server [--port 8787] [--host 127.0.0.1] [--db hubkit.db] [--demo] [--static [/path/=]dir …]
    --db         a SQLite file (made and migrated at start), or postgres://user:password@host/db,
                 a PostgreSQL database brought up to date by hubkit-server migrate, which several
                 hub processes may share
    --db-pool    PostgreSQL: connections this process keeps open (default 10)
    --demo       seed the fictional demo directory and print demo keys
    --static     serve the files of a directory at / (or at /path/) next to the API, HTML
                 with a strict Content-Security-Policy and {{publishableKey}}, {{origin}} (the
                 hub's configured origin) and {{integrity /file}} filled in; repeat for more
    --trust-proxy <hops | addresses>
                 believe X-Forwarded-For from the proxy in front of the hub, for the client
                 address rate limits count by: a number of proxy hops (1 for one proxy), or
                 the proxies' addresses and CIDR ranges, comma-separated; off by default
    --rate-limit-key <n/burst>         each publishable key, all its visitors (default 50/200)
    --rate-limit-client <n/burst>      each publishable key from each client address (default 2/30)
    --rate-limit-secret <n/burst>      each secret key, and each of its client addresses
                                       (default 50/100)
    --rate-limit-failed-auth <n/burst> requests without a valid key, per address (default 1/20)
                 (n requests a second sustained, bursts of up to burst; IPv6 counted by /64;
                 a key made with --rate has its own limit instead of the --rate-limit-key or
                 --rate-limit-secret one)
    --proof-of-work
                 ask each publishable-key referral, consent and withdrawal for a solved
                 proof-of-work challenge (GET /v1/challenges), for a hub under attack
    --proof-of-work-difficulty <n>
                 the largest counter a challenge hides (default 100000: about 0.3 s
                 in a browser, about as much CPU for every referral a flood sends)
  Environment: PORT, HUBKIT_HOST, HUBKIT_DB, HUBKIT_DB_POOL,
    HUBKIT_PUBLIC_URL (the hub's public address, like https://hub.example.org: {{origin}} in
      pages, the OpenAPI server, and a host name it answers to),
    HUBKIT_ALLOWED_HOSTS (comma-separated more host:port names to answer to, such as a port
      Docker maps); requests for any other Host get 421, which protects a hub on this machine
      from DNS rebinding. It always answers to the address it listens on and, on loopback, to
      localhost, 127.0.0.1 and [::1] with the port,
    HUBKIT_TRUST_PROXY, HUBKIT_RATE_LIMIT_KEY, HUBKIT_RATE_LIMIT_CLIENT,
    HUBKIT_RATE_LIMIT_SECRET, HUBKIT_RATE_LIMIT_FAILED_AUTH, HUBKIT_PROOF_OF_WORK=1, HUBKIT_PROOF_OF_WORK_DIFFICULTY,
    HUBKIT_PROOF_OF_WORK_SECRET (the challenges' signing secret, shared by several processes),
    HUBKIT_PUBLISHABLE_KEY / HUBKIT_SECRET_KEY (demo keys to use instead of new ones: pk_ or
      sk_ followed by at least 16 more visible characters, like pk_demo_ThisSiteKey0001; a
      shorter one stops the hub, saying which),
    HUBKIT_ALLOWED_ORIGINS (comma-separated origins for the demo publishable key),
    HUBKIT_PARTNER_KEY / HUBKIT_STAFF_ORIGINS (with --demo: a referring partner's secret key
      and the comma-separated origins of its staff pages, which may get staff tokens),
    HUBKIT_ALLOW_PRIVATE_WEBHOOKS=1 (deliver webhooks to private addresses; on with --demo),
    HUBKIT_REQUEST_TIMEOUT_MS (longest a request may take, default 30000; a retry after it runs)

Manage keys (a key is shown once; only its hash is kept):
  hubkit-server keys create --publishable --origin <https://your.site> [--origin …] --name <name>
  hubkit-server keys create --secret [--role hub] [--origin <https://intranet.hub.org> …] --name <name>
    (the hub's own system: it sees everything; with --origin, it mints report tokens,
    POST /v1/sessions, for dashboards on those origins, which read only the reports)
  hubkit-server keys create --secret --role provider --service <service id> [--service …] --name <name>
    (a provider key sees and works on only the referrals assigned to its services)
  hubkit-server keys create --secret --role referrer [--origin <https://portal.partner.org> …] --name <name>
    (a partner's own system that refers: it sees and follows only the referrals it made; with
    --origin, it mints staff tokens, POST /v1/sessions, for its pages on those origins)
  hubkit-server keys list
  hubkit-server keys set-rate <key id> <n/burst | default>
  hubkit-server keys revoke <key id>
  Add --rate <n/burst> to create a key with its own rate limit (like 500/1000), in place of
  the hub's --rate-limit-key or --rate-limit-secret; set-rate changes it (default: the hub's
  again), and a running hub counts by the new limit from its next request. Add --db <file> to
  work on another database.

Back up the database while the hub runs (a checked copy, never over an existing file):
  hubkit-server backup <new file> [--db <file>]
`;

/** Something the operator can put right: said in one line on stderr, no stack, exit 2. */
class OperatorError extends Error {
  override readonly name = 'OperatorError';
}

function fail(message: string): never {
  throw new OperatorError(message);
}

/** The operator's words for a file system error while doing `what`, or null for anything else. */
function fileProblem(error: unknown, what: string): string | null {
  const { code } = error as NodeJS.ErrnoException;
  if (code === 'ENOENT' || code === 'ENOTDIR') return `${what}: its folder does not exist`;
  if (code === 'EACCES' || code === 'EPERM') return `${what}: permission denied`;
  if (code === 'EISDIR') return `${what}: that is a folder, not a file`;
  if (code === 'EROFS') return `${what}: the file system is read-only`;
  if (code === 'ENOSPC') return `${what}: the disk is full`;
  // node:sqlite: SQLite's own words (file is not a database, unable to open database file …).
  if (code === 'ERR_SQLITE_ERROR')
    return `${what}: ${(error as { errstr?: string }).errstr ?? 'SQLite error'}`;
  return null;
}

/** The hub's database, or one clear line saying why it cannot be opened. */
async function openStore(db: string, options: { poolSize?: number | undefined } = {}): Promise<Store> {
  try {
    return await openDatabase(db, options);
  } catch (error) {
    fail(
      fileProblem(error, `cannot open the database ${db}`) ??
        (error instanceof MigrateError ? error.message : String(error)),
    );
  }
}

/** A rate limit as the options take it: `50/100`. */
const rateText = (limit: RateLimit) => `${limit.perSecond}/${limit.burst}`;

async function keys(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      db: { type: 'string', default: process.env.HUBKIT_DB ?? 'hubkit.db' },
      publishable: { type: 'boolean', default: false },
      secret: { type: 'boolean', default: false },
      origin: { type: 'string', multiple: true, default: [] },
      role: { type: 'string', default: 'hub' },
      service: { type: 'string', multiple: true, default: [] },
      name: { type: 'string' },
      rate: { type: 'string' },
    },
  });
  const [command, target] = positionals;
  const store = await openStore(values.db);
  const now = new Date().toISOString();
  try {
    if (command === 'create') {
      if (values.publishable === values.secret) fail('say --publishable or --secret');
      if (!values.name) fail('give the key a --name, so you know later what it is for');
      if (values.publishable && values.origin.length === 0)
        fail('a publishable key needs at least one --origin it may be used from');
      if (values.role !== 'hub' && values.role !== 'provider' && values.role !== 'referrer') {
        fail('--role is hub, provider or referrer');
      }
      if (values.secret && values.role === 'provider' && values.origin.length > 0) {
        fail(
          'a provider key takes no --origin: only publishable keys, and referrer and hub keys for staff tokens',
        );
      }
      if (values.secret && values.role === 'provider' && values.service.length === 0) {
        fail('a provider key needs at least one --service <service id> whose referrals it may see');
      }
      const rateLimit = values.rate === undefined ? null : parseRateLimit(values.rate);
      if (values.rate !== undefined && !rateLimit)
        fail(`--rate ${values.rate}: give requests a second and a burst, like 500/1000`);
      const { key, record } = makeKey({
        kind: values.publishable ? 'publishable' : 'secret',
        name: values.name,
        role: values.role,
        allowedOrigins: values.origin,
        serviceIds: values.service,
        rateLimit,
        now,
      });
      await store.insertKey(record);
      process.stdout.write(
        `Created ${record.kind} key ${record.id} (${record.name}${record.kind === 'secret' ? `, role ${record.role}` : ''}${record.allowedOrigins.length ? `, origins ${record.allowedOrigins.join(' ')}` : ''}${rateLimit ? `, rate ${rateText(rateLimit)}` : ''}).\n` +
          `This is the only time it is shown. Keep it ${record.kind === 'secret' ? 'secret, on your servers only' : 'in your website'}:\n\n  ${key}\n\n`,
      );
    } else if (command === 'list') {
      for (const k of await store.listKeys()) {
        process.stdout.write(
          `${k.id}  ${k.kind.padEnd(11)} ${k.prefix}…  ${k.role.padEnd(8)} ${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'}  ${k.name}${k.allowedOrigins.length ? `  [${k.allowedOrigins.join(' ')}]` : ''}${k.serviceIds.length ? `  services: ${k.serviceIds.join(' ')}` : ''}${k.rateLimit ? `  rate ${rateText(k.rateLimit)}` : ''}\n`,
        );
      }
    } else if (command === 'set-rate') {
      const [, , limit] = positionals;
      if (!target || !limit || positionals.length > 3)
        fail('say which key id and its new rate, like: keys set-rate <key id> 500/1000 (or default)');
      const rateLimit = limit === 'default' ? null : parseRateLimit(limit);
      if (limit !== 'default' && !rateLimit)
        fail(`${limit}: give requests a second and a burst, like 500/1000, or default for the hub's`);
      if (!(await store.setKeyRateLimit(target, rateLimit))) fail(`no active key ${target}`);
      process.stdout.write(
        `Key ${target} now counts by ${rateLimit ? `its own rate ${rateText(rateLimit)}` : "the hub's rate"}; a running hub uses it from its next request.\n`,
      );
    } else if (command === 'revoke') {
      if (!target) fail('say which key id to revoke (see keys list)');
      if (!(await store.revokeKey(target, now))) fail(`no active key ${target}`);
      process.stdout.write(`Revoked ${target}: requests with it now get 401.\n`);
    } else {
      fail(`unknown keys command ${command ?? '(none)'}`);
    }
  } finally {
    await store.close();
  }
}

async function backupCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { db: { type: 'string', default: process.env.HUBKIT_DB ?? 'hubkit.db' } },
  });
  const [destination] = positionals;
  if (isPostgresUrl(values.db))
    fail(
      "backup copies a SQLite file: back up PostgreSQL with pg_dump or your service's point-in-time recovery (see the run-a-hub guide)",
    );
  if (!destination || positionals.length > 1) fail('say the one new file to back up to');
  try {
    const { pages, schemaVersion } = await backupDatabase(values.db, destination);
    process.stdout.write(
      `Backed up ${values.db} to ${destination} (${pages} pages, schema version ${schemaVersion}); integrity check ok.\n`,
    );
  } catch (error) {
    if (error instanceof BackupError) fail(error.message);
    const problem = fileProblem(error, `cannot back up ${values.db} to ${destination}`);
    if (problem) fail(problem);
    throw error;
  }
}

async function serveHub(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: process.env.PORT ?? '8787' },
      host: { type: 'string', default: process.env.HUBKIT_HOST ?? '127.0.0.1' },
      db: { type: 'string', default: process.env.HUBKIT_DB ?? 'hubkit.db' },
      'db-pool': { type: 'string', default: process.env.HUBKIT_DB_POOL ?? '' },
      demo: { type: 'boolean', default: false },
      static: { type: 'string', multiple: true, default: [] },
      'trust-proxy': { type: 'string', default: process.env.HUBKIT_TRUST_PROXY ?? '' },
      'rate-limit-key': { type: 'string', default: process.env.HUBKIT_RATE_LIMIT_KEY ?? '' },
      'rate-limit-client': { type: 'string', default: process.env.HUBKIT_RATE_LIMIT_CLIENT ?? '' },
      'rate-limit-secret': { type: 'string', default: process.env.HUBKIT_RATE_LIMIT_SECRET ?? '' },
      'rate-limit-failed-auth': { type: 'string', default: process.env.HUBKIT_RATE_LIMIT_FAILED_AUTH ?? '' },
      'proof-of-work': { type: 'boolean', default: process.env.HUBKIT_PROOF_OF_WORK === '1' },
      'proof-of-work-difficulty': {
        type: 'string',
        default: process.env.HUBKIT_PROOF_OF_WORK_DIFFICULTY ?? '',
      },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  // Digits only: Number('') is 0 (any free port) and Number('1e3') is 1000.
  const port = /^\d{1,5}$/.test(values.port) ? Number(values.port) : NaN;
  if (!(port >= 0 && port <= 65535)) fail(`--port ${values.port} is not a port number (0 to 65535)`);
  const mounts = values.static.map((spec) => {
    const found = /^(\/[^=]*)=(.+)$/.exec(spec);
    const mount = found?.[1] && found[2] ? { path: found[1], dir: found[2] } : { path: '/', dir: spec };
    if (!existsSync(mount.dir) || !statSync(mount.dir).isDirectory())
      fail(`--static ${spec}: ${mount.dir} is not a directory`);
    return mount;
  });
  const timeout = process.env.HUBKIT_REQUEST_TIMEOUT_MS;
  const requestTimeoutMs = timeout === undefined || timeout === '' ? undefined : Number(timeout);
  if (requestTimeoutMs !== undefined && !(Number.isInteger(requestTimeoutMs) && requestTimeoutMs >= 1000))
    fail(
      `HUBKIT_REQUEST_TIMEOUT_MS=${String(timeout)} is not a whole number of milliseconds of 1000 or more`,
    );
  let trustProxy;
  try {
    trustProxy = parseTrustProxy(values['trust-proxy']);
  } catch (error) {
    fail(`--trust-proxy: ${(error as Error).message.replace(/^trust proxy: /, '')}`);
  }
  const limit = (option: string, text: string, fallback: RateLimit): RateLimit => {
    if (!text) return fallback;
    return parseRateLimit(text) ?? fail(`--${option} ${text}: give requests a second and a burst, like 2/30`);
  };
  const secret = {
    perKey: limit('rate-limit-secret', values['rate-limit-secret'], DEFAULT_RATE_LIMITS.perKey.secret),
    perClient: limit('rate-limit-secret', values['rate-limit-secret'], DEFAULT_RATE_LIMITS.perClient.secret),
  };
  const rateLimits = {
    perKey: {
      secret: secret.perKey,
      publishable: limit('rate-limit-key', values['rate-limit-key'], DEFAULT_RATE_LIMITS.perKey.publishable),
    },
    perClient: {
      secret: secret.perClient,
      publishable: limit(
        'rate-limit-client',
        values['rate-limit-client'],
        DEFAULT_RATE_LIMITS.perClient.publishable,
      ),
    },
    failedAuth: limit(
      'rate-limit-failed-auth',
      values['rate-limit-failed-auth'],
      DEFAULT_RATE_LIMITS.failedAuth,
    ),
  };
  const difficultyText = values['proof-of-work-difficulty'];
  const difficulty = difficultyText ? Number(difficultyText) : undefined;
  if (
    difficulty !== undefined &&
    !(Number.isInteger(difficulty) && difficulty >= 1 && difficulty <= 0xffffffff)
  ) {
    fail(`--proof-of-work-difficulty ${difficultyText} is not a whole number from 1 to 4294967295`);
  }
  const originsOf = (name: string): string[] | undefined => {
    const list = process.env[name]
      ?.split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    for (const origin of list ?? []) {
      if (!normaliseOrigin(origin))
        fail(`${name}: ${origin} is not a web origin, like https://vcs.example.org`);
    }
    return list;
  };
  const origins = originsOf('HUBKIT_ALLOWED_ORIGINS');
  const staffOrigins = originsOf('HUBKIT_STAFF_ORIGINS');
  const publicUrl = process.env.HUBKIT_PUBLIC_URL;
  if (publicUrl !== undefined && publicUrl !== '') {
    let ok = false;
    try {
      const url = new URL(publicUrl);
      ok = (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
    } catch {
      // Not a URL: said below.
    }
    if (!ok) fail(`HUBKIT_PUBLIC_URL: ${publicUrl} is not a web address, like https://hub.example.org`);
  }
  const extraHosts = (process.env.HUBKIT_ALLOWED_HOSTS ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  for (const h of extraHosts) {
    if (!/^([a-z0-9.-]+|\[[0-9a-f:.]+\])(:\d{1,5})?$/i.test(h))
      fail(`HUBKIT_ALLOWED_HOSTS: ${h} is not a host name with its port, like localhost:9000`);
  }
  if (values.demo) {
    for (const [name, kind] of [
      ['HUBKIT_PUBLISHABLE_KEY', 'publishable'],
      ['HUBKIT_SECRET_KEY', 'secret'],
      ['HUBKIT_PARTNER_KEY', 'secret'],
    ] as const) {
      const value = process.env[name];
      const problem = value ? keyValueProblem(kind, value) : null;
      if (problem) fail(`${name}: ${problem}`);
    }
  }
  const pool = values['db-pool'] === '' ? undefined : Number(values['db-pool']);
  if (pool !== undefined && !(/^\d{1,4}$/.test(values['db-pool']) && pool >= 1))
    fail(`--db-pool ${values['db-pool']} is not a number of connections (1 or more)`);
  if (pool !== undefined && !isPostgresUrl(values.db))
    fail('--db-pool is for PostgreSQL: a SQLite hub has one file');
  const store = await openStore(values.db, { poolSize: pool });
  const running = await startHub({
    port,
    host: values.host,
    store,
    demo: values.demo,
    ...(process.env.HUBKIT_PUBLISHABLE_KEY ? { publishableKey: process.env.HUBKIT_PUBLISHABLE_KEY } : {}),
    ...(process.env.HUBKIT_SECRET_KEY ? { secretKey: process.env.HUBKIT_SECRET_KEY } : {}),
    ...(process.env.HUBKIT_PARTNER_KEY ? { partnerKey: process.env.HUBKIT_PARTNER_KEY } : {}),
    ...(staffOrigins?.length ? { staffOrigins } : {}),
    ...(publicUrl ? { publicUrl } : {}),
    ...(extraHosts.length ? { allowedHosts: extraHosts } : {}),
    ...(origins?.length ? { allowedOrigins: origins } : {}),
    ...(mounts.length ? { static: mounts } : {}),
    ...(requestTimeoutMs ? { requestTimeoutMs } : {}),
    trustProxy,
    rateLimits,
    proofOfWork: {
      required: values['proof-of-work'],
      ...(difficulty ? { maxNumber: difficulty } : {}),
      ...(process.env.HUBKIT_PROOF_OF_WORK_SECRET ? { secret: process.env.HUBKIT_PROOF_OF_WORK_SECRET } : {}),
    },
    webhooks: { allowPrivateNetworks: values.demo || process.env.HUBKIT_ALLOW_PRIVATE_WEBHOOKS === '1' },
  }).catch(async (error: unknown) => {
    await store.close();
    const { code } = error as NodeJS.ErrnoException;
    const where = `port ${port} on ${values.host}`;
    if (code === 'EADDRINUSE')
      fail(`${where} is already in use: stop what is using it, or choose another --port`);
    if (code === 'EACCES')
      fail(
        `not allowed to listen on ${where}${port < 1024 ? ' (ports below 1024 need privileges; try 8787)' : ''}`,
      );
    if (code === 'EADDRNOTAVAIL') fail(`--host ${values.host} is not an address of this machine`);
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') fail(`--host ${values.host} is not a known host name`);
    throw error;
  });
  // Loopback is easier to read, and to type, as localhost.
  const shown = running.url.replace('://127.0.0.1:', '://localhost:');
  const lines = [
    '',
    `hubkit hub running at ${shown}  (database: ${withoutPassword(values.db)})`,
    `  API reference  ${shown}/v1/openapi.json`,
    `  Health         ${shown}/healthz`,
    ...mounts.map((m) => `  Static files   ${shown}${m.path.replace(/\/*$/, '/')}  (${m.dir})`),
    ...(values['proof-of-work'] ? ['  Proof of work  on for publishable keys’ writes'] : []),
  ];
  if (running.demoKeys) {
    lines.push(
      '',
      'Demo keys (fictional data only):',
      `  publishable  ${running.demoKeys.publishableKey}   (browsers, from ${shown})`,
      `  secret       ${running.demoKeys.secretKey}   (servers only)`,
      ...(running.demoKeys.partnerKey
        ? [
            `  partner      ${running.demoKeys.partnerKey.slice(0, 12)}…   (the example staff portal's server holds it)`,
          ]
        : []),
    );
  }
  process.stderr.write(`${lines.join('\n')}\n\n`);
  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export async function main(argv: string[]): Promise<void> {
  const [first, ...rest] = argv;
  try {
    if (first === 'keys') await keys(rest);
    else if (first === 'backup') await backupCommand(rest);
    else if (first !== undefined && isImportCommand(first)) await importCommand(first, rest);
    else if (first === 'migrate') await migrateCommand(rest);
    else if (first === 'copy') await copyCommand(rest);
    else if (first === '--help' || first === '-h' || first === 'help')
      process.stdout.write(HELP + IMPORT_HELP + MIGRATE_HELP);
    else await serveHub(argv);
  } catch (error) {
    // Mistakes an operator can fix are one line each; anything else is a bug, with its stack.
    const code = (error as { code?: unknown }).code;
    const known =
      error instanceof OperatorError ||
      error instanceof BackupError ||
      error instanceof KeyError ||
      error instanceof ImportError ||
      error instanceof MigrateError
        ? error.message
        : typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')
          ? `${(error as Error).message} (see hubkit-server --help)`
          : null;
    if (known === null) throw error;
    process.stderr.write(`hubkit-server: ${known}\n`);
    process.exit(2);
  }
}
