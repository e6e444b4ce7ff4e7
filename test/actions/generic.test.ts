import {readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {defaultRegistry} from '../../source/actions/default-registry.js';
import type {ActionContext} from '../../source/actions/types.js';
import {realPorts, scriptedPrompter, tempDir} from '../engine/helpers.js';

const registry = defaultRegistry();

function action(name: string) {
  const found = registry.actions.get(name);
  assert.ok(found, name);
  return found;
}

function context(
  workdir: string,
  overrides: Partial<ActionContext> = {},
): ActionContext & {readonly lines: string[]} {
  const lines: string[] = [];
  return {
    lines,
    signal: new AbortController().signal,
    output(batch) {
      lines.push(...batch);
    },
    ports: realPorts(workdir),
    workdir,
    lang: 'en',
    prompter: scriptedPrompter(),
    assumeYes: false,
    secrets: {},
    ...overrides,
  };
}

test('shell.exec describes the exact argument list and only the names of its environment', async () => {
  const effects = await action('shell.exec').describe(
    {
      file: 'helm',
      args: ['upgrade', '--install', 'gitlab-runner', '-f', 'values.yaml'],
      env: {RUNNER_TOKEN: 'glrt-secret'},
    },
    {workdir: '/w', ports: realPorts('/w'), secrets: {}},
  );
  assert.deepEqual(effects, [
    {
      kind: 'command',
      file: 'helm',
      args: ['upgrade', '--install', 'gitlab-runner', '-f', 'values.yaml'],
      env: ['RUNNER_TOKEN'],
    },
  ]);
});

test('shell.exec writes stdout to a file when asked, instead of the log', async () => {
  const {dir, cleanup} = await tempDir();
  try {
    const ctx = context(dir);
    const result = await action('shell.exec').run(
      {
        file: process.execPath,
        args: ['-e', 'console.log("a: 1"); console.log("b: 2")'],
        stdoutFile: 'values.yaml.orig',
      },
      ctx,
    );
    assert.deepEqual(result, {ok: true});
    assert.equal(await readFile(path.join(dir, 'values.yaml.orig'), 'utf8'), 'a: 1\nb: 2\n');
    assert.deepEqual(ctx.lines, [`wrote 2 lines to ${path.join(dir, 'values.yaml.orig')}`]);
  } finally {
    await cleanup();
  }
});

test('shell.exec hands uncaptured output to the log stream when there is one, and says when the log cannot be written', async () => {
  const {dir, cleanup} = await tempDir();
  try {
    const sampled: string[] = [];
    const run = async (logPath: string, captureStdout?: string) =>
      action('shell.exec').run(
        {
          file: process.execPath,
          args: ['-e', 'console.log("to the log")'],
          ...(captureStdout ? {captureStdout} : {}),
        },
        {
          ...context(dir),
          async outputStream() {
            return {
              logPath,
              secrets: [],
              sampleLines: 10,
              onSample(sample) {
                sampled.push(...sample.flatMap((part) => part.lines));
              },
            };
          },
        },
      );
    const logPath = path.join(dir, 'step.log');
    assert.deepEqual(await run(logPath), {ok: true});
    assert.equal(await readFile(logPath, 'utf8'), 'to the log\n');
    assert.deepEqual(sampled, ['to the log']);
    // Captured output still comes line by line (the stream is not asked for).
    assert.deepEqual(await run('/dev/full', 'said'), {ok: true, outputs: {said: 'to the log'}});
    const full = await run('/dev/full');
    assert.equal(full.ok, false);
    assert.deepEqual(full.ok ? undefined : [full.error.code, full.error.message], [
      'log-write',
      'cannot write the log /dev/full: ENOSPC: no space left on device, write',
    ]);
  } finally {
    await cleanup();
  }
});

test('shell.exec accepts the exit codes it is told are fine', async () => {
  const {dir, cleanup} = await tempDir();
  try {
    const run = async (okExitCodes?: number[]) =>
      action('shell.exec').run(
        {
          file: process.execPath,
          args: ['-e', 'process.exit(1)'],
          ...(okExitCodes ? {okExitCodes} : {}),
        },
        context(dir),
      );
    assert.equal((await run()).ok, false);
    assert.equal((await run([0, 1])).ok, true);
  } finally {
    await cleanup();
  }
});

test('shell.exec refuses arguments it does not know, at check time', () => {
  assert.deepEqual(action('shell.exec').check({file: 'ls', shell: true}), {
    ok: false,
    message: 'Unrecognized key: "shell"',
    issues: [{path: [], message: 'Unrecognized key: "shell"'}],
  });
});

test('file.write describes the content and a unified diff against the file as it is', async () => {
  const {dir, cleanup} = await tempDir();
  try {
    await writeFile(path.join(dir, 'values.yaml'), 'rbac:\n  create: false\n');
    const effects = await action('file.write').describe(
      {path: 'values.yaml', content: 'rbac:\n  create: true\n'},
      {workdir: dir, ports: realPorts(dir), secrets: {}},
    );
    const target = path.join(dir, 'values.yaml');
    assert.deepEqual(effects, [
      {
        kind: 'file',
        path: target,
        content: 'rbac:\n  create: true\n',
        diff: [
          `--- ${target}\tcurrent`,
          `+++ ${target}\tnew`,
          '@@ -1,2 +1,2 @@',
          ' rbac:',
          '-  create: false',
          '+  create: true',
          '',
        ].join('\n'),
      },
    ]);
    const ctx = context(dir, {readTemplate: async (name) => `from ${name}\n`});
    assert.deepEqual(
      await action('file.write').run({path: 'out/t.txt', template: 'x.tmpl', mode: 0o600}, ctx),
      {
        ok: true,
        outputs: {path: path.join(dir, 'out/t.txt')},
      },
    );
    assert.equal(await readFile(path.join(dir, 'out/t.txt'), 'utf8'), 'from x.tmpl\n');
  } finally {
    await cleanup();
  }
});

test('wait.until polls its probe until it holds, and times out with what it saw', async () => {
  const {dir, cleanup} = await tempDir();
  try {
    const flag = path.join(dir, 'ready');
    setTimeout(() => {
      void writeFile(flag, '');
    }, 150);
    const ctx = context(dir);
    const waited = await action('wait.until').run(
      {
        probe: 'shell.succeeds',
        with: {file: 'test', args: ['-f', flag]},
        timeout: '10s',
        interval: '50ms',
      },
      ctx,
    );
    assert.equal(waited.ok, true);
    const timedOut = await action('wait.until').run(
      {
        probe: 'shell.succeeds',
        with: {file: 'test', args: ['-f', `${flag}-never`]},
        timeout: '200ms',
        interval: '50ms',
      },
      ctx,
    );
    assert.deepEqual(
      timedOut.ok ? undefined : {code: timedOut.error.code, detail: timedOut.error.detail},
      {
        code: 'timeout',
        detail: `test -f ${flag}-never: exit 1`,
      },
    );
  } finally {
    await cleanup();
  }
});

test('manual.confirm fails with "declined" when the person says no', async () => {
  const {dir, cleanup} = await tempDir();
  try {
    const text = {en: 'Did you open port 443?', ja: '443 を開けましたか？'};
    const no = await action('manual.confirm').run(
      {text},
      context(dir, {prompter: scriptedPrompter({confirm: false})}),
    );
    assert.equal(no.ok ? 'ok' : no.error.code, 'declined');
    const yes = await action('manual.confirm').run(
      {text},
      context(dir, {prompter: scriptedPrompter({confirm: true})}),
    );
    assert.equal(yes.ok, true);
  } finally {
    await cleanup();
  }
});
