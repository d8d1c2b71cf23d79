// Helpers the HTTP benches share (not a bench: run.mjs skips names starting with `_`): a server
// script in its own child process, its CPU time, one autocannon run with exact latencies, and
// the figures as a table.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

/** Starts `script` in a child process with `env`; resolves its URL (sent over IPC), pid and stop. */
export async function startChild(script, env) {
  const child = fork(script, [], {
    execArgv: ['--conditions=source'],
    env: { ...process.env, ...env },
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
  };
  return { url, pid: child.pid, stop };
}

/** User + system CPU time of a process so far, in ms (Linux /proc; NaN elsewhere). */
export function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of the line; 12 and 13 after the command name.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

/**
 * One autocannon run against `server`; latencies kept to the microsecond (autocannon's
 * histogram holds whole ms), and the server's CPU time per answered request.
 */
export async function load(server, request, connections, duration) {
  const latencies = [];
  const before = cpuMs(server.pid);
  const instance = autocannon({ url: server.url, connections, duration, requests: [request] });
  instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  // No answer at all within the run: slower than the run is long.
  const at = (q) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.POSITIVE_INFINITY;
  const ok = result['2xx'];
  return {
    rps: ok / result.duration,
    ok,
    failed: result.errors + result.timeouts + result.non2xx,
    p50: at(0.5),
    p99: at(0.99),
    cpu: (cpuMs(server.pid) - before) / ok,
  };
}

/** Prints rows of cells as a table: the first row the heading, the first column left-aligned. */
export function printTable(table) {
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const line = (row) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(line(table[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table.slice(1)) console.log(line(row));
}
