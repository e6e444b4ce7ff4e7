import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {Worker, type WorkerOptions} from 'node:worker_threads';
import {setFlagsFromString} from 'node:v8';
import type {OutputSample, OutputStream, RunOptions, RunResult} from './ports.js';

// The main thread's side of the output worker (process-worker.ts): one worker for the
// session, started ahead of the first step that needs it, running any number of commands.
// It holds the process only while a command runs. Abort signals and callbacks cannot cross
// threads: a cancel is a message, samples come back as messages.

/** A command for the worker. */
export type WorkerRun = {
  readonly type: 'run';
  readonly id: number;
  readonly file: string;
  readonly args: readonly string[];
  readonly options: Pick<RunOptions, 'cwd' | 'env' | 'stdin' | 'timeoutMs'>;
  readonly stream: Omit<OutputStream, 'onSample'>;
  readonly baseEnv: Readonly<Record<string, string | undefined>>;
  readonly graceMs: number;
};

/** What the main thread sends. */
export type ToWorker = WorkerRun | {readonly type: 'cancel'; readonly id: number};

/** What the worker sends back. */
export type FromWorker =
  | {readonly type: 'ready'}
  | {readonly type: 'started'; readonly id: number; readonly pid: number}
  | {readonly type: 'sample'; readonly id: number; readonly sample: OutputSample}
  | {readonly type: 'result'; readonly id: number; readonly result: RunResult}
  | {readonly type: 'failed'; readonly id: number; readonly message: string};

/** Runs `stream` commands on a worker thread. */
export type OffThreadRunner = {
  /** False once the worker could not start or died: the port reads on its own thread then. */
  readonly usable: () => boolean;
  /** Starts the worker now, so the first command does not wait for it. */
  readonly warm: () => void;
  readonly run: (request: {
    readonly file: string;
    readonly args: readonly string[];
    readonly options: RunOptions;
    readonly baseEnv: Readonly<Record<string, string | undefined>>;
    readonly graceMs: number;
  }) => Promise<RunResult>;
};

/** The worker never started: nothing of the command ran, it can run elsewhere. */
export class WorkerUnavailable extends Error {}

/** A program for the worker thread: a file URL, or code with `eval`. */
export type WorkerProgram = {readonly target: string | URL; readonly options: WorkerOptions};

type Pending = {
  readonly resolve: (result: RunResult) => void;
  readonly reject: (error: Error) => void;
  readonly onSample: (sample: OutputSample) => void;
  /** The child's process group, once spawned. */
  pid?: number;
};

const here = path.dirname(fileURLToPath(import.meta.url));

/** The worker's program: the bundle's dist/process-worker.js, else the source through tsx. */
function workerProgram(): WorkerProgram {
  for (const directory of [here, path.dirname(here)]) {
    const file = path.join(directory, 'process-worker.js');
    if (existsSync(file)) return {target: pathToFileURL(file), options: {}};
  }

  const root = path.resolve(here, '..', '..');
  const tsx = pathToFileURL(path.join(root, 'node_modules/tsx/dist/esm/api/index.mjs')).href;
  const entry = pathToFileURL(path.join(here, 'process-worker.ts')).href;
  return {
    target: `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`,
    options: {eval: true},
  };
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** A runner whose worker starts on `warm` or on the first command. */
export function createOffThreadRunner(
  program: () => WorkerProgram = workerProgram,
): OffThreadRunner {
  let worker: Worker | undefined;
  let online = false;
  let broken = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const fail = (error: Error): void => {
    broken = true;
    worker = undefined;
    // Before it said it was ready the worker read no message: no command of ours started.
    const failure = online ? error : new WorkerUnavailable(error.message);
    for (const run of pending.values()) {
      // Nobody reads its pipes any more: end the command's whole group rather than leave it.
      if (run.pid !== undefined) killGroup(run.pid);
      run.reject(failure);
    }

    pending.clear();
  };

  const settle = (id: number): Pending | undefined => {
    const run = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker?.unref();
    return run;
  };

  const start = (): Worker => {
    if (worker) return worker;
    const {target, options} = program();
    // The worker's contexts get `gc` (output-sink.ts calls it); this thread's context does not.
    setFlagsFromString('--expose-gc');
    const started = new Worker(target, options);
    // An idle worker must not keep the app alive; a running command does (see `run`).
    started.unref();
    started.on('message', (message: FromWorker) => {
      if (message.type === 'ready') {
        online = true;
      } else if (message.type === 'started') {
        const run = pending.get(message.id);
        if (run) run.pid = message.pid;
      } else if (message.type === 'sample') {
        pending.get(message.id)?.onSample(message.sample);
      } else if (message.type === 'result') {
        settle(message.id)?.resolve(message.result);
      } else {
        settle(message.id)?.reject(new Error(message.message));
      }
    });
    started.on('error', fail);
    started.on('exit', (code) => {
      fail(new Error(`the output worker stopped (exit code ${code})`));
    });
    worker = started;
    return started;
  };

  return {
    usable: () => !broken,
    warm() {
      if (!broken) start();
    },
    async run({file, args, options, baseEnv, graceMs}) {
      const {stream, signal} = options;
      if (!stream) throw new Error('an off-thread run needs an output stream');
      if (signal?.aborted) {
        return {exitCode: undefined, signal: undefined, cancelled: true, timedOut: false, tail: []};
      }

      const thread = start();
      const id = nextId++;
      const onAbort = (): void => {
        thread.postMessage({type: 'cancel', id} satisfies ToWorker);
      };

      signal?.addEventListener('abort', onAbort, {once: true});
      try {
        return await new Promise<RunResult>((resolve, reject) => {
          pending.set(id, {resolve, reject, onSample: stream.onSample});
          if (pending.size === 1) thread.ref();
          thread.postMessage({
            type: 'run',
            id,
            file,
            args,
            options: {
              ...(options.cwd === undefined ? {} : {cwd: options.cwd}),
              ...(options.env === undefined ? {} : {env: options.env}),
              ...(options.stdin === undefined ? {} : {stdin: options.stdin}),
              ...(options.timeoutMs === undefined ? {} : {timeoutMs: options.timeoutMs}),
            },
            stream: {
              logPath: stream.logPath,
              secrets: stream.secrets,
              sampleLines: stream.sampleLines,
            },
            baseEnv,
            graceMs,
          } satisfies ToWorker);
        });
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}
