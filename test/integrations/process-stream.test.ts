import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {createProcessPort} from '../../source/integrations/process.js';
import {createOffThreadRunner} from '../../source/integrations/process-offthread.js';
import type {OutputSample, OutputStream, ProcessPort} from '../../source/integrations/ports.js';
import {allGone, familyScript} from './process-gone.js';

// `stream` runs: output goes to a log by the port, only samples come back. The same
// behaviour is required on the output worker and on the caller's thread (the fallback).

const dir = mkdtempSync(path.join(os.tmpdir(), 'mke-stream-'));
after(() => {
  rmSync(dir, {recursive: true, force: true});
});
let count = 0;

function streamTo(samples: OutputSample[], secrets: string[] = []): OutputStream {
  return {
    logPath: path.join(dir, `run-${count++}.log`),
    secrets,
    sampleLines: 5,
    onSample(sample) {
      samples.push(sample);
    },
  };
}

const ports: Record<string, ProcessPort> = {
  'on the output worker': createProcessPort({graceMs: 300, offThread: createOffThreadRunner}),
  'on the caller thread': createProcessPort({graceMs: 300}),
};

for (const [where, port] of Object.entries(ports)) {
  describe(where, () => {
    test('every line reaches the log, stdout and stderr; samples and the tail hold the latest lines', async () => {
      const samples: OutputSample[] = [];
      const stream = streamTo(samples);
      const result = await port.run(
        process.execPath,
        [
          '-e',
          'process.stderr.write("warning: first\\n"); setTimeout(() => { let s = ""; for (let i = 0; i < 50000; i++) s += `line ${i}\\n`; process.stdout.write(s); }, 300);',
        ],
        {stream},
      );
      assert.equal(result.exitCode, 0);
      const expected =
        'warning: first\n' + Array.from({length: 50_000}, (_, index) => `line ${index}\n`).join('');
      assert.equal(readFileSync(stream.logPath, 'utf8'), expected);
      const sampled = samples.flatMap((sample) => sample.flatMap((run) => run.lines));
      assert.ok(sampled.length <= 5 * samples.length, `${sampled.length} lines came back`);
      assert.deepEqual(sampled.slice(-2), ['line 49998', 'line 49999']);
      assert.deepEqual(result.tail.slice(-2), ['line 49998', 'line 49999']);
      assert.deepEqual(samples[0]?.[0], {stream: 'stderr', lines: ['warning: first']});
    });

    test('secrets given to the stream are masked in the log; env and stdin reach the child', async () => {
      const samples: OutputSample[] = [];
      const secret = 's3cret-Value-42';
      const stream = streamTo(samples, [secret]);
      const result = await port.run(
        process.execPath,
        [
          '-e',
          'let input = ""; process.stdin.on("data", (d) => { input += d; }); process.stdin.on("end", () => console.log(`env ${process.env.TOKEN} stdin ${input}`));',
        ],
        {stream, env: {TOKEN: secret}, stdin: 'from stdin'},
      );
      assert.equal(result.exitCode, 0);
      assert.equal(readFileSync(stream.logPath, 'utf8'), 'env •••• stdin from stdin\n');
      assert.doesNotMatch(JSON.stringify(samples), /s3cret/);
    });

    test('cancelling ends the child and its grandchildren', async () => {
      const controller = new AbortController();
      let pids: number[] = [];
      const result = await port.run(process.execPath, ['-e', familyScript], {
        signal: controller.signal,
        stream: {
          ...streamTo([]),
          onSample(sample) {
            pids = (sample[0]?.lines[0] ?? '').split(' ').map(Number);
            controller.abort();
          },
        },
      });
      assert.equal(result.cancelled, true);
      assert.equal(pids.length, 2);
      assert.deepEqual(await allGone(pids), [true, true]);
    });

    test('a timeout ends the child and says so; a missing program says why', async () => {
      const slow = await port.run(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
        timeoutMs: 200,
        stream: streamTo([]),
      });
      assert.deepEqual(
        {timedOut: slow.timedOut, cancelled: slow.cancelled},
        {timedOut: true, cancelled: false},
      );
      const missing = await port.run('no-such-program-mke-runbook', [], {stream: streamTo([])});
      assert.equal(missing.exitCode, undefined);
      assert.match(missing.spawnError ?? '', /ENOENT/);
    });
  });
}

test('a worker that cannot start leaves the command to run on the caller thread, once', async () => {
  let starts = 0;
  const port = createProcessPort({
    graceMs: 300,
    offThread: () =>
      createOffThreadRunner(() => {
        starts++;
        return {target: 'throw new Error("no worker here")', options: {eval: true}};
      }),
  });
  for (let run = 0; run < 2; run++) {
    const stream = streamTo([]);
    const result = await port.run(process.execPath, ['-e', 'console.log("ran once")'], {stream});
    assert.equal(result.exitCode, 0);
    assert.equal(readFileSync(stream.logPath, 'utf8'), 'ran once\n');
  }

  assert.equal(starts, 1);
});

test('a worker that dies in the middle of a command fails it and ends its process group', async () => {
  // A stand-in worker: starts the command as the real one would (its own group), says so,
  // notes its pid in the log, then dies with the command still running.
  const program = `
    const {parentPort} = require('node:worker_threads');
    const {spawn} = require('node:child_process');
    const {writeFileSync} = require('node:fs');
    parentPort.postMessage({type: 'ready'});
    parentPort.on('message', (message) => {
      if (message.type !== 'run') return;
      const child = spawn(message.file, message.args, {detached: true, stdio: 'ignore'});
      writeFileSync(message.stream.logPath, String(child.pid));
      parentPort.postMessage({type: 'started', id: message.id, pid: child.pid});
      setTimeout(() => process.exit(3), 100);
    });`;
  const port = createProcessPort({
    graceMs: 300,
    offThread: () => createOffThreadRunner(() => ({target: program, options: {eval: true}})),
  });
  const stream = streamTo([]);
  await assert.rejects(
    port.run('sleep', ['30'], {stream}),
    /the output worker stopped \(exit code 3\)/,
  );
  const pid = Number(readFileSync(stream.logPath, 'utf8'));
  assert.ok(pid > 0);
  assert.deepEqual(await allGone([pid]), [true]);
});
