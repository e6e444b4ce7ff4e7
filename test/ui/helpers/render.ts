import {EventEmitter} from 'node:events';
import {render as inkRender} from 'ink';
import type {ReactElement} from 'react';
import stripAnsi from 'strip-ansi';

// ink-testing-library's stdout is always 100 columns and has no rows; the interface is
// tested at 80×24 and 200×60, so this stands in with a size (and so Ink never runs `tput`).

class SizedStdout extends EventEmitter {
  columns: number;
  rows: number;
  frames: string[] = [];
  isTTY = true;
  constructor(columns: number, rows: number) {
    super();
    this.columns = columns;
    this.rows = rows;
  }

  write = (frame: string) => {
    this.frames.push(frame);
    return true;
  };
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  data: string | null = null;
  write = (data: string) => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };

  read = () => {
    const {data} = this;
    this.data = null;
    return data;
  };

  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

const mounted = new Set<ReturnType<typeof inkRender>>();

/** Unmounts whatever a failed test left mounted, so its timers cannot keep the process alive. */
export function cleanupMounted(): void {
  for (const instance of mounted) {
    instance.unmount();
    instance.cleanup();
  }

  mounted.clear();
}

/** A rendered tree at a terminal size, with its frames and keyboard. */
export type Rendered = {
  readonly lastFrame: () => string;
  readonly lines: () => string[];
  readonly press: (keys: string) => void;
  readonly resize: (columns: number, rows: number) => void;
  readonly unmount: () => void;
  readonly frames: string[];
};

/** Renders at `columns`×`rows` in debug mode (every frame written whole). */
export function renderAt(tree: ReactElement, columns = 80, rows = 24): Rendered {
  const stdout = new SizedStdout(columns, rows);
  const stdin = new FakeStdin();
  const instance = inkRender(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new SizedStdout(columns, rows) as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  mounted.add(instance);
  const lastFrame = () => stripAnsi(stdout.frames.at(-1) ?? '');
  return {
    lastFrame,
    lines: () =>
      lastFrame()
        .split('\n')
        .map((l) => l.trimEnd()),
    press(keys) {
      stdin.write(keys);
    },
    resize(c, r) {
      stdout.columns = c;
      stdout.rows = r;
      stdout.emit('resize');
    },
    unmount() {
      mounted.delete(instance);
      instance.unmount();
      instance.cleanup();
    },
    frames: stdout.frames,
  };
}

/** Polls until `check` passes (or throws its last error after `timeoutMs`). */
export async function waitFor(check: () => void, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => {
        setTimeout(resolve, 10);
      });
    }
  }
}

/** Key sequences as a terminal sends them. */
export const keys = {
  enter: '\r',
  escape: '\u001B',
  up: '\u001B[A',
  down: '\u001B[B',
  left: '\u001B[D',
  right: '\u001B[C',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  backspace: '\u007F',
  ctrlC: '\u0003',
} as const;

/** A frame as lines: ANSI removed, trailing spaces and trailing empty lines dropped. */
export function frameLines(frame: string | undefined): string[] {
  const lines = stripAnsi(frame ?? '')
    .split('\n')
    .map((l) => l.trimEnd());
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines;
}
