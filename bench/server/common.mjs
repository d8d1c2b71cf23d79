// What the server benchmarks share (bench/server and bench/durable-writes): the bench keys, a
// referral create request, a server started in a child process on a fresh database file, one
// autocannon run with latencies to the microsecond, a process's CPU time, and the report table.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { referralJourneys } from '@hubkit/schema/fixtures';

export const KEYS = {
  publishable: 'pk_bench_PublishableKeyForBenchmarks01',
  secret: 'sk_bench_SecretKeyForBenchmarksOnly0000000001',
};

/** The environment that starts bench/server/hub.mjs on `db` with the bench keys. */
export const hubEnv = (db, extra = {}) => ({
  HUBKIT_DB: db,
  HUBKIT_PUBLISHABLE_KEY: KEYS.publishable,
  HUBKIT_SECRET_KEY: KEYS.secret,
  ...extra,
});

const journeys = Object.values(referralJourneys).map((r) => JSON.stringify(r));
let sent = 0;
/** POST /v1/referrals: a different journey each time and a new Idempotency-Key, so every request is a new referral. */
export const createRequest = {
  method: 'POST',
  path: '/v1/referrals',
  headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${KEYS.secret}` },
  body: journeys[0],
  setupRequest: (request) => {
    sent += 1;
    return {
      ...request,
      body: journeys[sent % journeys.length],
      headers: { ...request.headers, 'Idempotency-Key': randomUUID() },
    };
  },
};

/**
 * Starts a server script in a child process; resolves its URL, its pid and a stop. `env` is its
 * environment: a function, given a fresh database file in the OS temp directory (removed at
 * stop), or an object naming the caller's own database.
 */
export async function start(script, env) {
  const dir = typeof env === 'function' ? mkdtempSync(join(os.tmpdir(), 'hubkit-bench-')) : null;
  const child = fork(script, [], {
    execArgv: ['--conditions=source'],
    env: { ...process.env, ...(dir ? env(join(dir, 'bench.db')) : env) },
    // The server's request log goes nowhere: written, as in production, but not read.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const url = await new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message.url));
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it started`)));
  });
  const stop = async () => {
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  return { url, pid: child.pid, stop };
}

/** User + system CPU time of a process so far, every thread of it, in ms (Linux /proc; NaN elsewhere). */
export function cpuMs(pid) {
  try {
    // /proc/<pid>/stat counts the whole process: the main thread, workers and libuv's threads.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of the line; 12 and 13 after the command name.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

/** Bytes a process has had written to the disk so far, every thread of it (Linux /proc; NaN elsewhere). */
export function diskBytes(pid) {
  try {
    return Number(/^write_bytes: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1]);
  } catch {
    return NaN;
  }
}

/**
 * One autocannon run. Latencies are kept here too, to the microsecond: autocannon's own histogram
 * holds whole milliseconds. A run with no answer at all has latencies of +Infinity (slower than
 * the run is long).
 */
export async function load(url, request, connections, duration) {
  const latencies = [];
  const instance = autocannon({ url, connections, duration, requests: [request] });
  instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const at = (q) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.POSITIVE_INFINITY;
  return {
    result,
    rps: result['2xx'] / result.duration,
    ok: result['2xx'],
    failed: result.errors + result.timeouts + result.non2xx,
    p50: at(0.5),
    p99: at(0.99),
    latencies,
  };
}

/** The machine, for the head of a report. */
export function machine() {
  const cpus = os.cpus();
  return `${new Date().toISOString()}  Node ${process.version}  ${os.platform()} ${os.arch()}  ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'})`;
}

/** Prints a table: the first column left-aligned, the others right-aligned. */
export function printTable(header, rows) {
  const table = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const line = (row) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}
