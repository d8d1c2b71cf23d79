// The child side of startHubProcess: starts a hub and tells the parent its URL.
import type { HubProcessOptions } from './process.ts';
import { silentLogger } from './log.ts';
import { uniformRateLimits } from './http/rate-limit.ts';
import { startHub } from './server.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as HubProcessOptions;
const rate = options.rateLimit ?? 1e9;
const hub = await startHub({
  port: 0,
  db: options.db ?? ':memory:',
  demo: options.demo ?? true,
  logger: silentLogger,
  rateLimits: uniformRateLimits({ perSecond: rate, burst: rate }),
  webhooks: { allowPrivateNetworks: options.allowPrivateWebhooks ?? true },
  ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
  ...(options.publishableKey ? { publishableKey: options.publishableKey } : {}),
  ...(options.secretKey ? { secretKey: options.secretKey } : {}),
  ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
});
process.send?.({ url: hub.url });
const stop = () => {
  void hub.close().then(() => process.exit(0));
};
process.on('message', (message) => {
  if (message === 'stop') stop();
});
process.on('disconnect', stop);
