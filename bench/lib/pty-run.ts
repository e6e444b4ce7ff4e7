import {readFileSync} from 'node:fs';
import {spawn} from 'node-pty';
import stripAnsi from 'strip-ansi';

/** What a run inside a pseudo-terminal produced and cost. */
export type PtyRun = {
  readonly exitCode: number;
  readonly wallMs: number;
  /** Milliseconds from spawn until `firstFrame` matched the screen text, if asked. */
  readonly firstFrameMs: number | undefined;
  /** Peak resident set size of the process itself (VmHWM), in MB. */
  readonly peakRssMb: number;
  /** Everything written to the terminal, ANSI stripped (bounded to the last 200 kB). */
  readonly screen: string;
  /** When the probe's key was sent and when its effect showed (ms since epoch), if asked. */
  readonly probe: {readonly sentAt: number; readonly seenAt: number | undefined} | undefined;
};

/** Options for {@link runInPty}. */
export type PtyOptions = {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly cols?: number;
  readonly rows?: number;
  /** Text whose first appearance marks the first frame. */
  readonly firstFrame?: string;
  /** Keys to type once `when` appears on the screen. */
  readonly answers?: ReadonlyArray<{
    readonly when: string;
    readonly keys: string;
    readonly delayMs?: number;
  }>;
  readonly timeoutMs?: number;
  /** A key sent once `when` shows, timed until `expect` shows after it (responsiveness). */
  readonly probe?: {readonly when: string; readonly keys: string; readonly expect: string};
};

function peakRssMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `file args` in a pseudo-terminal (CI unset, so Ink renders live) and measures it. */
export async function runInPty(
  file: string,
  args: readonly string[],
  options: PtyOptions = {},
): Promise<PtyRun> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'CI') env[key] = value;
  }
  Object.assign(env, {TERM: 'xterm-256color'}, options.env);
  const started = performance.now();
  const child = spawn(file, [...args], {
    cols: options.cols ?? 120,
    rows: options.rows ?? 40,
    cwd: options.cwd ?? process.cwd(),
    env,
  });
  let screen = '';
  let firstFrameMs: number | undefined;
  let peak = 0;
  const pending = [...(options.answers ?? [])];
  let probe: {sentAt: number; seenAt: number | undefined} | undefined;
  let sinceProbe = '';
  const sampler = setInterval(() => {
    peak = Math.max(peak, peakRssMb(child.pid) ?? 0);
  }, 20);
  child.onData((data) => {
    const text = stripAnsi(data);
    screen = (screen + text).slice(-200_000);
    if (options.probe && probe === undefined && screen.includes(options.probe.when)) {
      probe = {sentAt: Date.now(), seenAt: undefined};
      child.write(options.probe.keys);
    } else if (options.probe && probe?.seenAt === undefined && probe !== undefined) {
      sinceProbe = (sinceProbe + text).slice(-20_000);
      if (sinceProbe.includes(options.probe.expect)) probe.seenAt = Date.now();
    }

    if (firstFrameMs === undefined && options.firstFrame && screen.includes(options.firstFrame)) {
      firstFrameMs = performance.now() - started;
    }
    while (pending[0] && screen.includes(pending[0].when)) {
      const answer = pending.shift()!;
      // A screen starts listening for keys just after its first frame: give it a moment.
      if (answer.delayMs) setTimeout(() => child.write(answer.keys), answer.delayMs);
      else child.write(answer.keys);
    }
  });
  const exitCode = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `timed out after ${options.timeoutMs ?? 120_000} ms; screen ends:\n${screen.slice(-2000)}`,
        ),
      );
    }, options.timeoutMs ?? 120_000);
    child.onExit(({exitCode: code}) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  clearInterval(sampler);
  return {
    exitCode,
    wallMs: performance.now() - started,
    firstFrameMs,
    peakRssMb: peak,
    screen,
    probe,
  };
}
