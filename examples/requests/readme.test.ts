/**
 * The README's "Try it" lines, run as written against the hub `npm start` starts: every file they
 * send exists, every request body here is valid by the schema, and every request gets the answer
 * its comment promises (200 where none is said). The lines are read from the README itself, so
 * they cannot drift from what is tested.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ReferralCreate, validate } from '@hubkit/schema';
import { root, startSite, type RunningSite } from '../testing/start-site.ts';

const KEYS = {
  publishable: 'pk_demo_ReadmeTryItTest000000001',
  secret: 'sk_demo_ReadmeTryItTestSecret0000001',
};

/** Each request body, and the schema it must meet. */
const bodies: Record<string, Parameters<typeof validate>[0]> = { 'referral.json': ReferralCreate };

/** The sh block after "Try it" in the README. */
function tryItBlock(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = /^Try it[^\n]*(?:\n[^\n]+)*\n\n```sh\n([\s\S]*?)```/m.exec(readme)?.[1];
  assert.ok(block, 'the README has a "Try it" sh block');
  return block;
}

interface Command {
  words: string[];
  comment: string;
}

/**
 * Splits the block into commands and words as sh does for what it uses: line continuations,
 * '…' and "…" quoting, $NAME in double quotes and bare words, and # comments.
 */
function parse(block: string, vars: Record<string, string>): Command[] {
  const commands: Command[] = [];
  for (const line of block.replace(/\\\n/g, ' ').split('\n')) {
    const words: string[] = [];
    let word: string | undefined;
    let comment = '';
    const expand = (text: string) => text.replace(/\$(\w+)/g, (_, name: string) => vars[name] ?? '');
    for (let i = 0; i < line.length; i += 1) {
      const c = line.charAt(i);
      if (c === "'" || c === '"') {
        const end = line.indexOf(c, i + 1);
        assert.ok(end > i, `an unclosed quote in: ${line}`);
        const quoted = line.slice(i + 1, end);
        word = (word ?? '') + (c === '"' ? expand(quoted) : quoted);
        i = end;
      } else if (c === ' ' || c === '\t') {
        if (word !== undefined) words.push(word);
        word = undefined;
      } else if (c === '#' && word === undefined) {
        comment = line.slice(i + 1).trim();
        break;
      } else {
        const bare = /^[^\s'"]+/.exec(line.slice(i))?.[0] ?? c;
        word = (word ?? '') + expand(bare);
        i += bare.length - 1;
      }
    }
    if (word !== undefined) words.push(word);
    if (words.length > 0) commands.push({ words, comment });
  }
  return commands;
}

let site: RunningSite;

before(async () => {
  site = await startSite(KEYS);
});
after(async () => {
  await site.stop();
});

describe('the README’s "Try it"', () => {
  it('names only files that exist, and each request body here is valid by the schema', () => {
    const named = [...tryItBlock().matchAll(/-d @(\S+)/g)].map((m) => m[1] ?? '');
    assert.ok(named.length > 0, 'it sends at least one file');
    for (const file of named) assert.ok(existsSync(join(root, file)), `${file} exists`);
    const dir = join(root, 'examples', 'requests');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const schema = bodies[file];
      assert.ok(schema, `examples/requests/${file} has a schema to meet in this test`);
      const checked = validate(schema, JSON.parse(readFileSync(join(dir, file), 'utf8')));
      assert.deepEqual(checked.success ? [] : checked.errors, [], `examples/requests/${file}`);
    }
  });

  it('runs as written against the hub npm start runs, each request answered as its comment says', async () => {
    const commands = parse(tryItBlock(), { PK: KEYS.publishable, SK: KEYS.secret });
    // First the keys, as the reader sets them from what npm start printed.
    const [keys, ...requests] = commands;
    assert.deepEqual(
      keys?.words.map((w) => w.split('=')[0]),
      ['PK', 'SK'],
      'the block starts by setting PK and SK',
    );
    assert.ok(requests.length >= 4);
    const { host } = new URL(site.url);
    let created: { reference: string } | undefined;
    for (const { words, comment } of requests) {
      const [tool, ...args] = words;
      assert.equal(tool, 'curl', words.join(' '));
      let method = 'GET';
      const headers = new Headers();
      let body: string | undefined;
      let url: string | undefined;
      for (let i = 0; i < args.length; i += 1) {
        const arg = args[i] ?? '';
        const value = args[i + 1] ?? '';
        if (arg === '-X') method = value;
        else if (arg === '-H')
          headers.append(value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1).trim());
        else if (arg === '-d')
          body = value.startsWith('@') ? readFileSync(join(root, value.slice(1)), 'utf8') : value;
        else {
          assert.ok(!arg.startsWith('-'), `an option this test does not know: ${arg}`);
          url = `http://${arg.replace(/^localhost:8787/, host)}`;
          continue;
        }
        i += 1;
      }
      assert.ok(url, `a URL in: ${words.join(' ')}`);
      const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
      const promised = Number(/^(\d{3})\b/.exec(comment)?.[1] ?? 200);
      const text = await response.text();
      assert.equal(response.status, promised, `${method} ${url}: ${text.slice(0, 300)}`);
      if (method === 'POST') {
        created = JSON.parse(text) as { reference: string };
        assert.match(created.reference, /^HUB-[0-9A-Z]{4}-[0-9A-Z]{2}$/, 'with its reference');
      }
      if (url.endsWith('/v1/referrals') && method === 'GET') {
        assert.ok(created, 'the list comes after the referral is made');
        assert.ok(text.includes(created.reference), 'the list has the referral just made');
      }
      if (url.endsWith('/oruk/services')) {
        const page = JSON.parse(text) as { contents: unknown[] };
        assert.ok(page.contents.length > 0, 'the demo directory has services');
      }
    }
    assert.ok(created, 'one of the lines makes a referral');
  });
});
