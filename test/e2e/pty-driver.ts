import {readFileSync, readdirSync} from 'node:fs';
import {spawn, type IPty} from 'node-pty';
import stripAnsi from 'strip-ansi';

// Drives a program inside a pseudo-terminal the way a person would: reads what it draws,
// types keys. Ink erases and redraws: a frame is what follows the last erase in the output.

/** How the program ended. */
export type PtyExit = {readonly exitCode: number; readonly signal: number | undefined};

/** A program running in a pseudo-terminal. */
export type PtySession = {
  readonly pid: number;
  /** Types keys (one chunk, as a terminal sends a keypress or a paste). */
  readonly write: (keys: string) => void;
  /** The last frame drawn, ANSI removed. */
  readonly screen: () => string;
  /** Everything drawn since `mark()`, ANSI removed, frames one after another. */
  readonly seen: () => string;
  /** Later waits look only at what is drawn from now on. */
  readonly mark: () => void;
  /** Waits until `text` has been drawn since the mark; the error names `what` and the last screen. */
  readonly waitFor: (text: string | RegExp, what: string, timeoutMs?: number) => Promise<void>;
  readonly exited: Promise<PtyExit>;
  /** Waits for the program to end; the error names `what` and the last screen. */
  readonly ends: (what: string, timeoutMs?: number) => Promise<PtyExit>;
  /** SIGKILL to the program alone, as `kill -9 PID` would; what it started lives on. */
  readonly kill: () => Promise<void>;
  /** SIGKILL to the program and every process under it (they may run in their own groups). */
  readonly killTree: () => Promise<void>;
};

/** Options for {@link startPty}. */
export type PtyStart = {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly cols: number;
  readonly rows: number;
  /** Default timeout of `waitFor`. */
  readonly timeoutMs?: number;
  /** Told each time a wait ends, with how long it took (to see where a slow walk spends). */
  readonly trace?: (what: string, waitedMs: number) => void;
};

// Ink's log-update erases the previous frame with ESC[2K (line) … ESC[G, or clears with ESC[H.
const frameStart = /\u001B\[2K\u001B\[G|\u001B\[H|\u001B\[2J/g;

/** Starts `file args` in a pseudo-terminal of `cols`×`rows`. */
export function startPty(file: string, args: readonly string[], options: PtyStart): PtySession {
  const child: IPty = spawn(file, [...args], {
    name: 'xterm-256color',
    cols: options.cols,
    rows: options.rows,
    cwd: options.cwd,
    env: {...options.env},
  });
  let raw = '';
  let lastFrame = '';
  let seen = '';
  const waiters = new Set<() => void>();
  child.onData((data) => {
    // Keep only the tail of the raw stream, enough to hold the frame being drawn.
    raw = (raw + data).slice(-200_000);
    let start = -1;
    for (const match of raw.matchAll(frameStart)) start = match.index + match[0].length;
    if (start >= 0) lastFrame = raw.slice(start);
    // Bounded: a walk marks often, and a wait looks at what came since.
    seen = (seen + stripAnsi(data)).slice(-1_000_000);
    for (const wake of waiters) wake();
  });
  const exited = new Promise<PtyExit>((resolve) => {
    child.onExit(({exitCode, signal}) => {
      resolve({exitCode, signal});
      for (const wake of waiters) wake();
    });
  });
  let done = false;
  void exited.then(() => {
    done = true;
  });

  const screen = () => stripAnsi(lastFrame);
  const waitFor = async (text: string | RegExp, what: string, timeoutMs?: number) => {
    const matches = () => (typeof text === 'string' ? seen.includes(text) : text.test(seen));
    const started = Date.now();
    try {
      await until(matches, what, text, timeoutMs);
    } finally {
      options.trace?.(what, Date.now() - started);
    }
  };

  const until = async (
    matches: () => boolean,
    what: string,
    text: string | RegExp,
    timeoutMs: number | undefined,
  ) => {
    if (matches()) return;
    const limit = timeoutMs ?? options.timeoutMs ?? 20_000;
    await new Promise<void>((resolve, reject) => {
      const finish = (error?: Error) => {
        clearTimeout(timer);
        waiters.delete(wake);
        if (error) reject(error);
        else resolve();
      };

      const fail = (why: string) =>
        new Error(`${why} waiting for ${what} (${String(text)}); last screen:\n${screen()}`);
      const wake = () => {
        if (matches()) finish();
        else if (done) finish(fail('the program ended'));
      };

      const timer = setTimeout(() => {
        finish(fail(`timed out after ${limit} ms`));
      }, limit);
      waiters.add(wake);
      wake();
    });
  };

  return {
    pid: child.pid,
    write(keys) {
      child.write(keys);
    },
    screen,
    seen: () => seen,
    mark() {
      seen = '';
    },
    waitFor,
    exited,
    async ends(what, timeoutMs) {
      const limit = timeoutMs ?? options.timeoutMs ?? 20_000;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          reject(
            new Error(`timed out after ${limit} ms waiting for ${what}; last screen:\n${screen()}`),
          );
        }, limit);
      });
      try {
        return await Promise.race([exited, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    async kill() {
      if (done) return;
      process.kill(child.pid, 'SIGKILL');
      await exited;
    },
    async killTree() {
      const all = [child.pid, ...descendants(child.pid)];
      for (const pid of all) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }

      await exited;
      await gone(all);
    },
  };
}

/** Every process under `pid`, found through /proc (children may have left its group). */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Gone meanwhile.
    }
  }

  const found: number[] = [];
  const walk = (parent: number) => {
    for (const child of children.get(parent) ?? []) {
      found.push(child);
      walk(child);
    }
  };

  walk(pid);
  return found;
}

// Until every process has been reaped (a zombie still "exists" for kill(pid, 0)).
async function gone(pids: readonly number[], timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const alive = (pid: number) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
    } catch {
      return false;
    }
  };

  while (pids.some((pid) => alive(pid)) && Date.now() < deadline) {
    await new Promise((resolve) => {
      setTimeout(resolve, 20);
    });
  }
}
