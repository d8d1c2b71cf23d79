/**
 * The example staff portal: a referring partner's own site for its staff, which `npm start` runs
 * beside the hub (http://localhost:8788, STAFF_PORT to change). Its server holds the partner's
 * secret key (HUBKIT_PARTNER_KEY: never sent to a browser) and gives the member of staff signed
 * in a short-lived staff token for the hub (POST /hub-token); the page follows the partner's
 * referrals with <hub-referral-tracker>. A real portal signs its staff in: this one has one
 * fictional member of staff, `staff-demo-1`.
 *
 * It hosts the elements' CDN build itself (/cdn/), as a partner may, pinned by its integrity hash.
 * Started by scripts/start.mjs with an IPC channel: it tells its URL, then is told the hub's.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { Hubkit } from '@hubkit/sdk';
import { councillorDebtAndFood } from '@hubkit/schema/fixtures';

const root = join(import.meta.dirname, '..', '..');
const here = import.meta.dirname;
const cdn = join(root, 'packages', 'elements', 'dist', 'cdn');
const partnerKey = process.env.HUBKIT_PARTNER_KEY ?? '';
if (!partnerKey.startsWith('sk_'))
  throw new Error('HUBKIT_PARTNER_KEY: the partner’s secret key (sk_…) is needed');

/** The one member of staff of this example (a real portal has the one signed in). */
const STAFF_REF = 'staff-demo-1';
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

let hubUrl = '';
let hub: Hubkit | undefined;
let origin = '';

function page(): string {
  const sri = JSON.parse(readFileSync(join(cdn, 'sri.json'), 'utf8')) as Record<string, string>;
  const loader = Object.keys(sri).find((name) => name.endsWith('.loader.js')) ?? '';
  return readFileSync(join(here, 'index.html'), 'utf8')
    .replaceAll('{{hub}}', hubUrl)
    .replaceAll('{{loader}}', `/cdn/${loader}`)
    .replaceAll('{{integrity}}', sri[loader] ?? '');
}

function send(
  response: ServerResponse,
  status: number,
  body: string | Buffer,
  type: string,
  extra = {},
): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...extra,
  });
  response.end(body);
}

/** A POST from this site's own pages only (a browser sends Origin with every POST). */
const fromOwnPage = (request: IncomingMessage) => request.headers.origin === origin;

async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? '/', origin).pathname;
  if (request.method === 'POST' && (path === '/hub-token' || path === '/example-referral')) {
    if (!fromOwnPage(request) || !hub) {
      send(response, 403, JSON.stringify({ error: 'not from this site' }), 'application/json');
      return;
    }
    if (path === '/hub-token') {
      // The signed-in member of staff, for this site only, for 15 minutes.
      const session = await hub.sessions.create({ staffRef: STAFF_REF, origin, expiresIn: 900 });
      send(
        response,
        200,
        JSON.stringify({ token: session.token, expiresAt: session.expiresAt }),
        'application/json',
      );
      return;
    }
    // What the partner's own case system does: a referral made with its key (fictional data).
    const referral = await hub.referrals.create(structuredClone(councillorDebtAndFood));
    send(response, 201, JSON.stringify({ reference: referral.reference }), 'application/json');
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    send(response, 405, 'Method not allowed', 'text/plain; charset=utf-8', { Allow: 'GET, HEAD' });
    return;
  }
  if (path === '/') {
    send(response, 200, page(), types['.html'] ?? '', {
      'Content-Security-Policy': `default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' ${hubUrl}; img-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'`,
      'X-Frame-Options': 'DENY',
    });
    return;
  }
  // The page's script; the partner's site stylesheet; the elements' CDN build.
  const [dir, rest] = path.startsWith('/cdn/')
    ? [cdn, path.slice(5)]
    : path === '/site.css'
      ? [join(root, 'examples', 'vcs-site'), 'site.css']
      : [here, path.slice(1)];
  const file = normalize(join(dir, rest));
  const allowed = dir === cdn ? file.startsWith(cdn + sep) : rest === 'portal.js' || rest === 'site.css';
  try {
    if (!allowed) throw new Error('not served');
    send(response, 200, readFileSync(file), types[extname(file)] ?? 'application/octet-stream');
  } catch {
    send(response, 404, 'Not found', 'text/plain; charset=utf-8');
  }
}

const server = createServer((request, response) => {
  answer(request, response).catch((error: unknown) => {
    // The hub refused or was unreachable: said without the request's data.
    process.stderr.write(`staff portal: ${(error as Error).name}: ${(error as Error).message}\n`);
    if (!response.headersSent)
      send(response, 502, JSON.stringify({ error: 'the hub did not answer' }), 'application/json');
  });
});
const port = Number(process.env.STAFF_PORT ?? 8788);
server.once('error', (error: NodeJS.ErrnoException) => {
  // Said in one line (the port taken, most likely); npm start goes on without the portal.
  process.stderr.write(
    `The example staff portal could not listen on port ${String(port)} (${error.code ?? error.message}): set STAFF_PORT to another port.\n`,
  );
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  origin = `http://localhost:${String(bound)}`;
  process.send?.({ portal: origin });
});
process.on('message', (message: { hub?: string }) => {
  if (!message.hub) return;
  hubUrl = message.hub;
  hub = new Hubkit({ apiKey: partnerKey, baseUrl: hubUrl, logLevel: 'off' });
  process.stderr.write(`Example staff portal at ${origin}  (its server holds the demo partner key)\n`);
});
process.on('disconnect', () => {
  server.close();
  process.exit(0);
});
