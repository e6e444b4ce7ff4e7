import {constants} from 'node:fs';
import {access} from 'node:fs/promises';
import path from 'node:path';
import type {Readable} from 'node:stream';
import {execa} from 'execa';
import type {OutputStream, ProcessPort, RunOptions, RunResult} from './ports.js';
import {createLineRing, createLineSplitter, type LineRing} from './line-splitter.js';
import {openLogSink} from './output-sink.js';
import {WorkerUnavailable, type OffThreadRunner} from './process-offthread.js';

// Children run detached (their own process group) so that cancelling ends the whole group
// — a `helm` that spawned a plugin, a `vagrant` that spawned ruby. Output is read as raw
// chunks and split here: execa's per-line iterator costs 5x on a flood (perf-notes.md).
// A run whose output only goes to a log (`stream`) is read on a worker thread when the port
// has one: there a busy interface (an Ink frame costs ~30 ms) never leaves the child's pipe
// full and the child waiting.

/** Options of the real process port. */
export type ProcessPortOptions = {
  /** The environment children start from (default: this process's). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** How long a child gets after SIGTERM before SIGKILL. */
  readonly graceMs?: number;
  /** Reads `stream` runs on a worker thread (process-offthread.ts), started by `warm` or the first such run. */
  readonly offThread?: () => OffThreadRunner;
};

type Stream = 'stdout' | 'stderr';

/** How a run's output is taken in: as lines for the caller, or as raw chunks into a log. */
type Intake = {
  readonly raw: boolean;
  /** A returned promise pauses the pipe until it settles (back-pressure). */
  readonly chunk: (data: Buffer | string, stream: Stream) => Promise<void> | void | undefined;
  readonly end: (stream: Stream) => void;
  readonly tail: LineRing;
  /** Told the child's pid (its process group's id) once it is spawned. */
  readonly started?: (pid: number) => void;
};

const tailSize = 40;
// How often a `stream` run hands its latest lines to the caller (the interface draws at most
// 10 frames a second).
const sampleEveryMs = 100;
// After the program exits: stop waiting for its pipes once they have been quiet this long,
// or at the latest after drainMaxMs (a daemon that inherited stdout and keeps printing).
const quietMs = 3000;
const drainMaxMs = 30_000;

/** The real ProcessPort, on execa, never through a shell. */
export function createProcessPort(options: ProcessPortOptions = {}): ProcessPort {
  const baseEnv = options.env ?? process.env;
  const graceMs = options.graceMs ?? 3000;
  let runner: OffThreadRunner | undefined;
  const offThread = (): OffThreadRunner | undefined => {
    runner ??= options.offThread?.();
    return runner?.usable() ? runner : undefined;
  };

  return {
    async run(file, args, runOptions = {}) {
      const {stream} = runOptions;
      if (!stream || runOptions.onLines) {
        return runChild(file, args, runOptions, baseEnv, graceMs, lineIntake(runOptions));
      }

      const worker = offThread();
      if (worker) {
        try {
          return await worker.run({file, args, options: runOptions, baseEnv, graceMs});
        } catch (error) {
          // A worker that never started ran nothing: the command runs here instead.
          if (!(error instanceof WorkerUnavailable)) throw error;
        }
      }

      return runToLog(file, args, runOptions, stream, baseEnv, graceMs);
    },
    which: async (file) => which(file, baseEnv['PATH'] ?? ''),
    warm() {
      offThread()?.warm();
    },
  };
}

/** Runs a program whose output goes to `stream`'s log, read on this thread. */
export async function runToLog(
  file: string,
  args: readonly string[],
  options: RunOptions,
  stream: OutputStream,
  baseEnv: Readonly<Record<string, string | undefined>>,
  graceMs: number,
  started?: (pid: number) => void,
): Promise<RunResult> {
  const tail = createLineRing(tailSize);
  const sink = openLogSink({
    logPath: stream.logPath,
    secrets: stream.secrets,
    sampleLines: stream.sampleLines,
    sampleEveryMs: sampleEveryMs,
    onSample: stream.onSample,
    tail,
  });
  let result: RunResult;
  let logError: string | undefined;
  try {
    result = await runChild(file, args, options, baseEnv, graceMs, {
      raw: true,
      chunk(data, name) {
        sink.push(data as Buffer, name);
      },
      end(name) {
        sink.end(name);
      },
      tail,
      ...(started ? {started} : {}),
    });
  } finally {
    logError = sink.close();
  }

  // The last sample, sent at close, is what fills the tail.
  return {...result, tail: tail.lines(), ...(logError ? {logError} : {})};
}

function lineIntake(options: RunOptions): Intake {
  const tail = createLineRing(tailSize);
  const splitters = {stdout: createLineSplitter(), stderr: createLineSplitter()};
  const deliver = (lines: string[], stream: Stream): Promise<void> | void | undefined => {
    if (lines.length === 0) return undefined;
    tail.push(lines);
    return options.onLines?.(lines, stream);
  };

  return {
    raw: false,
    chunk: (data, stream) => deliver(splitters[stream].push(data as string), stream),
    end(stream) {
      void deliver(splitters[stream].flush(), stream);
    },
    tail,
  };
}

async function runChild(
  file: string,
  args: readonly string[],
  options: RunOptions,
  baseEnv: Readonly<Record<string, string | undefined>>,
  graceMs: number,
  intake: Intake,
): Promise<RunResult> {
  if (options.signal?.aborted) {
    return {exitCode: undefined, signal: undefined, cancelled: true, timedOut: false, tail: []};
  }

  const subprocess = execa(file, [...args], {
    cwd: options.cwd,
    env: {...baseEnv, ...options.env},
    extendEnv: false,
    ...(options.stdin === undefined ? {stdin: 'ignore' as const} : {input: options.stdin}),
    buffer: false,
    reject: false,
    detached: true,
    stripFinalNewline: false,
  });
  if (subprocess.pid !== undefined) intake.started?.(subprocess.pid);

  let cancelled = false;
  let timedOut = false;
  let killTimer: NodeJS.Timeout | undefined;
  const endGroup = (): void => {
    if (killTimer) {
      return;
    }

    signalGroup(subprocess.pid, 'SIGTERM');
    killTimer = setTimeout(() => {
      signalGroup(subprocess.pid, 'SIGKILL');
    }, graceMs);
  };

  const onAbort = (): void => {
    cancelled = true;
    endGroup();
  };

  options.signal?.addEventListener('abort', onAbort, {once: true});
  const timeout =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          endGroup();
        }, options.timeoutMs);

  const activity = {last: Date.now()};
  const reading = [
    pump(subprocess.stdout, 'stdout', intake, activity),
    pump(subprocess.stderr, 'stderr', intake, activity),
  ];
  const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) => {
    subprocess.once('exit', (code, signal) => {
      resolve({code, signal});
    });
  });
  const first = await Promise.race([exited, subprocess.then(() => undefined)]);
  // A program may leave a daemon holding its stdout (the pipe never ends): once the program
  // itself has exited, read what is there for a moment, then stop waiting.
  if (first) {
    const exitedAt = Date.now();
    const allRead = Promise.all(reading);
    // A loaded machine may take seconds to read what is left: only quiet pipes are given up.
    while (!(await settlesWithin(allRead, 250))) {
      if (Date.now() - activity.last > quietMs || Date.now() - exitedAt > drainMaxMs) {
        subprocess.stdout?.destroy();
        subprocess.stderr?.destroy();
        break;
      }
    }
  }

  const result = await subprocess;
  await Promise.all(reading);
  options.signal?.removeEventListener('abort', onAbort);
  clearTimeout(timeout);
  // The group may outlive its leader (a child that ignored SIGTERM): finish it now.
  if (killTimer) {
    clearTimeout(killTimer);
    signalGroup(subprocess.pid, 'SIGKILL');
  }

  const spawnError =
    !first && result.failed && result.exitCode === undefined && !cancelled
      ? result.originalMessage || result.shortMessage
      : undefined;
  return {
    exitCode: first ? (first.code ?? undefined) : result.exitCode,
    signal: first ? (first.signal ?? undefined) : result.signal,
    cancelled,
    timedOut,
    tail: intake.tail.lines(),
    ...(spawnError ? {spawnError} : {}),
  };
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => {
      resolve(false);
    }, ms);
  });
  try {
    return await Promise.race([promise.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function pump(
  stream: Readable | null,
  name: Stream,
  intake: Intake,
  activity: {last: number},
): Promise<void> {
  if (!stream) {
    return;
  }

  if (!intake.raw) stream.setEncoding('utf8');
  await new Promise<void>((resolve) => {
    stream.on('data', (chunk: Buffer | string) => {
      activity.last = Date.now();
      const pending = intake.chunk(chunk, name);
      // Back-pressure: a slow log file pauses the child's pipe instead of growing memory.
      if (pending) {
        stream.pause();
        void pending.finally(() => {
          activity.last = Date.now();
          stream.resume();
        });
      }
    });
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', () => {
      resolve();
    });
  });
  intake.end(name);
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) {
    return;
  }

  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

async function which(file: string, searchPath: string): Promise<string | undefined> {
  if (file.includes('/')) {
    return (await isExecutable(file)) ? path.resolve(file) : undefined;
  }

  for (const directory of searchPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(directory, file);
    if (await isExecutable(candidate)) {
      return candidate;
    }
  }

  return undefined;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
