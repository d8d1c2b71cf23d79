import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { councillorDebtAndFood } from '@hubkit/schema/fixtures';

// The real command, as installed: bin/hubkit-server.js runs the built dist/cli.js
// (the test command builds first).
const bin = join(import.meta.dirname, '..', 'bin', 'hubkit-server.js');
const dir = mkdtempSync(join(tmpdir(), 'hubkit-cli-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, HUBKIT_DB: join(dir, 'keys.db') },
  });
}

describe('hubkit-server keys', () => {
  it('is built (run npm run build first)', () => {
    assert.ok(
      existsSync(join(import.meta.dirname, '..', 'dist', 'cli.js')),
      'packages/server/dist/cli.js is missing: run npm run build',
    );
  });

  it('creates a publishable key for its origins and a secret key, shows each once, and lists them without the key', () => {
    const pk = cli([
      'keys',
      'create',
      '--publishable',
      '--origin',
      'https://vcs.example.org/',
      '--name',
      'VCS site',
    ]);
    assert.equal(pk.status, 0, pk.stderr);
    const publishable = /\n {2}(pk_\w+)\n/.exec(pk.stdout)?.[1];
    assert.ok(publishable, pk.stdout);
    const sk = cli([
      'keys',
      'create',
      '--secret',
      '--role',
      'provider',
      '--service',
      '3e546a1c-cabc-43b7-a3e1-dcce1a0824c2',
      '--name',
      'Advice centre system',
    ]);
    const secret = /\n {2}(sk_\w+)\n/.exec(sk.stdout)?.[1];
    assert.ok(secret, sk.stdout);
    const list = cli(['keys', 'list']);
    assert.equal(list.status, 0);
    assert.match(
      list.stdout,
      /publishable .* referrer .*active .*VCS site .*\[https:\/\/vcs\.example\.org\]/,
    );
    assert.match(list.stdout, /secret .* provider .*active .*Advice centre system/);
    assert.ok(
      !list.stdout.includes(publishable) && !list.stdout.includes(secret),
      'a listed key is never shown whole',
    );
  });

  it('registers the origins of a referring partner’s or a hub’s staff tokens, and no provider’s', () => {
    const made = cli([
      'keys',
      'create',
      '--secret',
      '--role',
      'referrer',
      '--origin',
      'https://portal.partner.example/',
      '--name',
      'Partner portal',
    ]);
    assert.equal(made.status, 0, made.stderr);
    assert.match(made.stdout, /role referrer, origins https:\/\/portal\.partner\.example\)/);
    assert.match(
      cli(['keys', 'list']).stdout,
      /secret .* referrer .*active .*Partner portal .*\[https:\/\/portal\.partner\.example\]/,
    );
    const hub = cli([
      'keys',
      'create',
      '--secret',
      '--role',
      'hub',
      '--origin',
      'https://intranet.example.gov.uk',
      '--name',
      'Dashboard',
    ]);
    assert.equal(hub.status, 0, hub.stderr);
    assert.match(hub.stdout, /role hub, origins https:\/\/intranet\.example\.gov\.uk\)/);
    assert.match(
      cli(['keys', 'list']).stdout,
      /secret .* hub .*active .*Dashboard .*\[https:\/\/intranet\.example\.gov\.uk\]/,
    );
    const provider = cli([
      'keys',
      'create',
      '--secret',
      '--role',
      'provider',
      '--service',
      'x',
      '--origin',
      'https://x.example',
      '--name',
      'Provider',
    ]);
    assert.equal(provider.status, 2);
    assert.match(provider.stderr, /a provider key takes no --origin/);
  });

  it('revokes a key by id', () => {
    const made = cli(['keys', 'create', '--secret', '--name', 'Old system']);
    const id = /key (key_\w+)/.exec(made.stdout)?.[1];
    assert.ok(id);
    assert.equal(cli(['keys', 'revoke', id]).status, 0);
    assert.match(cli(['keys', 'list']).stdout, new RegExp(`${id} .*revoked`));
    assert.equal(cli(['keys', 'revoke', id]).status, 2, 'revoking twice is a mistake');
  });

  it('says clearly what is wrong with a command, and exits 2', () => {
    for (const args of [
      ['keys', 'create', '--publishable', '--name', 'No origin'],
      ['keys', 'create', '--secret'],
      ['keys', 'create', '--secret', '--role', 'admin', '--name', 'x'],
      ['keys', 'create', '--secret', '--role', 'provider', '--name', 'No service'],
      ['keys', 'rotate'],
      ['--port', 'eighty'],
      ['--static', join(dir, 'no-such-directory')],
      ['--trust-proxy', 'proxy.example'],
      ['--rate-limit-client', 'lots'],
      ['--rate-limit-secret', '0/10'],
      ['keys', 'create', '--secret', '--name', 'Too fast', '--rate', 'fast'],
      ['--proof-of-work-difficulty', '0'],
    ]) {
      const result = cli(args);
      assert.equal(result.status, 2, args.join(' '));
      assert.match(result.stderr, /^hubkit-server: /);
    }
  });
});

describe('the demo keys’ rule is written where an operator looks', () => {
  const rule = /at least 16 more visible characters/;

  it('in hubkit-server --help, beside HUBKIT_PUBLISHABLE_KEY and HUBKIT_SECRET_KEY', () => {
    const help = cli(['--help']);
    assert.equal(help.status, 0);
    const at = help.stdout.indexOf('HUBKIT_PUBLISHABLE_KEY / HUBKIT_SECRET_KEY');
    assert.ok(at > 0, help.stdout);
    assert.match(
      help.stdout.slice(at, at + 300),
      /pk_ or\s+sk_ followed by at least 16 more visible characters/,
    );
  });

  it('in the README, where it says how to set them', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8');
    const at = readme.indexOf('Set `HUBKIT_PUBLISHABLE_KEY` and `HUBKIT_SECRET_KEY`');
    assert.ok(at > 0);
    assert.match(
      readme
        .slice(at, at + 400)
        .replace(/\*\*/g, '')
        .replace(/\s+/g, ' '),
      rule,
    );
  });
});

/** Runs `hubkit-server --demo` with `env`, gives `use` its URL, then stops it. */
async function withDemoHub(
  env: NodeJS.ProcessEnv,
  use: (url: string, err: string) => Promise<void>,
  args: string[] = [],
): Promise<void> {
  const child = spawn(process.execPath, [bin, '--demo', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let err = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`no start within 15 s: ${err}`));
      }, 15_000);
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`hubkit-server exited (${String(code)}) before it started: ${err}`));
      });
      child.stderr.on('data', (chunk: Buffer) => {
        err += chunk.toString();
        const found = /hubkit hub running at http:\/\/localhost:(\d+)/.exec(err);
        if (found?.[1] && err.includes('secret')) {
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${found[1]}`);
        }
      });
    });
    await use(url, err);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

describe('hubkit-server --demo', () => {
  it('starts, prints the URL and demo keys, answers /healthz, and takes a referral the secret key can read back', async () => {
    const env = {
      ...process.env,
      PORT: '0',
      HUBKIT_DB: join(dir, 'demo.db'),
      HUBKIT_PUBLISHABLE_KEY: 'pk_demo_KnownPublishableKey0001',
      HUBKIT_SECRET_KEY: 'sk_demo_KnownSecretKey000000000001',
    };
    await withDemoHub(env, async (url, err) => {
      assert.match(err, /publishable {2}pk_demo_KnownPublishableKey0001/);
      const health = await fetch(`${url}/healthz`);
      assert.equal(health.status, 200);
      const created = await fetch(`${url}/v1/referrals`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${env.HUBKIT_PUBLISHABLE_KEY}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(councillorDebtAndFood),
      });
      assert.equal(created.status, 201);
      const { id } = (await created.json()) as { id: string };
      const read = await fetch(`${url}/v1/referrals/${id}`, {
        headers: { Authorization: `Bearer ${env.HUBKIT_SECRET_KEY}` },
      });
      assert.equal(read.status, 200);
      assert.equal(
        ((await read.json()) as { resident: { name: { family: string } } }).resident.name.family,
        'Bell',
      );
      const services = await fetch(`${url}/v1/services?limit=100`, {
        headers: { Authorization: `Bearer ${env.HUBKIT_SECRET_KEY}` },
      });
      assert.ok(
        ((await services.json()) as { data: unknown[] }).data.length >= 24,
        'the demo directory is seeded',
      );
    });
  });

  it('counts secret keys by --rate-limit-secret (or HUBKIT_RATE_LIMIT_SECRET), and a key made with --rate by its own', async () => {
    const db = join(dir, 'rates.db');
    const made = spawnSync(
      process.execPath,
      [bin, 'keys', 'create', '--secret', '--name', 'Nightly sync', '--rate', '0.01/5', '--db', db],
      { encoding: 'utf8' },
    );
    assert.equal(made.status, 0, made.stderr);
    assert.match(made.stdout, /rate 0\.01\/5/);
    const own = /\n {2}(sk_\w+)\n/.exec(made.stdout)?.[1] ?? '';
    assert.match(
      spawnSync(process.execPath, [bin, 'keys', 'list', '--db', db], { encoding: 'utf8' }).stdout,
      /Nightly sync {2}rate 0\.01\/5/,
    );
    const statuses = async (url: string, key: string) => {
      const seen: number[] = [];
      for (let i = 0; i < 6; i += 1) {
        const answer = await fetch(`${url}/v1/services`, { headers: { Authorization: `Bearer ${key}` } });
        await answer.body?.cancel();
        seen.push(answer.status);
      }
      return seen;
    };
    const secretKey = 'sk_demo_KnownSecretKey000000000001';
    const env = { ...process.env, PORT: '0', HUBKIT_DB: db, HUBKIT_SECRET_KEY: secretKey };
    await withDemoHub({ ...env, HUBKIT_RATE_LIMIT_SECRET: '0.01/3' }, async (url) => {
      assert.deepEqual(await statuses(url, secretKey), [200, 200, 200, 429, 429, 429]);
      assert.deepEqual(await statuses(url, own), [200, 200, 200, 200, 200, 429]);
    });
    // The option wins over the environment.
    await withDemoHub(
      { ...env, HUBKIT_RATE_LIMIT_SECRET: '0.01/3' },
      async (url) => {
        assert.deepEqual(await statuses(url, secretKey), [200, 200, 429, 429, 429, 429]);
      },
      ['--rate-limit-secret', '0.01/2'],
    );
  });

  it('changes a key’s own rate with keys set-rate, and a running hub counts by it from its next request', async () => {
    const db = join(dir, 'set-rate.db');
    const keysCli = (...args: string[]) =>
      spawnSync(process.execPath, [bin, 'keys', ...args, '--db', db], { encoding: 'utf8' });
    const made = keysCli('create', '--secret', '--name', 'Batch import', '--rate', '0.01/2');
    assert.equal(made.status, 0, made.stderr);
    const key = /\n {2}(sk_\w+)\n/.exec(made.stdout)?.[1] ?? '';
    const id = /key (key_\w+) /.exec(made.stdout)?.[1] ?? '';
    const status = async (url: string) => {
      const answer = await fetch(`${url}/v1/services`, { headers: { Authorization: `Bearer ${key}` } });
      await answer.body?.cancel();
      return answer.status;
    };
    const env = { ...process.env, PORT: '0', HUBKIT_DB: db };
    await withDemoHub(env, async (url) => {
      assert.deepEqual([await status(url), await status(url), await status(url)], [200, 200, 429]);
      const raised = keysCli('set-rate', id, '1000/1000');
      assert.equal(raised.status, 0, raised.stderr);
      assert.match(raised.stdout, new RegExp(`Key ${id} now counts by its own rate 1000/1000`));
      // The bucket fills at the new rate: a few milliseconds hold a token again.
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(await status(url), 200, 'the running hub counts by the new rate');
      assert.match(keysCli('list').stdout, /Batch import {2}rate 1000\/1000/);
      const back = keysCli('set-rate', id, 'default');
      assert.equal(back.status, 0, back.stderr);
      assert.match(back.stdout, /the hub's rate/);
      assert.doesNotMatch(keysCli('list').stdout, /Batch import {2}rate/);
    });
  });
});

describe('operator errors', () => {
  /** One line on stderr that says what is wrong, no stack trace, exit 2. */
  function assertOneLine(result: { status: number | null; stderr: string }, reason: RegExp, what: string) {
    assert.equal(result.status, 2, `${what}: ${result.stderr}`);
    assert.match(result.stderr, /^hubkit-server: [^\n]+\n$/, `${what}: one line, got ${result.stderr}`);
    assert.match(result.stderr, reason, what);
    assert.doesNotMatch(result.stderr, /\n\s+at |Error:/, `${what}: no stack trace`);
  }
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [bin, ...args], {
      encoding: 'utf8',
      env: { ...process.env, HUBKIT_DB: join(dir, 'operator.db'), PORT: '0', ...env },
      timeout: 20_000,
    });

  it('says in one line what is wrong with a backup, a key command or the database, and exits 2', () => {
    assert.equal(run(['keys', 'create', '--secret', '--name', 'Ops']).status, 0);
    writeFileSync(join(dir, 'not-a-database.db'), 'hello');
    const cases: [string[], RegExp][] = [
      [['backup', join(dir, 'no-such-folder', 'copy.db')], /no-such-folder.*folder does not exist/],
      [['keys', 'revoke', 'key_00000000000000000000'], /no active key key_00000000000000000000/],
      [['keys', 'set-rate', 'key_00000000000000000000', '5/10'], /no active key key_00000000000000000000/],
      [['keys', 'set-rate', 'key_00000000000000000000', 'fast'], /fast: give requests a second and a burst/],
      [['keys', 'set-rate', 'key_00000000000000000000'], /say which key id and its new rate/],
      [
        ['keys', 'create', '--publishable', '--origin', 'not an origin', '--name', 'x'],
        /not an origin.*web origin|web origin.*not an origin/i,
      ],
      [['keys', 'list', '--db', join(dir, 'no-such-folder', 'hub.db')], /cannot open the database .*folder/],
      [['keys', 'list', '--db', join(dir, 'not-a-database.db')], /not a database/],
      [['--port', '99999'], /--port 99999 is not a port number/],
      [['--port', ''], /--port {2}is not a port number/],
      [['--db', join(dir, 'no-such-folder', 'hub.db')], /cannot open the database .*folder/],
      [['--no-such-option'], /no-such-option/],
    ];
    for (const [args, reason] of cases) assertOneLine(run(args), reason, args.join(' '));
    assert.ok(!existsSync(join(dir, 'no-such-folder')));
  });

  it('says in one line that a demo key is too short or an origin is not one, without the key', () => {
    for (const [name, value, why] of [
      ['HUBKIT_PUBLISHABLE_KEY', 'pk_short', /this one has fewer than 16 after pk_$/],
      // 15 characters after the prefix: one short.
      ['HUBKIT_SECRET_KEY', 'sk_tooShort12345', /this one has fewer than 16 after sk_$/],
      ['HUBKIT_SECRET_KEY', 'pk_demo_NotASecretKeyAtAll0001', /this one does not start sk_$/],
      ['HUBKIT_PUBLISHABLE_KEY', 'pk_demo has a space 0001', /this one has a space/],
    ] as const) {
      const result = run(['--demo'], { [name]: value });
      const [, prefix, kind] =
        name === 'HUBKIT_SECRET_KEY' ? ['', 'sk_', 'secret'] : ['', 'pk_', 'publishable'];
      assertOneLine(
        result,
        new RegExp(
          `^hubkit-server: ${name}: a ${kind} key is ${prefix} followed by at least 16 more visible characters`,
        ),
        name,
      );
      assert.match(result.stderr.trim(), why, value.length.toString());
      assert.ok(!result.stderr.includes(value), 'the key is not repeated');
      assert.ok(!result.stderr.includes(value.slice(3)), 'nor any of it after the prefix');
    }
    assertOneLine(
      run([], { HUBKIT_ALLOWED_ORIGINS: 'https://ok.example.org, ftp://files' }),
      /HUBKIT_ALLOWED_ORIGINS: ftp:\/\/files is not a web origin/,
      'origins',
    );
  });

  it('says in one line that the port is in use', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      const result = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [bin, '--port', String(port), '--host', '127.0.0.1'], {
          env: { ...process.env, HUBKIT_DB: join(dir, 'operator.db') },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.once('exit', (status) => {
          resolve({ status, stderr });
        });
      });
      assertOneLine(result, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`), 'port in use');
    } finally {
      taken.close();
    }
  });
});
