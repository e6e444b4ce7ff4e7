import {devNull} from 'node:os';
import {parentPort} from 'node:worker_threads';
import type {FromWorker, ToWorker} from './process-offthread.js';
import {runToLog} from './process.js';

// The output worker's thread: runs the commands the main thread sends, reads their pipes,
// writes their logs and sends back samples and results (process-offthread.ts).

const port = parentPort;
if (!port) throw new Error('process-worker runs as a worker thread');

const cancels = new Map<number, AbortController>();
const post = (message: FromWorker): void => {
  port.postMessage(message);
};

port.on('message', (message: ToWorker) => {
  if (message.type === 'cancel') {
    cancels.get(message.id)?.abort();
    return;
  }

  const {id} = message;
  const controller = new AbortController();
  cancels.set(id, controller);
  void runToLog(
    message.file,
    message.args,
    {...message.options, signal: controller.signal},
    {
      ...message.stream,
      onSample(sample) {
        post({type: 'sample', id, sample});
      },
    },
    message.baseEnv,
    message.graceMs,
    (pid) => {
      post({type: 'started', id, pid});
    },
  )
    .then(
      (result) => {
        post({type: 'result', id, result});
      },
      (error: unknown) => {
        post({type: 'failed', id, message: error instanceof Error ? error.message : String(error)});
      },
    )
    .finally(() => cancels.delete(id));
});

// Until this arrives the main thread knows no command of its has started here.
post({type: 'ready'});

// One trivial command through the whole path (spawn, pipes, sink) compiles it ahead of the
// first real one, which otherwise paid ~8 ms for it: `node --version` prints and exits at once.
void runToLog(
  process.execPath,
  ['--version'],
  {},
  {logPath: devNull, secrets: [], sampleLines: 1, onSample() {}},
  {},
  1000,
).catch(() => undefined);
