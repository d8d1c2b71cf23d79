/** `GET /`: a short page about this hub, linking to the API reference. */
import type { Hono } from 'hono';
import type { HubEnv } from './app.ts';

const page = (version: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>hubkit reference hub</title>
<style>
  body { font: 1.125rem/1.5 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #0b0c0c; }
  a { color: #1d70b8; } a:focus { outline: 3px solid #fd0; background: #fd0; color: #0b0c0c; }
  code { font-size: 1rem; }
</style>
</head>
<body>
<main>
<h1>hubkit reference hub</h1>
<p>This is a community referral hub's API: referrals, consent, single assessments and a directory of local services, in one shared language.</p>
<ul>
  <li><a href="/v1/openapi.json">API reference (OpenAPI 3.1)</a></li>
  <li><a href="/oruk/">The service directory as Open Referral UK</a></li>
  <li><a href="/healthz">Health</a></li>
</ul>
<p>Version <code>${version}</code>. All demo data is fictional.</p>
</main>
</body>
</html>`;

export function homePage(app: Hono<HubEnv>, version: string): void {
  app.get('/', (c) =>
    c.html(page(version), 200, {
      'Content-Security-Policy':
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    }),
  );
}
