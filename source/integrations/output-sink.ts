import {isUtf8} from 'node:buffer';
import {closeSync, openSync, writeSync} from 'node:fs';
import {createRedactor} from '../secrets/redact.js';
import type {LineRing} from './line-splitter.js';
import type {OutputSample} from './ports.js';

// A command's output on its way to the step's log, as raw chunks split at their last newline.
// The log holds the same text the line-by-line path writes (UTF-8 decoded, `\r\n` as `\n`,
// every line ended by `\n`, secrets masked) — and a chunk that is already that text (valid
// UTF-8, no `\r`, no secret in it: a flood, nearly always) is written as it came, without
// being decoded. Only the latest lines become strings (for the sample and the tail).
// Writes are synchronous: this runs on the output worker, where waiting is the point.

type Stream = 'stdout' | 'stderr';

/** Options of {@link openLogSink}. */
export type LogSinkOptions = {
  readonly logPath: string;
  readonly secrets: readonly string[];
  /** The latest lines a sample holds at most. */
  readonly sampleLines: number;
  /** How often a sample goes out while output comes. */
  readonly sampleEveryMs: number;
  readonly onSample: (sample: OutputSample) => void;
  /** Also fed the latest lines (the caller's tail for error messages). */
  readonly tail: LineRing;
};

/** A log being written from raw output chunks. */
export type LogSink = {
  readonly push: (chunk: Buffer, stream: Stream) => void;
  /** The stream ended: its unfinished last line is written as a line. */
  readonly end: (stream: Stream) => void;
  /** Sends the last sample and closes the file; says why, if a write failed (a full disk). */
  readonly close: () => string | undefined;
};

// A sample line longer than this is cut (the log keeps it whole): nobody reads 10 MB in a pane.
const sampleLineLimit = 4096;

// Each chunk read from a pipe is a 64 KiB buffer outside V8's heap, freed only when a GC finds
// its small wrapper dead. Reading allocates almost nothing else, so no GC comes until V8's
// external-memory limit (64 MB) forces one: a flood read on the worker grew the app by 30 MB.
// Where `gc` is exposed (the output worker: process-offthread.ts), a young-generation
// collection every megabyte frees them (a fraction of a millisecond each; every 8 MB still
// left +17 MB at 1M lines, every 1 MB +3 MB).
const collect = (globalThis as {gc?: (options: {type: 'minor'}) => void}).gc;
const collectEveryBytes = 1024 * 1024;

/** Opens `logPath` for appending (created 0600). */
export function openLogSink(options: LogSinkOptions): LogSink {
  const redactor = createRedactor(options.secrets);
  const forms = redactor.forms().map((form) => Buffer.from(form));
  const fd = openSync(options.logPath, 'a', 0o600);
  const unfinished: Record<Stream, Buffer[]> = {stdout: [], stderr: []};
  // The latest lines since the last sample, still as bytes: decoded only when sent (ten
  // times a second), not per chunk. Each piece holds whole lines; older pieces are dropped
  // once the newer ones hold enough.
  let pieces: Array<{stream: Stream; bytes: Buffer; lines: number}> = [];
  let kept = 0;
  let failure: Error | undefined;
  let sinceCollect = 0;

  const keep = (stream: Stream, bytes: Buffer): void => {
    const start = latestStart(bytes, options.sampleLines);
    pieces.push({stream, bytes: bytes.subarray(start.offset), lines: start.lines});
    kept += start.lines;
    while (pieces[0] && kept - pieces[0].lines >= options.sampleLines) {
      kept -= pieces[0].lines;
      pieces.shift();
    }
  };

  const send = (): void => {
    if (pieces.length === 0) return;
    let extra = kept - options.sampleLines;
    const sample: Array<{stream: Stream; lines: string[]}> = [];
    for (const piece of pieces) {
      let lines = decodeLines(piece.bytes);
      if (extra > 0) {
        lines = lines.slice(extra);
        extra = 0;
      }

      const last = sample.at(-1);
      if (last?.stream === piece.stream) last.lines.push(...lines);
      else sample.push({stream: piece.stream, lines});
      options.tail.push(lines);
    }

    pieces = [];
    kept = 0;
    options.onSample(sample);
  };

  const timer = setInterval(send, options.sampleEveryMs);

  // `raw` is complete lines, each ended by `\n`.
  const write = (raw: Buffer, stream: Stream): void => {
    const asIs = raw.indexOf(13) === -1 && isUtf8(raw) && !forms.some((form) => raw.includes(form));
    const bytes = asIs
      ? raw
      : Buffer.from(redactor.redact(raw.toString('utf8').replaceAll('\r\n', '\n')));
    keep(stream, bytes);
    if (failure) return;
    try {
      for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    }
  };

  return {
    push(chunk, stream) {
      sinceCollect += chunk.length;
      if (collect && sinceCollect >= collectEveryBytes) {
        sinceCollect = 0;
        collect({type: 'minor'});
      }

      const end = chunk.lastIndexOf(10);
      const waiting = unfinished[stream];
      if (end === -1) {
        waiting.push(chunk);
        return;
      }

      const complete =
        waiting.length === 0
          ? chunk.subarray(0, end + 1)
          : Buffer.concat([...waiting, chunk.subarray(0, end + 1)]);
      unfinished[stream] = end + 1 < chunk.length ? [chunk.subarray(end + 1)] : [];
      write(complete, stream);
    },
    end(stream) {
      const waiting = unfinished[stream];
      if (waiting.length === 0) return;
      unfinished[stream] = [];
      const last = Buffer.concat(waiting);
      const cut = last.at(-1) === 13 ? last.subarray(0, -1) : last;
      write(Buffer.concat([cut, Buffer.from('\n')]), stream);
    },
    close() {
      clearInterval(timer);
      send();
      closeSync(fd);
      return failure ? `cannot write the log ${options.logPath}: ${failure.message}` : undefined;
    },
  };
}

/** Where the last `count` lines of `bytes` (whole lines, each ended by `\n`) start. */
function latestStart(bytes: Buffer, count: number): {offset: number; lines: number} {
  // From the final `\n`, back over `count` more line ends (or to the start).
  let at = bytes.length - 1;
  let lines = 0;
  while (lines < count && at !== -1) {
    at = at === 0 ? -1 : bytes.lastIndexOf(10, at - 1);
    lines++;
  }

  return {offset: at + 1, lines};
}

/** Whole lines (each ended by `\n`) as strings, cut for display. */
function decodeLines(bytes: Buffer): string[] {
  return bytes
    .toString('utf8', 0, bytes.length - 1)
    .split('\n')
    .map((line) => (line.length > sampleLineLimit ? line.slice(0, sampleLineLimit) : line));
}
