// The baseline of issue 14: a bare node:sqlite server on the same disk, with the hub's
// durability (a SQLite file, write-ahead log, synchronous = FULL) and nothing else: no
// validation, no keys, no audit. POST /create stores the body and answers 201 once it is on disk.
// BASELINE_MODE=alone commits each request in its own transaction; BASELINE_MODE=batched commits
// the requests that arrived in one event-loop turn together, one transaction and one fsync, and
// answers them after the commit. Started by index.mjs; tells its parent the URL over IPC.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { DatabaseSync } from 'node:sqlite';

const db = new DatabaseSync(process.env.BASELINE_DB);
db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;');
db.exec('CREATE TABLE records (id TEXT PRIMARY KEY, body TEXT NOT NULL, created_at TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO records (id, body, created_at) VALUES (?, ?, ?)');
const batched = process.env.BASELINE_MODE === 'batched';

/** @type {{ body: string, done: (id: string) => void }[]} */
let pending = [];
function commit() {
  const batch = pending;
  pending = [];
  const ids = [];
  db.exec('BEGIN IMMEDIATE');
  for (const { body } of batch) {
    const id = randomUUID();
    insert.run(id, body, new Date().toISOString());
    ids.push(id);
  }
  db.exec('COMMIT');
  batch.forEach(({ done }, i) => done(ids[i]));
}

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/healthz') {
    response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  if (request.method !== 'POST' || request.url !== '/create') {
    response.writeHead(404).end();
    return;
  }
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const done = (id) =>
      response.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id }));
    pending.push({ body: Buffer.concat(chunks).toString('utf8'), done });
    if (!batched) commit();
    else if (pending.length === 1) setImmediate(commit);
  });
});
server.listen(0, '127.0.0.1', () => {
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  process.send?.({ url: `http://127.0.0.1:${port}` });
});
process.on('message', (message) => {
  if (message === 'stop') server.close(() => process.exit(0));
});
process.on('disconnect', () => server.close(() => process.exit(0)));
