import {existsSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createProcessPort} from '../../source/integrations/process.js';
import {createLineSplitter} from '../../source/integrations/line-splitter.js';
import {allGone, familyScript, isGone} from './process-gone.js';

const port = createProcessPort({graceMs: 300});

test('passes an argument holding shell syntax to the child verbatim, as one argument', async () => {
  const marker = path.join(os.tmpdir(), `mke-runbook-x-${process.pid}-${Date.now()}`);
  const evil = `$(touch ${marker}); rm -rf ~ && echo "quoted" 'single' \`back\``;
  const lines: string[] = [];
  const result = await port.run(
    process.execPath,
    ['-e', 'console.log(JSON.stringify(process.argv.slice(1)))', evil, 'two'],
    {
      onLines(batch) {
        lines.push(...batch);
      },
    },
  );
  assert.equal(result.exitCode, 0);
  assert.deepEqual(JSON.parse(lines[0] ?? ''), [evil, 'two']);
  assert.equal(existsSync(marker), false);
});

test('reports exit code, signal and the last lines of both streams', async () => {
  const result = await port.run(process.execPath, [
    '-e',
    'console.log("out 1"); console.error("err 1"); setTimeout(() => { console.error("Error: the tool says no"); process.exit(4); }, 20);',
  ]);
  assert.deepEqual(
    {
      exitCode: result.exitCode,
      cancelled: result.cancelled,
      timedOut: result.timedOut,
      tail: [...result.tail].sort(),
    },
    {
      exitCode: 4,
      cancelled: false,
      timedOut: false,
      tail: ['Error: the tool says no', 'err 1', 'out 1'],
    },
  );
});

test('says why a program could not start', async () => {
  const result = await port.run('no-such-program-mke-runbook', []);
  assert.equal(result.exitCode, undefined);
  assert.match(result.spawnError ?? '', /ENOENT/);
});

test('hands env and stdin to the child without putting them in argv', async () => {
  const lines: string[] = [];
  await port.run(
    process.execPath,
    [
      '-e',
      'let s = ""; process.stdin.on("data", (d) => s += d).on("end", () => console.log(process.env.TOKEN + "|" + s + "|" + process.argv.length))',
    ],
    {
      env: {TOKEN: 'from-env'},
      stdin: 'from-stdin',
      onLines(batch) {
        lines.push(...batch);
      },
    },
  );
  assert.deepEqual(lines, ['from-env|from-stdin|1']);
});

test('cancelling ends the child and its grandchildren (the whole group)', async () => {
  const controller = new AbortController();
  let pids: number[] = [];
  const running = port.run(process.execPath, ['-e', familyScript], {
    signal: controller.signal,
    onLines(batch) {
      pids = (batch[0] ?? '').split(' ').map(Number);
      controller.abort();
    },
  });
  const result = await running;
  assert.equal(result.cancelled, true);
  assert.equal(pids.length, 2);
  // The grandchild ignores SIGTERM: it is ended by the SIGKILL that follows the grace period.
  assert.deepEqual(await allGone(pids), [true, true]);
});

test('a daemon left holding stdout does not keep the step waiting once the program exited', async () => {
  const lines: string[] = [];
  const started = Date.now();
  const result = await port.run(
    process.execPath,
    [
      '-e',
      'const d = require("child_process").spawn("sleep", ["30"], {stdio: "inherit", detached: true}); d.unref(); console.log(String(d.pid))',
    ],
    {
      onLines(batch) {
        lines.push(...batch);
      },
    },
  );
  const daemon = Number(lines[0]);
  try {
    assert.equal(result.exitCode, 0);
    assert.ok(Date.now() - started < 10_000, `returned after ${Date.now() - started} ms`);
    assert.equal(isGone(daemon), false);
  } finally {
    process.kill(daemon, 'SIGKILL');
  }
});

test('a timeout ends the child and says so', async () => {
  const result = await port.run(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
    timeoutMs: 200,
  });
  assert.deepEqual(
    {timedOut: result.timedOut, cancelled: result.cancelled},
    {timedOut: true, cancelled: false},
  );
});

test('a slow consumer pauses the child instead of buffering its output', async () => {
  let delivered = 0;
  let maxInFlight = 0;
  let inFlight = 0;
  const result = await port.run(
    process.execPath,
    ['-e', 'for (let i = 0; i < 20000; i++) process.stdout.write("x".repeat(100) + "\\n")'],
    {
      async onLines(batch) {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        delivered += batch.length;
        await sleep(1);
        inFlight--;
      },
    },
  );
  assert.equal(result.exitCode, 0);
  assert.equal(delivered, 20_000);
  assert.ok(maxInFlight <= 2, `at most one batch waits while reading is paused (${maxInFlight})`);
});

test('splits chunks into lines, carrying a partial line across chunks', () => {
  const splitter = createLineSplitter();
  assert.deepEqual(
    [
      splitter.push('a\nb'),
      splitter.push('c\r\nd'),
      splitter.push('\n'),
      splitter.push('tail'),
      splitter.flush(),
    ],
    [['a'], ['bc'], ['d'], [], ['tail']],
  );
});

test('finds programs on PATH', async () => {
  assert.equal(await port.which('no-such-program-mke-runbook'), undefined);
  assert.match((await port.which('sh')) ?? '', /\/sh$/);
});
