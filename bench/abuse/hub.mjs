// A hub for the abuse bench, in its own process so that the load generator's CPU is its own:
// the demo directory and keys, the hub's default rate limits unless given, proof of work as
// asked. Options come as JSON in argv[2]; tells its parent the URL over IPC.
import { silentLogger } from '../../packages/server/src/http/app.ts';
import { startHub } from '../../packages/server/src/server.ts';

const options = JSON.parse(process.argv[2] ?? '{}');
const hub = await startHub({
  port: 0,
  db: ':memory:',
  demo: true,
  logger: silentLogger,
  publishableKey: options.publishableKey,
  secretKey: options.secretKey,
  allowedOrigins: ['https://vcs.example.org'],
  ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
  ...(options.proofOfWork ? { proofOfWork: options.proofOfWork } : {}),
});
process.send?.({ url: hub.url, port: hub.port });
const stop = () => void hub.close().then(() => process.exit(0));
process.on('message', (message) => {
  if (message === 'stop') stop();
});
process.on('disconnect', stop);
