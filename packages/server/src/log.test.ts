import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { it } from 'node:test';
import { setImmediate as turn } from 'node:timers/promises';
import { jsonLogger } from './log.ts';

it('writes the lines of one event-loop turn in one write, each a JSON line, in order', async (t) => {
  const write = t.mock.method(process.stdout, 'write', () => true);
  jsonLogger.info({ n: 1 });
  jsonLogger.info({ n: 2 });
  await turn();
  jsonLogger.info({ n: 3 });
  await turn();
  write.mock.restore();
  // (The test runner's own messages to its parent go through stdout too, as buffers.)
  const ours = write.mock.calls.map((call) => call.arguments[0]).filter((out) => typeof out === 'string');
  assert.deepEqual(ours, ['{"n":1}\n{"n":2}\n', '{"n":3}\n']);
});

it('writes what is still waiting when the process exits', () => {
  const child = spawnSync(
    process.execPath,
    [
      '--conditions=source',
      '--input-type=module',
      '-e',
      `const { jsonLogger } = await import(${JSON.stringify(new URL('./log.ts', import.meta.url).href)});
       jsonLogger.info({ last: true });
       process.exit(0);`,
    ],
    { encoding: 'utf8' },
  );
  assert.equal(child.stdout, '{"last":true}\n', child.stderr);
});
