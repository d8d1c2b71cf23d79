/**
 * `npm run example:node-referrals`, as a user runs it: on its own (the reference hub in memory)
 * and against a hub given by HUBKIT_URL and HUBKIT_SECRET_KEY. It must make a referral, see it
 * move, verify the hub's webhooks, refuse a tampered one, and print no personal data.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startHubProcess } from '@hubkit/server';

const root = join(import.meta.dirname, '..', '..');

async function run(env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  const {
    HUBKIT_URL: _u,
    HUBKIT_SECRET_KEY: _k,
    HUBKIT_PARTNER_KEY: _p,
    WEBHOOK_URL: _w,
    ...rest
  } = process.env;
  const child = spawn('npm', ['run', '--silent', 'example:node-referrals'], {
    cwd: root,
    env: { ...rest, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, out, err };
}

function checkOutput(out: string): void {
  const reference = /Referral (HUB-[0-9A-Z]{4}-[0-9A-Z]{2}) created: submitted/.exec(out)?.[1];
  assert.ok(reference, `prints the new referral's reference:\n${out}`);
  for (const line of [
    `webhook referral.created verified: ${reference} created (submitted)`,
    `webhook referral.status_changed verified: ${reference} submitted → triage (by hub)`,
    `webhook referral.status_changed verified: ${reference} triage → accepted (by hub)`,
    `Referral ${reference} is now: accepted`,
    'Tampered webhook rejected by webhooks.verify: no_matching_signature',
    'Tampered webhook sent to the endpoint: HTTP 400',
  ]) {
    assert.ok(out.includes(line), `prints "${line}":\n${out}`);
  }
  // The history, oldest first, as the partner's key reads it.
  const history = out.slice(out.indexOf('History of'));
  assert.match(history, /created \(submitted\)[\s\S]*submitted → triage[\s\S]*triage → accepted/);
  // References and statuses only: nothing of the person, the referrer or their contact details.
  // (The phone number itself, not a prefix like '07': ids, ports and references may contain those.)
  for (const personal of [
    'Tomasz',
    'Nowak',
    'NW10',
    'Harlesden',
    '2079460321',
    '+44',
    'Jordan',
    'example.com',
  ])
    assert.ok(!out.includes(personal), `prints no personal data (${personal})`);
}

describe('npm run example:node-referrals', { timeout: 120_000 }, () => {
  it('runs on its own, with the reference hub in memory', async () => {
    const { code, out, err } = await run({});
    assert.equal(code, 0, `exits 0:\n${out}\n${err}`);
    assert.match(out, /Hub: the reference hub in memory at http:\/\/127\.0\.0\.1:\d+/);
    checkOutput(out);
  });

  it('talks to the hub named by HUBKIT_URL and HUBKIT_SECRET_KEY', async () => {
    const secret = 'sk_test_NodeReferralsExampleSecret0001';
    const hub = await startHubProcess({ secretKey: secret });
    try {
      const { code, out, err } = await run({ HUBKIT_URL: hub.url, HUBKIT_SECRET_KEY: secret });
      assert.equal(code, 0, `exits 0:\n${out}\n${err}`);
      assert.ok(out.includes(`Hub: ${hub.url}`), out);
      checkOutput(out);
    } finally {
      await hub.close();
    }
  });

  it('fails, saying why, when the key is wrong', async () => {
    const hub = await startHubProcess({ secretKey: 'sk_test_NodeReferralsExampleSecret0002' });
    try {
      const { code, out, err } = await run({
        HUBKIT_URL: hub.url,
        HUBKIT_SECRET_KEY: 'sk_test_NotAKeyThisHubKnows00000000',
      });
      assert.notEqual(code, 0, `a run that cannot authenticate fails:\n${out}`);
      assert.ok(!out.includes('Done.'), out);
      assert.match(err, /AuthenticationError|401/);
    } finally {
      await hub.close();
    }
  });
});
