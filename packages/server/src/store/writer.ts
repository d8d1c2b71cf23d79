/**
 * Group commit: the writes of concurrent requests share one transaction and one fsync.
 *
 * Writes are queued and run in batches: one `BEGIN IMMEDIATE … COMMIT` per batch, each write in
 * its own SAVEPOINT, so a write that throws rolls back only its own work and rejects only its own
 * promise. Every promise of a batch is settled after its COMMIT, so a write acknowledged is on
 * disk (`synchronous = FULL`). Writes run one after another in the order they were asked for, so
 * a check inside a write (a referral's expected version, an idempotency claim) sees every write
 * before it, committed or in the same batch.
 *
 * Two writers (docs/decisions/0015-group-commit.md):
 * - `WorkerWriter`, for a database file: a worker thread with its own connection runs the
 *   batches, so the fsync never blocks the main thread (reads and /healthz go on meanwhile, on
 *   the main thread's connection, under WAL). A batch is what arrived while the last one ran.
 * - `TurnWriter`, on the store's own connection: a batch is the writes asked for in one turn of
 *   the event loop. For `:memory:` (a second connection would be another database), and as the
 *   other design measured by bench/durable-writes.
 */
import { DatabaseSync } from 'node:sqlite';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Db } from './db.ts';
import { IdempotencyClaimLost, ReferenceTaken } from '@hubkit/hub';
import { type WriteArgs, type WriteName, type WriteResult, writes } from './writes.ts';

export interface Writer {
  run<N extends WriteName>(name: N, args: WriteArgs<N>): Promise<WriteResult<N>>;
  /** Runs what is queued, then stops. */
  close(): Promise<void>;
}

interface WriteRequest {
  id: number;
  name: WriteName;
  args: unknown[];
}

/** What a failed write threw, as plain data (it crosses a thread). */
interface WriteFailure {
  name: string;
  message: string;
  code?: unknown;
  errcode?: unknown;
  errstr?: unknown;
}

type WriteAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WriteFailure };

function failure(error: unknown): WriteFailure {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { code, errcode, errstr } = error as Error & Record<string, unknown>;
  return { name: error.name, message: error.message, code, errcode, errstr };
}

/** The error a write threw, as its caller can tell it (IdempotencyClaimLost, ReferenceTaken, or SQLite's). */
function rethrown(error: WriteFailure): Error {
  if (error.name === IdempotencyClaimLost.name) return new IdempotencyClaimLost();
  if (error.name === ReferenceTaken.name) return new ReferenceTaken();
  const { name, message, ...details } = error;
  return Object.assign(new Error(message), details, name === 'Error' ? {} : { name });
}

/**
 * Pages the write-ahead log may hold before a commit copies them into the database itself
 * (SQLite's default is 1,000, about 4 MB). The checkpointer thread (below) copies them long
 * before that, so this is only the backstop: if the checkpointer falls behind, the commit that
 * finds the log this long checkpoints it, as SQLite does by default.
 */
const WAL_PAGES_BEFORE_CHECKPOINT = 10_000;

/**
 * How often the checkpointer thread copies the committed log into the database file. A
 * checkpoint is SQLite's own: PASSIVE, it copies what no reader still needs and waits for no one,
 * and when nothing was written since the last one it only reads the log's header.
 */
const CHECKPOINT_EVERY_MS = 100;

/**
 * Opens a connection to the database at `path`, the store's and its writer's alike: write-ahead
 * log, every commit synced (`synchronous = FULL`), foreign keys; temporary files (the
 * journal that lets a savepoint roll back its own write) are kept in memory: on disk, they were
 * some 33 page writes per create, four in five of the writer's write calls (issue 14's
 * bench/durable-writes, measured from /proc/<pid>/io); they hold nothing a crash needs.
 */
export function openConnection(path: string): Db {
  const db = new Db(new DatabaseSync(path));
  db.raw.exec(`
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = FULL;
    PRAGMA foreign_keys = ON;
    PRAGMA busy_timeout = 5000;
    PRAGMA wal_autocheckpoint = ${String(WAL_PAGES_BEFORE_CHECKPOINT)};
    PRAGMA temp_store = MEMORY;
  `);
  return db;
}

/**
 * Whether a write's answer may be given before its commit: only an Idempotency-Key claim that
 * acknowledges nothing (`started`: go ahead; `in_flight`: refused). The request's own write comes
 * after it in the same order, so it can never be on disk without its claim; if the claim is lost
 * with its batch, that write finds no claim and is rolled back (IdempotencyClaimLost). A `done`
 * answer replays a stored response, so it waits for the commit like every other answer.
 */
function answersEarly(name: WriteName, value: unknown): boolean {
  return name === 'beginIdempotent' && (value as { state: string }).state !== 'done';
}

/**
 * Runs `batch` in one transaction, each write in a savepoint, and returns the answers once it is
 * committed; `early` is given, before the commit, the answers that may go first (answersEarly).
 */
export function runBatch(
  db: Db,
  batch: readonly WriteRequest[],
  early: (answers: WriteAnswer[]) => void,
): WriteAnswer[] {
  const answers: WriteAnswer[] = [];
  const first: WriteAnswer[] = [];
  db.statement('BEGIN IMMEDIATE').run();
  try {
    for (const { id, name, args } of batch) {
      db.statement('SAVEPOINT write').run();
      try {
        const write = writes[name] as (db: Db, ...rest: unknown[]) => unknown;
        const value = write(db, ...args);
        db.statement('RELEASE write').run();
        (answersEarly(name, value) ? first : answers).push({ id, ok: true, value });
      } catch (error) {
        db.statement('ROLLBACK TO write').run();
        db.statement('RELEASE write').run();
        answers.push({ id, ok: false, error: failure(error) });
      }
    }
    if (first.length > 0) early(first);
    db.statement('COMMIT').run();
  } catch (error) {
    // The batch could not commit (a full disk, an I/O error): nothing of it is kept.
    if (db.raw.isTransaction) db.raw.exec('ROLLBACK');
    const answered = new Set(first.map(({ id }) => id));
    return batch
      .filter(({ id }) => !answered.has(id))
      .map(({ id }) => ({ id, ok: false, error: failure(error) }));
  }
  return answers;
}

/** Settles the promises of the writes asked for, by id. */
class Pending {
  readonly #waiting = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  #next = 0;

  add(resolve: (value: unknown) => void, reject: (error: Error) => void): number {
    this.#next += 1;
    this.#waiting.set(this.#next, { resolve, reject });
    return this.#next;
  }

  get size(): number {
    return this.#waiting.size;
  }

  settle(answers: readonly WriteAnswer[]): void {
    for (const answer of answers) {
      const waiting = this.#waiting.get(answer.id);
      this.#waiting.delete(answer.id);
      if (answer.ok) waiting?.resolve(answer.value);
      else waiting?.reject(rethrown(answer.error));
    }
  }

  failAll(error: Error): void {
    for (const { reject } of this.#waiting.values()) reject(error);
    this.#waiting.clear();
  }
}

/** Batches the writes of one event-loop turn on the store's own connection. */
export class TurnWriter implements Writer {
  readonly #db: Db;
  readonly #pending = new Pending();
  readonly #later: (flush: () => void) => void;
  #queue: WriteRequest[] = [];

  /**
   * `turn` groups the writes of one event-loop turn (setImmediate); `now` those of the current
   * task only (a microtask), so that nothing waits for I/O in between: for `:memory:`, where
   * there is no fsync to share, the store answers as soon as it did when it wrote in the call.
   */
  constructor(db: Db, group: 'turn' | 'now' = 'turn') {
    this.#db = db;
    this.#later =
      group === 'turn'
        ? (flush) => {
            setImmediate(flush);
          }
        : (flush) => {
            queueMicrotask(flush);
          };
  }

  async run<N extends WriteName>(name: N, args: WriteArgs<N>): Promise<WriteResult<N>> {
    return new Promise<WriteResult<N>>((resolve, reject) => {
      const id = this.#pending.add(resolve as (value: unknown) => void, reject);
      this.#queue.push({ id, name, args });
      if (this.#queue.length === 1)
        this.#later(() => {
          this.#flush();
        });
    });
  }

  #flush(): void {
    const batch = this.#queue;
    this.#queue = [];
    if (batch.length > 0)
      this.#pending.settle(
        runBatch(this.#db, batch, (first) => {
          this.#pending.settle(first);
        }),
      );
  }

  async close(): Promise<void> {
    this.#flush();
    return Promise.resolve();
  }
}

/**
 * The process's export conditions for the writer thread (`--conditions=source` from a checkout,
 * so it loads the same modules), and no other flag: many (an inline script's, the test runner's)
 * are refused by a worker.
 */
function workerFlags(): string[] {
  const flags: string[] = [];
  const args = process.execArgv;
  for (let i = 0; i < args.length; i += 1) {
    const flag = args[i] ?? '';
    if (flag.startsWith('--conditions=')) flags.push(flag);
    else if ((flag === '--conditions' || flag === '-C') && args[i + 1] !== undefined)
      flags.push(`--conditions=${args[i + 1] ?? ''}`);
  }
  return flags;
}

/** The markers in `workerData` that make this module a writer or a checkpointer thread. */
const WRITER = 'hubkitSqliteWriter';
const CHECKPOINTER = 'hubkitSqliteCheckpointer';

/** A thread of this module, `role` on the database file at `path`. */
function thread(role: typeof WRITER | typeof CHECKPOINTER, path: string): Worker {
  // This very module, as the worker's entry (in src/ from source, in dist/ when built).
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { [role]: path },
    execArgv: workerFlags(),
  });
  worker.unref();
  return worker;
}

/** Resolves when `worker` has stopped. */
function exited(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    worker.once('exit', () => {
      resolve();
    });
  });
}

/** Runs the batches on a worker thread with its own connection to the database file at `path`. */
export class WorkerWriter implements Writer {
  readonly #worker: Worker;
  readonly #pending = new Pending();
  readonly #exited: Promise<void>;
  #failed: Error | null = null;
  #outbox: WriteRequest[] = [];

  readonly #path: string;
  /** The checkpointer thread, started with the first write. */
  #checkpointer: Worker | null = null;

  constructor(path: string) {
    this.#path = path;
    this.#worker = thread(WRITER, path);
    this.#worker.on('message', (answers: WriteAnswer[]) => {
      this.#pending.settle(answers);
      // The thread keeps the process alive only while it owes an answer.
      if (this.#pending.size === 0) this.#worker.unref();
    });
    const fail = (error: Error): void => {
      this.#failed ??= error;
      this.#pending.failAll(error);
    };
    this.#worker.on('error', fail);
    this.#worker.once('exit', () => {
      fail(new Error('The SQLite writer thread stopped'));
    });
    this.#exited = exited(this.#worker);
  }

  async run<N extends WriteName>(name: N, args: WriteArgs<N>): Promise<WriteResult<N>> {
    if (this.#failed) return Promise.reject(this.#failed);
    return new Promise<WriteResult<N>>((resolve, reject) => {
      const id = this.#pending.add(resolve as (value: unknown) => void, reject);
      if (this.#pending.size === 1) this.#worker.ref();
      this.#outbox.push({ id, name, args });
      // The writes asked for in one event-loop turn cross to the thread in one message.
      if (this.#outbox.length === 1) setImmediate(this.#send);
      this.#checkpointer ??= this.#startCheckpointer();
    });
  }

  readonly #send = (): void => {
    const writes = this.#outbox;
    this.#outbox = [];
    this.#worker.postMessage(writes);
  };

  async close(): Promise<void> {
    // The thread answers what it was sent before the close, then closes its connection.
    if (this.#outbox.length > 0) this.#send();
    this.#worker.ref();
    this.#worker.postMessage('close');
    await this.#exited;
    if (this.#checkpointer) {
      const checkpointer = exited(this.#checkpointer);
      this.#checkpointer.ref();
      this.#checkpointer.postMessage('close');
      await checkpointer;
    }
  }

  /**
   * The thread that copies the committed log into the database file, so that no commit waits
   * for it: a commit that checkpoints (SQLite's default) also writes and syncs the database file
   * before it returns, and every write queued behind it waits. SQLite's documentation suggests
   * this for such servers: automatic checkpoints off (here, pushed back to a backstop) and
   * checkpoints run "in a separate thread". Measured with bench/durable-writes: such commits were
   * the batches' slowest one in a hundred (30–50 ms against 2–5 ms).
   */
  #startCheckpointer(): Worker {
    const checkpointer = thread(CHECKPOINTER, this.#path);
    // A checkpointer that fails loses nothing: the writer's commits checkpoint at the backstop.
    checkpointer.on('error', () => undefined);
    return checkpointer;
  }
}

/** The checkpointer thread: a PASSIVE checkpoint every CHECKPOINT_EVERY_MS, until told to close. */
function checkpoint(path: string): void {
  const port = parentPort;
  if (!port) return;
  const db = openConnection(path);
  const timer = setInterval(() => {
    db.raw.exec('PRAGMA wal_checkpoint(PASSIVE)');
  }, CHECKPOINT_EVERY_MS);
  port.on('message', () => {
    clearInterval(timer);
    db.raw.close();
    port.close();
  });
}

/** The writer thread: batches what arrives while the last batch ran, one commit each. */
function serve(path: string): void {
  const port = parentPort;
  if (!port) return;
  const db = openConnection(path);
  let queue: WriteRequest[] = [];
  let closing = false;
  const flush = (): void => {
    if (!db.raw.isOpen) return;
    const batch = queue;
    queue = [];
    if (batch.length > 0)
      port.postMessage(
        runBatch(db, batch, (first) => {
          port.postMessage(first);
        }),
      );
    if (closing) {
      db.raw.close();
      port.close();
    }
  };
  port.on('message', (message: WriteRequest[] | 'close') => {
    const first = queue.length === 0;
    if (message === 'close') closing = true;
    else queue.push(...message);
    // The messages that came in while a batch committed arrive together: one flush for them all.
    if ((first && queue.length > 0) || closing) setImmediate(flush);
  });
}

const role = isMainThread ? null : (workerData as Record<string, string | undefined> | null);
if (role?.[WRITER] !== undefined) serve(role[WRITER]);
if (role?.[CHECKPOINTER] !== undefined) checkpoint(role[CHECKPOINTER]);
