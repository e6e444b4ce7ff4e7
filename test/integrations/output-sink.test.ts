import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {createLineRing, createLineSplitter} from '../../source/integrations/line-splitter.js';
import {openLogSink} from '../../source/integrations/output-sink.js';
import type {OutputSample} from '../../source/integrations/ports.js';
import {createRedactor} from '../../source/secrets/redact.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mke-sink-'));
after(() => {
  rmSync(dir, {recursive: true, force: true});
});
let count = 0;

type Written = {log: string; samples: OutputSample[]; tail: string[]};

/** Pushes the chunks (stream, bytes) through a sink; the log, the samples and the tail. */
function sink(
  chunks: ReadonlyArray<readonly ['stdout' | 'stderr', Buffer | string]>,
  options: {secrets?: string[]; sampleLines?: number} = {},
): Written {
  const logPath = path.join(dir, `log-${count++}.log`);
  const samples: OutputSample[] = [];
  const tail = createLineRing(5);
  const writer = openLogSink({
    logPath,
    secrets: options.secrets ?? [],
    sampleLines: options.sampleLines ?? 3,
    sampleEveryMs: 60_000,
    onSample(sample) {
      samples.push(sample);
    },
    tail,
  });
  for (const [stream, data] of chunks) {
    writer.push(typeof data === 'string' ? Buffer.from(data) : data, stream);
  }

  writer.end('stdout');
  writer.end('stderr');
  assert.equal(writer.close(), undefined);
  return {log: readFileSync(logPath, 'utf8'), samples, tail: tail.lines()};
}

/** What the line-by-line path writes for the same bytes (one stream): the reference. */
function linePath(data: Buffer, secrets: string[] = []): string {
  const splitter = createLineSplitter();
  const redactor = createRedactor(secrets);
  const lines = [...splitter.push(data.toString('utf8')), ...splitter.flush()];
  return lines.map((line) => `${redactor.redact(line)}\n`).join('');
}

test('a flood is written byte for byte, whatever the chunk edges; a sample holds only the latest lines', () => {
  const text = Array.from({length: 1000}, (_, index) => `line ${index} ${'x'.repeat(60)}\n`).join(
    '',
  );
  const bytes = Buffer.from(text);
  const chunks = [0, 777, 778, 40_000, 65_536, bytes.length].flatMap((start, index, starts) =>
    index === starts.length - 1
      ? []
      : [['stdout', bytes.subarray(start, starts[index + 1])] as const],
  );
  const written = sink(chunks);
  assert.equal(written.log, text);
  assert.deepEqual(written.samples, [
    [
      {
        stream: 'stdout',
        lines: [
          'line 997 ' + 'x'.repeat(60),
          'line 998 ' + 'x'.repeat(60),
          'line 999 ' + 'x'.repeat(60),
        ],
      },
    ],
  ]);
  assert.equal(written.tail.at(-1), `line 999 ${'x'.repeat(60)}`);
});

test('the log holds what the line path writes: CRLF as LF, bad UTF-8 replaced, an unfinished last line ended', () => {
  const cases = [
    Buffer.from('windows\r\nline two\r\nprogress 10%\rprogress 90%\r\n'),
    Buffer.concat([
      Buffer.from('bad '),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from(' bytes\nok\n'),
    ]),
    Buffer.from('no newline at the end'),
    Buffer.from('cr at the very end\r'),
    Buffer.from('日本語の行\n二行目'),
  ];
  for (const data of cases) {
    // Split inside a multi-byte character and between \r and \n.
    const middle = Math.floor(data.length / 2) + 1;
    const written = sink([
      ['stdout', data.subarray(0, middle)],
      ['stdout', data.subarray(middle)],
    ]);
    assert.equal(written.log, linePath(data), JSON.stringify(data.toString('utf8')));
  }
});

test('a secret is masked in the log and the sample, in plain and base64 form, even split across chunks', () => {
  const secret = 'glrt-Sup3rS3cret';
  const base64 = Buffer.from(secret).toString('base64');
  const text = `token: ${secret}\nencoded ${base64}\nplain line\n`;
  const written = sink(
    [
      ['stdout', text.slice(0, 12)],
      ['stdout', text.slice(12)],
    ],
    {secrets: [secret]},
  );
  assert.equal(written.log, linePath(Buffer.from(text), [secret]));
  assert.doesNotMatch(written.log, new RegExp(`${secret}|${base64}`));
  assert.match(written.log, /token: ••••/);
  assert.doesNotMatch(JSON.stringify(written.samples), /Sup3r/);
});

test('stdout and stderr keep their own unfinished lines and their order in the sample', () => {
  const written = sink(
    [
      ['stdout', 'out one\nout tw'],
      ['stderr', 'err one\n'],
      ['stdout', 'o\n'],
    ],
    {sampleLines: 10},
  );
  assert.equal(written.log, 'out one\nerr one\nout two\n');
  assert.deepEqual(written.samples, [
    [
      {stream: 'stdout', lines: ['out one']},
      {stream: 'stderr', lines: ['err one']},
      {stream: 'stdout', lines: ['out two']},
    ],
  ]);
});

test('a 10 MB line goes to the log whole; the sample shows its start only', () => {
  const line = 'y'.repeat(10 * 1024 * 1024);
  const chunks = [];
  for (let start = 0; start < line.length; start += 65_536) {
    chunks.push(['stdout', line.slice(start, start + 65_536)] as const);
  }

  const written = sink([...chunks, ['stdout', '\nafter\n']]);
  assert.equal(written.log.length, line.length + '\nafter\n'.length);
  const lines = written.samples.flatMap((sample) => sample.flatMap((run) => run.lines));
  assert.deepEqual(
    lines.map((sampled) => sampled.length),
    [4096, 5],
  );
});

test('a log that cannot be written is said at close, with its path', () => {
  const writer = openLogSink({
    logPath: '/dev/full',
    secrets: [],
    sampleLines: 3,
    sampleEveryMs: 60_000,
    onSample() {},
    tail: createLineRing(3),
  });
  writer.push(Buffer.from('some output\n'), 'stdout');
  assert.match(writer.close() ?? '', /cannot write the log \/dev\/full: .*ENOSPC/);
});
