// The hub under load, in its own process so that it does not share an event loop with the
// load generator: a SQLite file (write-ahead log, synchronous=FULL, as in production), the
// demo directory, known keys and rate limits out of the way. Started by index.mjs with
// `node --conditions=source`; tells its parent the URL over IPC and stops when told to.
// HUBKIT_WRITER=turn commits the writes of one event-loop turn together on the main thread
// instead of on the store's writer thread (the two designs of docs/decisions/0015).
import { uniformRateLimits } from '../../packages/server/src/http/rate-limit.ts';
import { startHub } from '../../packages/server/src/server.ts';
import { SqliteStore } from '../../packages/server/src/store/sqlite.ts';

const writer = process.env.HUBKIT_WRITER;
const hub = await startHub({
  port: 0,
  db: process.env.HUBKIT_DB,
  ...(writer === 'turn' || writer === 'worker'
    ? { store: new SqliteStore(process.env.HUBKIT_DB ?? 'hubkit.db', { writer }) }
    : {}),
  demo: true,
  publishableKey: process.env.HUBKIT_PUBLISHABLE_KEY,
  secretKey: process.env.HUBKIT_SECRET_KEY,
  rateLimits: uniformRateLimits({ perSecond: 1e9, burst: 1e9 }),
});

process.send?.({ url: hub.url });
process.on('message', (message) => {
  if (message === 'stop') {
    void hub.close().then(() => process.exit(0));
  }
});
process.on('disconnect', () => {
  void hub.close().then(() => process.exit(0));
});
