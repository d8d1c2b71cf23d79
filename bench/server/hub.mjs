// The hub under load, in its own process so that it does not share an event loop with the
// load generator: a SQLite file (write-ahead log, synchronous=FULL, as in production), the
// demo directory, known keys and rate limits out of the way. Started by index.mjs with
// `node --conditions=source`; tells its parent the URL over IPC and stops when told to.
import { uniformRateLimits } from '../../packages/server/src/http/rate-limit.ts';
import { startHub } from '../../packages/server/src/server.ts';

const hub = await startHub({
  port: 0,
  db: process.env.HUBKIT_DB,
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
